// "Mon dossier": the resident's situation said once (each fact with when and by whom it was given, and whether it
// must be confirmed), their documents, and the ways in: the situation's form in one page (with the conflict shown
// when another tab or their helper saved first), mandates, shares, requests, new rights and the journal.
import type { FieldError } from '../../../platform/errors.ts';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import { lifeEvent } from '../../navigator/life-events.ts';
import { questions, type FormValues } from '../../navigator/questions.ts';
import { QuestionFields } from '../../navigator/views/fields.tsx';
import { benefits } from '../../rights/benefits/registry.ts';
import {
  differingKeys,
  documentKindLabel,
  documentKinds,
  factLabel,
  factText,
  fileQuestionIds,
  identityKeys,
  receivedKey,
  type StoredFacts,
} from '../facts.ts';
import type { FileConflict, FileView } from '../file.ts';
import type { RequestRow } from '../store.ts';
import { ChoiceGroup, ErrorSummary, FactsTable, TextField, day, errorOf, sizeText, when } from './common.tsx';
import { requestStatusLabels } from './labels.ts';

const crumb = [{ href: '/mon-dossier', label: 'Mon dossier' }];
type Communes = { inseeCode: string; name: string; postalCodes: string[] }[];

/** The overview of the resident's file. */
export function FilePage(props: {
  ctx: ViewContext;
  file: FileView;
  today: string;
  communes: Communes;
  requests: RequestRow[];
  saved: boolean;
  documentErrors: FieldError[];
  documentKind: string;
}) {
  const { ctx, file } = props;
  return (
    <Layout
      ctx={ctx}
      title={props.documentErrors.length > 0 ? 'Erreur — Mon dossier' : 'Mon dossier'}
      breadcrumb={[]}
    >
      <h1>Mon dossier</h1>
      <p class="fr-text--lead">
        Dites-le une fois : votre situation et vos documents sont gardés ici. Chaque questionnaire reprend ce
        qui est à jour et ne vous demande que le reste.
      </p>
      {props.saved && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>Votre dossier est enregistré.</p>
        </div>
      )}
      <ErrorSummary errors={props.documentErrors} />

      <h2>Ma situation</h2>
      <p>
        Un montant mensuel (salaire, allocations, loyer, pension alimentaire) est à confirmer tous les 3 mois
        ; un taux reconnu par la MDPH, la composition du foyer et le reste, tous les 12 mois. Ce qui est à
        confirmer vous sera redemandé.
      </p>
      <FactsTable
        caption="Ma situation"
        facts={file.facts}
        residentId={file.userId}
        names={file.names}
        communes={props.communes}
        today={props.today}
      />
      <a class="fr-btn fr-icon-edit-line fr-btn--icon-left fr-mb-4w" href="/mon-dossier/situation">
        Modifier ma situation
      </a>

      <h2>Mes documents</h2>
      <p>Chiffrés sur nos serveurs. Vous choisissez, à chaque envoi, lesquels partager.</p>
      {file.documents.length === 0 ? (
        <p>Aucun document pour l’instant.</p>
      ) : (
        <ul data-documents>
          {file.documents.map((d) => (
            <li class="fr-mb-1w">
              <a href={`/mon-dossier/documents/${d.fileId}`} download>
                {documentKindLabel(d.kind)} — {d.name} ({sizeText(d.size)})
              </a>
              , ajouté le {day(d.createdAt)}
              {d.mandateId ? ' par votre aidant (sous mandat)' : ''}{' '}
              <form
                method="post"
                action={`/mon-dossier/documents/${d.fileId}/supprimer`}
                class="sc-inline-form"
              >
                <CsrfField ctx={ctx} />
                <button type="submit" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm">
                  Supprimer ce document ({documentKindLabel(d.kind)})
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/mon-dossier/documents" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div
          class={`fr-select-group${errorOf(props.documentErrors, 'type') ? ' fr-select-group--error' : ''}`}
        >
          <label class="fr-label" for="type">
            Type de document
          </label>
          <select class="fr-select" id="type" name="type">
            {documentKinds.map(([id, label]) => (
              <option value={id} selected={props.documentKind === id}>
                {label}
              </option>
            ))}
          </select>
          {errorOf(props.documentErrors, 'type') && (
            <p class="fr-error-text">{errorOf(props.documentErrors, 'type')}</p>
          )}
        </div>
        <div
          class={`fr-upload-group${errorOf(props.documentErrors, 'fichier') ? ' fr-upload-group--error' : ''}`}
        >
          <label class="fr-label" for="fichier">
            Document à ajouter
            <span class="fr-hint-text">PDF ou photo (PNG, JPEG, WebP), 10 Mo au plus.</span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="fichier"
            name="fichier"
            accept="application/pdf,image/png,image/jpeg,image/webp"
            aria-describedby={errorOf(props.documentErrors, 'fichier') ? 'fichier-error' : undefined}
          />
          {errorOf(props.documentErrors, 'fichier') && (
            <p id="fichier-error" class="fr-error-text">
              {errorOf(props.documentErrors, 'fichier')}
            </p>
          )}
        </div>
        <button class="fr-btn fr-btn--secondary fr-mt-2w fr-mb-4w" type="submit">
          Ajouter le document
        </button>
      </form>

      <h2>Mes démarches avec France Services</h2>
      {props.requests.length === 0 ? (
        <p>
          Aucune demande. Depuis le plan d’un moment de vie, « Faire suivre à France Services » envoie votre
          plan et ce que vous choisissez de votre dossier à l’espace de votre choix.
        </p>
      ) : (
        <ul data-requests>
          {props.requests.map((r) => (
            <li>
              <a href={`/mon-dossier/demandes/${r.id}`}>
                {r.placeName ?? r.organisationName}, le {day(r.createdAt)}
              </a>{' '}
              : {requestStatusLabels[r.status]}
            </li>
          ))}
        </ul>
      )}

      <h2>Qui peut voir mon dossier</h2>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-btn--secondary" href="/mon-dossier/mandats">
            Mes mandats à un aidant
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/mon-dossier/partages">
            Ce que chaque organisme voit
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/mon-dossier/journal">
            Qui a consulté ou modifié mon dossier
          </a>
        </li>
      </ul>
      <h2>Être prévenu d’une nouvelle aide</h2>
      <p>
        Avec votre accord, nous ré-estimons vos droits chaque nuit et vous prévenons une fois quand une
        nouvelle aide devient probable.
      </p>
      <a class="fr-btn fr-btn--tertiary" href="/mon-dossier/nouvelles-aides">
        Prévenez-moi si j’ai droit à une nouvelle aide
      </a>
      <p class="fr-mt-4w">
        Tout ce que nous gardons sur vous, son téléchargement et la suppression de votre compte :{' '}
        <a href="/compte/mes-donnees">Mes données</a>.
      </p>
    </Layout>
  );
}

/** The fields of the situation's form: identity, every household question of the navigator, benefits received. */
export function SituationFields(props: {
  values: FormValues;
  errors: FieldError[];
  communes: Communes;
  /** Under a mandate: only the facts its scopes open are shown. */
  only?: (key: string) => boolean;
}) {
  const { values, errors, communes } = props;
  const show = props.only ?? (() => true);
  // The navigator's fields need a moment of life for their titles; none of the file's questions depends on it.
  const neutral = lifeEvent('moving');
  const text = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const received = values[receivedKey];
  const checked = Array.isArray(received) ? received : received ? [received] : [];
  return (
    <>
      {identityKeys.some(show) && (
        <fieldset class="fr-fieldset fr-mb-4w" id="question-identite">
          <legend class="fr-fieldset__legend">
            <h2 class="fr-h5 fr-mb-1w">Votre identité</h2>
            <span class="fr-hint-text">Pour qu’un agent n’ait pas à vous la redemander.</span>
          </legend>
          <div class="fr-fieldset__element">
            {identityKeys.filter(show).map((key) => (
              <TextField
                name={key}
                label={factLabel(key)}
                value={text(key)}
                errors={errors}
                autoComplete={key === 'firstName' ? 'given-name' : 'family-name'}
              />
            ))}
          </div>
        </fieldset>
      )}
      {fileQuestionIds
        .filter((id) =>
          (questions[id].inputs.length > 0 ? questions[id].inputs.map((i) => i.form.key) : [id]).some(show),
        )
        .map((id) => (
          <QuestionFields
            event={neutral}
            question={id}
            values={values}
            errors={errors}
            communes={communes}
            titleAsH1={false}
          />
        ))}
      {show(receivedKey) && (
        <ChoiceGroup
          name={receivedKey}
          legend="Aides que vous touchez déjà"
          hint="Nous ne vous les proposerons pas comme nouvelles aides."
          type="checkbox"
          options={benefits.map((b) => [b.id, b.label] as const)}
          checked={checked}
          errors={errors}
        />
      )}
    </>
  );
}

/** The situation's form, in one page; on a conflict, what the file holds now next to what was typed. */
export function SituationPage(props: {
  ctx: ViewContext;
  values: FormValues;
  errors: FieldError[];
  version: number;
  communes: Communes;
  conflict: { conflict: FileConflict; submitted: Record<string, unknown>; residentId: string } | null;
  action?: string;
  title?: string;
  intro?: string;
  only?: (key: string) => boolean;
  crumbs?: { href: string; label: string }[];
}) {
  const { ctx, errors, conflict } = props;
  const title = props.title ?? 'Ma situation';
  return (
    <Layout
      ctx={ctx}
      title={`${errors.length > 0 || conflict ? 'Erreur — ' : ''}${title}`}
      breadcrumb={props.crumbs ?? crumb}
    >
      <h1>{title}</h1>
      <p>
        {props.intro ??
          'Remplissez ce que vous savez ; laissez vide ce que vous ne savez pas. Les montants sont mensuels et nets.'}
      </p>
      {conflict && <ConflictNotice {...conflict} communes={props.communes} />}
      <ErrorSummary errors={errors} />
      <form method="post" action={props.action ?? '/mon-dossier/situation'} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(props.version)} />
        <SituationFields values={props.values} errors={errors} communes={props.communes} only={props.only} />
        <button class="fr-btn" type="submit">
          {conflict ? 'Enregistrer ma version quand même' : 'Enregistrer'}
        </button>
      </form>
    </Layout>
  );
}

/** The conflict: the file changed since the page was opened; what it holds now against what was typed. */
function ConflictNotice(props: {
  conflict: FileConflict;
  submitted: Record<string, unknown>;
  residentId: string;
  communes: { inseeCode: string; name: string }[];
}) {
  const { conflict, submitted } = props;
  const keys = differingKeys(conflict.facts, submitted);
  const lastAuthors = [...new Set(Object.values(conflict.facts).map((f) => f.by))]
    .flatMap((by) => (by && by !== props.residentId ? [conflict.names.get(by) ?? 'un agent'] : []))
    .join(', ');
  return (
    <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert" data-conflict>
      <h2 class="fr-alert__title">Votre dossier a été modifié entre-temps</h2>
      <p>
        Il a été enregistré {conflict.updatedAt ? `le ${when(conflict.updatedAt)}` : 'depuis'} (dans un autre
        onglet
        {lastAuthors ? `, ou par ${lastAuthors}` : ''}) après l’ouverture de cette page. Rien n’a été écrasé :
        voici ce qui diffère. Vérifiez, puis enregistrez votre version si c’est la bonne.
      </p>
      <ul data-differences>
        {keys.map((k) => (
          <li>
            <strong>{factLabel(k)}</strong> : enregistré « {factText(k, conflict.facts[k]?.v, props.communes)}{' '}
            », votre saisie « {factText(k, submitted[k], props.communes)} »
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Facts to show as a plain list (a shared file, a request). */
export function FactsList({
  facts,
  communes,
}: {
  facts: StoredFacts;
  communes: { inseeCode: string; name: string }[];
}) {
  const keys = Object.keys(facts);
  if (keys.length === 0) return <p>Aucune information partagée.</p>;
  return (
    <dl data-facts>
      {keys.map((k) => (
        <>
          <dt>
            <strong>{factLabel(k)}</strong>
          </dt>
          <dd>
            {factText(k, facts[k]!.v, communes)}{' '}
            <span class="fr-text--xs">(donnée le {day(facts[k]!.at)})</span>
          </dd>
        </>
      ))}
    </dl>
  );
}
