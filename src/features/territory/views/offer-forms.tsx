// The offer's editing forms: a place (its details, contacts, hours and closures), a service (reference lists as
// checkbox groups) and an organisation. Each is re-shown after a wrong field with the French message beside it,
// the error summary at the top and what the person typed kept.
import type { ComponentChildren } from 'preact';
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import {
  Checkbox,
  ErrorSummary,
  errorOf,
  Fieldset,
  Radio,
  SelectGroup,
  TextField,
} from '../../../platform/views/form.tsx';
import { toOsmOpeningHours } from '../hours.ts';
import { publics, typesService } from '../data-inclusion-lists.ts';
import {
  organisationKinds,
  placeKinds,
  publicLabels,
  serviceTypeLabels,
  themesByFamily,
} from '../offer-vocabulary.ts';
import { usageModeLabels, usageModes, type Service } from '../services.ts';
import type { Place } from '../store.ts';
import type { OrganisationDetails } from '../offer-store.ts';

/** What a form was sent with (ticked boxes repeat). */
export type FormValues = Record<string, string | string[] | undefined>;

/** The one value a form sent for a field (the first when repeated). */
export const one = (values: FormValues, name: string): string => {
  const raw = values[name];
  return Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
};
const many = (values: FormValues, name: string): string[] => {
  const raw = values[name];
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
};

const breadcrumb = [{ href: '/offre', label: 'L’offre du territoire' }];

/** The success message after a change, when there is one. */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
      <p>{text}</p>
    </div>
  );
}

/** A DSFR select of plain options, the stored value selected. */
function Select(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  options: { value: string; label: string }[];
  error: string | undefined;
  placeholder?: string;
}) {
  return (
    <SelectGroup
      name={props.name}
      label={props.label}
      error={props.error}
      {...(props.hint ? { hint: props.hint } : {})}
    >
      {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === props.value}>
          {o.label}
        </option>
      ))}
    </SelectGroup>
  );
}

/** A group of checkboxes for a reference list. */
function Checkboxes(props: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string | undefined;
  id?: string;
}) {
  const id = props.id ?? props.name;
  return (
    <Fieldset id={id} legend={props.legend} {...(props.hint ? { hint: props.hint } : {})} error={props.error}>
      {props.options.map((o) => (
        <Checkbox
          id={`${props.name}-${o.value}`}
          name={props.name}
          value={o.value}
          label={o.label}
          checked={props.checked.includes(o.value)}
        />
      ))}
    </Fieldset>
  );
}

/**
 * One part of a long form: a DSFR fieldset whose legend is a heading (a screen reader lists the parts, a person
 * on a phone sees where they are), its fields one per element.
 */
function Section(props: { id: string; title: string; children: ComponentChildren }) {
  const children = Array.isArray(props.children) ? props.children : [props.children];
  return (
    <fieldset class="fr-fieldset" id={props.id} aria-labelledby={`${props.id}-legend`}>
      <legend class="fr-fieldset__legend" id={`${props.id}-legend`}>
        <h2 class="fr-h5 fr-mb-0">{props.title}</h2>
      </legend>
      {children.map((c) => (
        <div class="fr-fieldset__element">{c}</div>
      ))}
    </fieldset>
  );
}

function Form(props: { action: string; submit: string; children: ComponentChildren; ctx: ViewContext }) {
  return (
    <form method="post" action={props.action} class="fr-mb-4w" novalidate>
      <CsrfField ctx={props.ctx} />
      {props.children}
      <button class="fr-btn" type="submit">
        {props.submit}
      </button>
    </form>
  );
}

// ── places ───────────────────────────────────────────────────────────────────────────────────────────────

/** The form values of a stored place. */
export function placeFormValues(place: Place): FormValues {
  return {
    nom: place.name,
    type: place.kind,
    organisme: place.organisation?.id ?? '',
    adresse: place.address ?? '',
    complement: place.addressComplement ?? '',
    code_postal: place.postalCode ?? '',
    commune: place.commune?.inseeCode ?? '',
    latitude: place.latitude?.toString() ?? '',
    longitude: place.longitude?.toString() ?? '',
    telephone: place.phone ?? '',
    courriel: place.email ?? '',
    horaires:
      toOsmOpeningHours(place.openingHours, { openOnPublicHolidays: place.openOnPublicHolidays }) ?? '',
    note: place.hoursNote ?? '',
  };
}

export const placeFieldLabels: Record<string, string> = {
  nom: 'Nom',
  type: 'Type de lieu',
  organisme: 'Organisme',
  adresse: 'Adresse',
  complement: 'Complément d’adresse',
  code_postal: 'Code postal',
  commune: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  telephone: 'Téléphone',
  courriel: 'Courriel',
  horaires: 'Horaires',
  note: 'Précision',
  du: 'Fermé du',
  au: 'Au',
};

/** A place's form: creation (no `place`) or change, with its closures when it exists. */
export function PlaceFormPage(props: {
  ctx: ViewContext;
  place?: Place;
  territory: { id: string; name: string };
  choices: {
    communes: { inseeCode: string; name: string }[];
    organisations: { id: string; name: string }[];
  };
  /** The pilot and administrators choose the organisation; a manager's place stays in its organisation. */
  mayMove: boolean;
  closures?: { id: string; starts_on: string; ends_on: string; reason: string }[];
  values?: FormValues;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, place, errors } = props;
  const v = props.values ?? (place ? placeFormValues(place) : {});
  const e = (name: string) => errorOf(errors, name);
  const title = place ? `Modifier le lieu : ${place.name}` : 'Ajouter un lieu';
  return (
    <Layout ctx={ctx} title={title} breadcrumb={breadcrumb}>
      <h1>{place ? place.name : `Ajouter un lieu — ${props.territory.name}`}</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} labels={placeFieldLabels} />
      {place && (
        <p>
          <a href={`/lieux/${place.slug}`}>Voir la fiche publique du lieu</a>
        </p>
      )}
      <Form
        ctx={ctx}
        action={
          place ? `/offre/lieux/${place.slug}` : `/offre/lieux/nouveau?territoire=${props.territory.id}`
        }
        submit={place ? 'Enregistrer le lieu' : 'Créer le lieu'}
      >
        <TextField name="nom" label="Nom du lieu" value={one(v, 'nom')} error={e('nom')} required />
        <Select
          name="type"
          label="Type de lieu"
          value={one(v, 'type')}
          placeholder="Choisir"
          options={Object.entries(placeKinds).map(([value, label]) => ({ value, label }))}
          error={e('type')}
        />
        {props.mayMove ? (
          <Select
            name="organisme"
            label="Organisme qui tient ce lieu"
            value={one(v, 'organisme')}
            placeholder="Choisir"
            options={props.choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
            error={e('organisme')}
          />
        ) : (
          place?.organisation && <p>Organisme : {place.organisation.name}</p>
        )}
        <TextField
          name="adresse"
          label="Adresse"
          hint="Numéro et voie, exemple : 12 place de la Libération"
          value={one(v, 'adresse')}
          error={e('adresse')}
          autocomplete="address-line1"
        />
        <TextField
          name="complement"
          label="Complément d’adresse (facultatif)"
          value={one(v, 'complement')}
          error={e('complement')}
          autocomplete="address-line2"
        />
        <TextField
          name="code_postal"
          label="Code postal"
          value={one(v, 'code_postal')}
          error={e('code_postal')}
          inputMode="numeric"
          autocomplete="postal-code"
        />
        <Select
          name="commune"
          label="Commune"
          hint="Une commune du territoire"
          value={one(v, 'commune')}
          placeholder={place ? 'Non renseignée' : 'Choisir'}
          options={props.choices.communes.map((c) => ({
            value: c.inseeCode,
            label: `${c.name} (${c.inseeCode})`,
          }))}
          error={e('commune')}
        />
        <TextField
          name="latitude"
          label="Latitude (facultatif)"
          hint="En degrés décimaux, entre -90 et 90, exemple : 44.4475. Laissées vides, les distances se comptent depuis le centre de la commune."
          value={one(v, 'latitude')}
          error={e('latitude')}
        />
        <TextField
          name="longitude"
          label="Longitude (facultatif)"
          hint="En degrés décimaux, entre -180 et 180, exemple : 1.4412"
          value={one(v, 'longitude')}
          error={e('longitude')}
        />
        <TextField
          name="telephone"
          label="Téléphone"
          type="tel"
          value={one(v, 'telephone')}
          error={e('telephone')}
        />
        <TextField
          name="courriel"
          label="Courriel"
          type="email"
          value={one(v, 'courriel')}
          error={e('courriel')}
        />
        <TextField
          name="horaires"
          label="Horaires d’ouverture"
          hint="Format OpenStreetMap : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off (fermé les jours fériés)"
          value={one(v, 'horaires')}
          error={e('horaires')}
        />
        <TextField
          name="note"
          label="Précision pour les usagers (facultatif)"
          value={one(v, 'note')}
          error={e('note')}
        />
      </Form>
      {place && props.closures && (
        <Closures ctx={ctx} place={place} closures={props.closures} errors={errors} />
      )}
    </Layout>
  );
}

function Closures(props: {
  ctx: ViewContext;
  place: Place;
  closures: { id: string; starts_on: string; ends_on: string; reason: string }[];
  errors: FieldError[];
}) {
  const { ctx, place, errors } = props;
  return (
    <>
      <h2>Fermetures exceptionnelles</h2>
      <ul>
        {props.closures.map((c) => (
          <li>
            du {frenchDate(c.starts_on)} au {frenchDate(c.ends_on)} {c.reason && `(${c.reason})`}
            <form
              method="post"
              action={`/offre/lieux/${place.slug}/fermetures/${c.id}/supprimer`}
              class="fr-mt-1w"
            >
              <CsrfField ctx={ctx} />
              <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                Retirer la fermeture<span class="fr-sr-only"> du {frenchDate(c.starts_on)}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={`/offre/lieux/${place.slug}/fermetures`}>
        <CsrfField ctx={ctx} />
        <TextField name="du" label="Fermé du" hint="AAAA-MM-JJ" type="date" error={errorOf(errors, 'du')} />
        <TextField
          name="au"
          label="Au (inclus)"
          hint="AAAA-MM-JJ"
          type="date"
          error={errorOf(errors, 'au')}
        />
        <TextField name="motif" label="Motif affiché aux usagers" />
        <button class="fr-btn fr-btn--secondary" type="submit">
          Ajouter la fermeture
        </button>
      </form>
    </>
  );
}

// ── services ─────────────────────────────────────────────────────────────────────────────────────────────

/** The form values of a stored service. */
export function serviceFormValues(s: Service): FormValues {
  return {
    nom: s.name,
    description: s.description,
    organisme: s.organisation.id,
    type: s.kind ?? '',
    thematiques: s.themes,
    publics: s.publics,
    precisions_publics: s.publicsDetails ?? '',
    frais: s.fees ?? '',
    precisions_frais: s.feesDetails ?? '',
    modes: s.usageModes,
    lien: s.onlineUrl ?? '',
    telephone: s.phone ?? '',
    courriel: s.email ?? '',
    prerequis: s.prerequisites.join('\n'),
    documents: s.documents.join('\n'),
    lieux: s.places.map((p) => p.id),
    distance: s.atDistance ? 'oui' : '',
    bus: s.onBus ? 'oui' : '',
    zone: s.eligibilityZone.join(' '),
    publie: s.published ? 'oui' : '',
  };
}

export const serviceFieldLabels: Record<string, string> = {
  nom: 'Nom',
  description: 'Description',
  organisme: 'Organisme',
  type: 'Type',
  thematiques: 'Thématiques',
  publics: 'Publics',
  precisions_publics: 'Précisions sur les publics',
  precisions_frais: 'Précisions sur les frais',
  modes: 'Comment le solliciter',
  lien: 'Adresse du service en ligne',
  telephone: 'Téléphone',
  courriel: 'Courriel',
  prerequis: 'Prérequis',
  documents: 'Pièces à apporter',
  lieux: 'Où',
  zone: 'Zone d’éligibilité',
};

/** A service's form: creation (no `service`) or change. */
export function ServiceFormPage(props: {
  ctx: ViewContext;
  service?: Service;
  territory: { id: string; name: string };
  choices: {
    organisations: { id: string; name: string }[];
    places: { id: string; name: string; communeName: string | null }[];
  };
  values?: FormValues;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, service, errors } = props;
  const v = props.values ?? (service ? serviceFormValues(service) : { publie: 'oui' });
  const e = (name: string) => errorOf(errors, name);
  const themes = many(v, 'thematiques');
  return (
    <Layout
      ctx={ctx}
      title={service ? `Modifier le service : ${service.name}` : 'Ajouter un service'}
      breadcrumb={breadcrumb}
    >
      <h1>{service ? service.name : `Ajouter un service — ${props.territory.name}`}</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} labels={serviceFieldLabels} />
      {service && (
        <p>
          Vérifié le {frenchDate(service.lastCheckedOn)}. Enregistrer ce formulaire le marque vérifié
          aujourd’hui.
        </p>
      )}
      <Form
        ctx={ctx}
        action={
          service
            ? `/offre/services/${service.id}`
            : `/offre/services/nouveau?territoire=${props.territory.id}`
        }
        submit={service ? 'Enregistrer le service' : 'Créer le service'}
      >
        <Section id="le-service" title="Le service">
          <TextField name="nom" label="Nom du service" value={one(v, 'nom')} error={e('nom')} required />
          <TextField
            name="description"
            label="Description"
            hint="Ce que le service fait pour l’usager, en phrases simples."
            value={one(v, 'description')}
            error={e('description')}
            textarea
            required
          />
          <Select
            name="organisme"
            label="Organisme qui rend ce service"
            value={one(v, 'organisme')}
            {...(props.choices.organisations.length > 1 ? { placeholder: 'Choisir' } : {})}
            options={props.choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
            error={e('organisme')}
          />
          <Select
            name="type"
            label="Type de service (facultatif)"
            value={one(v, 'type')}
            placeholder="Non précisé"
            options={typesService.map((t) => ({ value: t, label: serviceTypeLabels[t] }))}
            error={e('type')}
          />
        </Section>
        <Section id="pour-qui" title="Pour qui">
          <fieldset class="fr-fieldset" id="thematiques" aria-labelledby="thematiques-legend">
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="thematiques-legend">
              Thématiques
              <span class="fr-hint-text">
                Liste de référence data·inclusion ; cochez celles qui décrivent le service.
              </span>
            </legend>
            {e('thematiques') && <p class="fr-error-text fr-mb-2w">{e('thematiques')}</p>}
            {themesByFamily().map((group) => {
              // Seventy themes in twenty families: each family folds (a native disclosure, without JavaScript)
              // and opens by itself when one of its themes is ticked, so the form stays short on a phone.
              const ticked = group.themes.filter((t) => themes.includes(t.code)).length;
              return (
                <div class="fr-fieldset__element">
                  <details open={ticked > 0} class="fr-mb-1w">
                    <summary class="fr-text--md">
                      {group.label}
                      {ticked > 0 && ` (${ticked} cochée${ticked > 1 ? 's' : ''})`}
                    </summary>
                    <Checkboxes
                      id={`thematiques-${group.family}`}
                      name="thematiques"
                      legend={group.label}
                      options={group.themes.map((t) => ({ value: t.code, label: t.label }))}
                      checked={themes}
                    />
                  </details>
                </div>
              );
            })}
          </fieldset>
          <Checkboxes
            name="publics"
            legend="Publics"
            options={publics.map((p) => ({ value: p, label: publicLabels[p] }))}
            checked={many(v, 'publics')}
            error={e('publics')}
          />
          <TextField
            name="precisions_publics"
            label="Précisions sur les publics (facultatif)"
            value={one(v, 'precisions_publics')}
            error={e('precisions_publics')}
          />
        </Section>
        <Section id="cout" title="Frais">
          <Fieldset id="frais" legend="Le service est-il payant ?" inline>
            <Radio name="frais" value="gratuit" label="Gratuit" checked={one(v, 'frais') === 'gratuit'} />
            <Radio name="frais" value="payant" label="Payant" checked={one(v, 'frais') === 'payant'} />
            <Radio name="frais" value="" label="Non précisé" checked={one(v, 'frais') === ''} />
          </Fieldset>
          <TextField
            name="precisions_frais"
            label="Précisions sur les frais (facultatif)"
            value={one(v, 'precisions_frais')}
            error={e('precisions_frais')}
          />
        </Section>
        <Section id="comment" title="Comment le solliciter">
          <Checkboxes
            name="modes"
            legend="Façons de solliciter le service"
            options={usageModes.map((m) => ({ value: m, label: usageModeLabels[m] }))}
            checked={many(v, 'modes')}
            error={e('modes')}
          />
          <TextField
            name="lien"
            label="Adresse du service en ligne (facultatif)"
            hint="Commence par https://"
            value={one(v, 'lien')}
            error={e('lien')}
          />
          <TextField
            name="telephone"
            label="Téléphone du service (facultatif)"
            hint="Un numéro français, exemple : 05 65 20 40 40 ou 3230"
            type="tel"
            value={one(v, 'telephone')}
            error={e('telephone')}
          />
          <TextField
            name="courriel"
            label="Courriel du service (facultatif)"
            type="email"
            value={one(v, 'courriel')}
            error={e('courriel')}
          />
        </Section>
        <Section id="conditions" title="Conditions et pièces à apporter">
          <TextField
            name="prerequis"
            label="Prérequis (facultatif)"
            hint="Un par ligne, exemple : être allocataire de la Caf"
            value={one(v, 'prerequis')}
            error={e('prerequis')}
            textarea
          />
          <TextField
            name="documents"
            label="Pièces à apporter (facultatif)"
            hint="Une par ligne, exemple : pièce d’identité"
            value={one(v, 'documents')}
            error={e('documents')}
            textarea
          />
        </Section>
        <Section id="ou" title="Où">
          <Checkboxes
            name="lieux"
            legend="Lieux où le service est rendu"
            options={props.choices.places.map((p) => ({
              value: p.id,
              label:
                p.communeName && !p.name.includes(p.communeName) ? `${p.name} (${p.communeName})` : p.name,
            }))}
            checked={many(v, 'lieux')}
            error={e('lieux')}
          />
          <Fieldset id="ailleurs" legend="Ailleurs que dans un lieu">
            <Checkbox
              id="distance"
              name="distance"
              value="oui"
              label="À distance (téléphone, visio, en ligne)"
              checked={one(v, 'distance') === 'oui'}
            />
            <Checkbox
              id="bus"
              name="bus"
              value="oui"
              label="Dans le bus France Services"
              checked={one(v, 'bus') === 'oui'}
            />
          </Fieldset>
          <TextField
            name="zone"
            label="Zone d’éligibilité (facultatif)"
            hint="Codes INSEE des communes du territoire dont les habitants peuvent en bénéficier, séparés par des espaces, exemple : 46042 46007. Vide : tout le territoire."
            value={one(v, 'zone')}
            error={e('zone')}
          />
        </Section>
        <Section id="visibilite-section" title="Visibilité">
          <Fieldset id="visibilite" legend="Sur les pages publiques">
            <Checkbox
              id="publie"
              name="publie"
              value="oui"
              label="Visible du public (décocher pour le masquer sans le supprimer)"
              checked={one(v, 'publie') === 'oui'}
            />
          </Fieldset>
        </Section>
      </Form>
    </Layout>
  );
}

// ── organisations ────────────────────────────────────────────────────────────────────────────────────────

export const organisationFieldLabels: Record<string, string> = {
  nom: 'Nom',
  type: 'Type d’organisme',
  description: 'Description',
  site: 'Site web',
  telephone: 'Téléphone',
  courriel: 'Courriel',
};

/** An organisation's form: creation (no `organisation`) or change. */
export function OrganisationFormPage(props: {
  ctx: ViewContext;
  organisation?: OrganisationDetails;
  territory?: { id: string; name: string };
  values?: FormValues;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, organisation: o, errors } = props;
  const v: FormValues =
    props.values ??
    (o
      ? {
          nom: o.name,
          type: o.kind,
          description: o.description,
          site: o.website ?? '',
          telephone: o.phone ?? '',
          courriel: o.email ?? '',
        }
      : {});
  const e = (name: string) => errorOf(errors, name);
  return (
    <Layout
      ctx={ctx}
      title={o ? `Modifier l’organisme : ${o.name}` : 'Ajouter un organisme'}
      breadcrumb={breadcrumb}
    >
      <h1>{o ? o.name : `Ajouter un organisme — ${props.territory?.name ?? ''}`}</h1>
      <Notice text={props.notice} />
      <ErrorSummary errors={errors} labels={organisationFieldLabels} />
      <Form
        ctx={ctx}
        action={
          o
            ? `/offre/organismes/${o.slug}`
            : `/offre/organismes/nouveau?territoire=${props.territory?.id ?? ''}`
        }
        submit={o ? 'Enregistrer l’organisme' : 'Créer l’organisme'}
      >
        <TextField name="nom" label="Nom de l’organisme" value={one(v, 'nom')} error={e('nom')} required />
        <Select
          name="type"
          label="Type d’organisme"
          value={one(v, 'type')}
          placeholder="Choisir"
          options={Object.entries(organisationKinds).map(([value, label]) => ({ value, label }))}
          error={e('type')}
        />
        <TextField
          name="description"
          label="Description (facultatif)"
          value={one(v, 'description')}
          error={e('description')}
          textarea
        />
        <TextField
          name="site"
          label="Site web (facultatif)"
          hint="Commence par https://"
          value={one(v, 'site')}
          error={e('site')}
        />
        <TextField
          name="telephone"
          label="Téléphone (facultatif)"
          type="tel"
          value={one(v, 'telephone')}
          error={e('telephone')}
        />
        <TextField
          name="courriel"
          label="Courriel de contact (facultatif)"
          type="email"
          value={one(v, 'courriel')}
          error={e('courriel')}
        />
      </Form>
    </Layout>
  );
}

/** Which territory to add to, for an actor who works on several. */
export function ChooseTerritoryPage(props: {
  ctx: ViewContext;
  title: string;
  path: string;
  territories: { id: string; name: string }[];
}) {
  return (
    <Layout ctx={props.ctx} title={props.title} breadcrumb={breadcrumb}>
      <h1>{props.title}</h1>
      <p>Sur quel territoire ?</p>
      <ul>
        {props.territories.map((t) => (
          <li>
            <a href={`${props.path}?territoire=${t.id}`}>{t.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
