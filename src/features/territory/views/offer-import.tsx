// The import page of the territory's offer: a form (territory, format, owning organisation, file), then the preview
// of what the file would change — its per-line errors, the places to create, the differences of each place to
// update — with a confirm form that carries the file's text back, and finally what was saved.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { ErrorSummary, errorOf, Fieldset, Radio, SelectGroup } from '../../../platform/views/form.tsx';
import { toOsmOpeningHours } from '../hours.ts';
import { findOfficialCommune } from '../geo.ts';
import { importFormats, type ImportedPlace, type ImportPreview } from '../import-offer.ts';

const breadcrumb = [{ href: '/offre', label: 'L’offre du territoire' }];
const title = 'Importer un fichier de lieux';

/** What the form was sent with. */
export interface ImportValues {
  territoire: string;
  format: string;
  organisme: string;
}

export interface ImportPageProps {
  ctx: ViewContext;
  /** The territories the actor keeps (a select only when there are several). */
  territories: { id: string; name: string }[];
  /** The organisations of each of those territories, for the owner of the created places. */
  organisations: { territory: { id: string; name: string }; options: { slug: string; name: string }[] }[];
  values: ImportValues;
  errors: FieldError[];
  /** The dry run of the file sent, with its text to send back on confirmation. */
  preview?: { result: ImportPreview; text: string };
  /** What an applied import saved. */
  saved?: ImportPreview;
}

const plural = (n: number, one: string, many: string) =>
  n === 0 ? `aucun ${one}` : `${n} ${n > 1 ? many : one}`;
const communeName = (insee: string) => findOfficialCommune(insee)?.commune.nom ?? insee;

/** The field a label points to, for the error summary. */
const fieldLabels: Record<string, string> = {
  territoire: 'Territoire',
  format: 'Format',
  organisme: 'Organisme',
  fichier: 'Fichier',
};

/** The import page: the form, and the preview or the result of the file sent. */
export function ImportPage(props: ImportPageProps) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title={title} breadcrumb={breadcrumb}>
      <h1>{title}</h1>
      {props.saved && <Saved saved={props.saved} />}
      {props.preview && (
        <Preview
          ctx={ctx}
          values={values}
          owner={
            props.organisations.flatMap((g) => g.options).find((o) => o.slug === values.organisme)?.name ??
            null
          }
          {...props.preview}
        />
      )}
      <ErrorSummary errors={errors} labels={fieldLabels} />
      {props.preview || props.saved ? <h2>Envoyer un autre fichier</h2> : <Intro />}
      <form method="post" action="/offre/import" encType="multipart/form-data" class="fr-mb-4w" novalidate>
        <CsrfField ctx={ctx} />
        {props.territories.length > 1 ? (
          <SelectGroup name="territoire" label="Territoire" error={errorOf(errors, 'territoire')}>
            <option value="">Choisissez le territoire</option>
            {props.territories.map((t) => (
              <option value={t.id} selected={t.id === values.territoire}>
                {t.name}
              </option>
            ))}
          </SelectGroup>
        ) : (
          <input type="hidden" name="territoire" value={props.territories[0]?.id ?? ''} />
        )}
        <Fieldset id="format" legend="Format du fichier" error={errorOf(errors, 'format')}>
          {Object.entries(importFormats).map(([value, label]) => (
            <Radio name="format" value={value} label={label} checked={values.format === value} />
          ))}
        </Fieldset>
        <SelectGroup
          name="organisme"
          label="Organisme des lieux créés (facultatif)"
          hint="Les lieux déjà enregistrés gardent leur organisme."
          error={errorOf(errors, 'organisme')}
        >
          <option value="">Aucun organisme</option>
          {props.organisations.map((group) => {
            const options = group.options.map((o) => (
              <option value={o.slug} selected={o.slug === values.organisme}>
                {o.name}
              </option>
            ));
            return props.organisations.length > 1 ? (
              <optgroup label={group.territory.name}>{options}</optgroup>
            ) : (
              options
            );
          })}
        </SelectGroup>
        <FileField error={errorOf(errors, 'fichier')} />
        <button class="fr-btn" type="submit">
          Voir l’aperçu (rien n’est enregistré)
        </button>
      </form>
    </Layout>
  );
}

function Intro() {
  return (
    <>
      <p>
        Envoyez la liste des structures France services publiée par l’ANCT (CSV) ou un fichier de structures
        au schéma data·inclusion (JSON). Vous voyez d’abord ce qui changerait : les erreurs ligne par ligne,
        les lieux à créer et les différences avec ce qui est enregistré (horaires, téléphone, adresse…).
      </p>
      <p>
        Rien n’est enregistré avant votre confirmation, et l’import se fait en entier ou pas du tout. Les
        lieux hors du territoire sont ignorés.
      </p>
    </>
  );
}

function FileField({ error }: { error: string | undefined }) {
  return (
    <div class={`fr-upload-group${error ? ' fr-upload-group--error' : ''} fr-mb-3w`}>
      <label class="fr-label" for="fichier">
        Fichier
        <span class="fr-hint-text" id="fichier-hint">
          CSV ou JSON en UTF-8, 2 Mo au plus.
        </span>
      </label>
      <input
        class="fr-upload"
        type="file"
        id="fichier"
        name="fichier"
        accept=".csv,.json,text/csv,application/json"
        aria-describedby={error ? 'fichier-hint fichier-error' : 'fichier-hint'}
      />
      {error && (
        <p class="fr-error-text" id="fichier-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Counts({ result, verb }: { result: ImportPreview; verb: 'preview' | 'saved' }) {
  const lines =
    verb === 'preview'
      ? [
          ['À créer', result.create.length],
          ['À mettre à jour', result.update.length],
          ['Identiques à ce qui est enregistré', result.unchanged],
          ['Hors du territoire (ignorés)', result.outside],
        ]
      : [
          ['Créés', result.create.length],
          ['Mis à jour', result.update.length],
          ['Déjà identiques', result.unchanged],
          ['Hors du territoire (ignorés)', result.outside],
        ];
  return (
    <ul class="fr-mb-3w" data-counts>
      {lines.map(([label, n]) => (
        <li>
          {label} : <strong>{n}</strong>
        </li>
      ))}
    </ul>
  );
}

function PlacesToCreate({ places }: { places: ImportedPlace[] }) {
  if (places.length === 0) return null;
  return (
    <>
      <h3>{plural(places.length, 'lieu à créer', 'lieux à créer')}</h3>
      <ul data-create>
        {places.map((p) => (
          <li>
            <strong>{p.name}</strong> —{' '}
            {[p.address, p.postalCode, communeName(p.communeInsee)].filter(Boolean).join(', ')}
            {p.openingHours.length > 0 && (
              <> — horaires « {toOsmOpeningHours(p.openingHours)} »</>
            )} (ligne {p.line})
          </li>
        ))}
      </ul>
    </>
  );
}

function PlacesToUpdate({ updates, done }: { updates: ImportPreview['update']; done?: boolean }) {
  if (updates.length === 0) return null;
  return (
    <>
      <h3>
        {done
          ? plural(updates.length, 'lieu mis à jour', 'lieux mis à jour')
          : plural(updates.length, 'lieu à mettre à jour', 'lieux à mettre à jour')}
      </h3>
      {updates.map((u) => (
        <div class="fr-mb-2w" data-update={u.place.slug}>
          <p class="fr-mb-1v">
            <strong>{u.place.name}</strong> (ligne {u.incoming.line})
          </p>
          <ul>
            {u.differences.map((d) => (
              <li>{d}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function Preview(props: {
  ctx: ViewContext;
  values: ImportValues;
  /** The organisation that will own the created places, if one was chosen. */
  owner: string | null;
  result: ImportPreview;
  text: string;
}) {
  const { result } = props;
  const changes = result.create.length + result.update.length;
  return (
    <section class="fr-mb-6w" aria-labelledby="apercu">
      <h2 id="apercu">Aperçu du fichier</h2>
      {result.errors.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert" data-line-errors>
          <h3 class="fr-alert__title">
            {result.errors.length === 1
              ? 'Le fichier contient une erreur : rien ne peut être enregistré'
              : `Le fichier contient ${result.errors.length} erreurs : rien ne peut être enregistré`}
          </h3>
          <p>
            Corrigez ces lignes dans le fichier et envoyez-le de nouveau ; l’import se fait en entier ou pas
            du tout.
          </p>
          <ul>
            {result.errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      <Counts result={result} verb="preview" />
      <PlacesToCreate places={result.create} />
      {result.create.length > 0 && (
        <p data-owner>
          {props.owner
            ? `Les lieux créés appartiendront à : ${props.owner}.`
            : 'Les lieux créés n’appartiendront à aucun organisme (vous pourrez en choisir un sur leur page).'}
        </p>
      )}
      <PlacesToUpdate updates={result.update} />
      {result.errors.length === 0 &&
        (changes === 0 ? (
          <p class="fr-alert fr-alert--info">
            Rien à enregistrer : le fichier dit la même chose que ce qui est enregistré.
          </p>
        ) : (
          <form method="post" action="/offre/import" encType="multipart/form-data">
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="territoire" value={props.values.territoire} />
            <input type="hidden" name="format" value={props.values.format} />
            <input type="hidden" name="organisme" value={props.values.organisme} />
            <input type="hidden" name="contenu" value={props.text} />
            <input type="hidden" name="appliquer" value="1" />
            <p>Rien n’est encore enregistré. Chaque changement sera inscrit au journal à votre nom.</p>
            <button class="fr-btn" type="submit">
              {changes === 1 ? 'Enregistrer ce changement' : `Enregistrer ces ${changes} changements`}
            </button>
          </form>
        ))}
    </section>
  );
}

function Saved({ saved }: { saved: ImportPreview }) {
  const created = saved.create.length;
  const updated = saved.update.length;
  return (
    <section class="fr-mb-6w" aria-labelledby="enregistre">
      <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
        <h2 class="fr-alert__title" id="enregistre">
          Import enregistré : {plural(created, 'lieu créé', 'lieux créés')},{' '}
          {plural(updated, 'lieu mis à jour', 'lieux mis à jour')}
        </h2>
        <p>Les usagers voient ces lieux dans l’annuaire ; chaque changement est inscrit au journal.</p>
      </div>
      <Counts result={saved} verb="saved" />
      {created > 0 && (
        <ul>
          {saved.create.map((p) => (
            <li>{p.name}</li>
          ))}
        </ul>
      )}
      <PlacesToUpdate updates={saved.update} done />
      <p>
        <a href="/offre">Retour à l’offre du territoire</a>
      </p>
    </section>
  );
}
