// The offer's pages for the people who keep it right: organisation managers (their places and services), the
// territory's pilot and administrators (the whole territory); the freshness report.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { frenchDate } from '../../../platform/dates.ts';
import { toOsmOpeningHours } from '../hours.ts';
import type { Place } from '../store.ts';
import type { Service } from '../services.ts';

function Field(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  errors: FieldError[];
  type?: string;
}) {
  const error = props.errors.find((e) => e.field === props.name)?.message;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={props.name}>
        {props.label}
        {props.hint && <span class="fr-hint-text">{props.hint}</span>}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        aria-describedby={error ? `${props.name}-error` : undefined}
      />
      {error && (
        <p id={`${props.name}-error`} class="fr-error-text">
          {error}
        </p>
      )}
    </div>
  );
}

function ServiceRow({ ctx, service, stale }: { ctx: ViewContext; service: Service; stale: boolean }) {
  return (
    <li class="fr-mb-2w" data-service={service.slug}>
      <strong>{service.name}</strong> — {service.organisation.name}, vérifié le{' '}
      {frenchDate(service.lastCheckedOn)}
      {stale && <span class="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">à vérifier</span>}
      <form method="post" action={`/offre/services/${service.id}/verifie`} class="fr-mt-1w">
        <CsrfField ctx={ctx} />
        <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
          Informations vérifiées aujourd’hui<span class="fr-sr-only"> : {service.name}</span>
        </button>
      </form>
    </li>
  );
}

/** What the actor may keep up to date. */
export function OfferPage(props: {
  ctx: ViewContext;
  places: Place[];
  services: Service[];
  stale: Set<string>;
  months: number;
  notice?: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="L’offre du territoire" breadcrumb={[]}>
      <h1>L’offre du territoire</h1>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      <p>
        Les usagers lisent ces informations pour savoir où aller. Un service non vérifié depuis {props.months}{' '}
        mois est signalé. <a href="/offre/fraicheur">Rapport de fraîcheur</a>
      </p>
      <h2>Lieux</h2>
      <ul>
        {props.places.map((p) => (
          <li>
            <a href={`/offre/lieux/${p.slug}`}>{p.name}</a>
            {p.openingHours.length === 0 && p.kind !== 'bus-stop' && (
              <span class="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">horaires manquants</span>
            )}
          </li>
        ))}
      </ul>
      <h2>Services</h2>
      <ul>
        {props.services.map((s) => (
          <ServiceRow ctx={ctx} service={s} stale={props.stale.has(s.id)} />
        ))}
      </ul>
    </Layout>
  );
}

/** A place's contacts, hours and closures. */
export function PlaceEditPage(props: {
  ctx: ViewContext;
  place: Place;
  closures: { id: string; starts_on: string; ends_on: string; reason: string }[];
  values?: Record<string, string | undefined>;
  errors: FieldError[];
  notice?: string;
}) {
  const { ctx, place, errors } = props;
  const v = props.values ?? {
    telephone: place.phone ?? '',
    courriel: place.email ?? '',
    horaires:
      toOsmOpeningHours(place.openingHours, { openOnPublicHolidays: place.openOnPublicHolidays }) ?? '',
    note: place.hoursNote ?? '',
  };
  return (
    <Layout
      ctx={ctx}
      title={`Modifier : ${place.name}`}
      breadcrumb={[{ href: '/offre', label: 'L’offre du territoire' }]}
    >
      <h1>{place.name}</h1>
      {props.notice && (
        <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {errors.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h2 class="fr-alert__title">À corriger</h2>
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`/offre/lieux/${place.slug}`} class="fr-mb-4w">
        <CsrfField ctx={ctx} />
        <Field name="telephone" label="Téléphone" value={v.telephone ?? ''} errors={errors} />
        <Field name="courriel" label="Courriel" type="email" value={v.courriel ?? ''} errors={errors} />
        <Field
          name="horaires"
          label="Horaires d’ouverture"
          hint="Format OpenStreetMap : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off (fermé les jours fériés)"
          value={v.horaires ?? ''}
          errors={errors}
        />
        <Field
          name="note"
          label="Précision pour les usagers (facultatif)"
          value={v.note ?? ''}
          errors={errors}
        />
        <button class="fr-btn" type="submit">
          Enregistrer
        </button>
      </form>
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
        <Field name="du" label="Fermé du" hint="AAAA-MM-JJ" type="date" value="" errors={errors} />
        <Field name="au" label="Au (inclus)" hint="AAAA-MM-JJ" type="date" value="" errors={errors} />
        <Field name="motif" label="Motif affiché aux usagers" value="" errors={errors} />
        <button class="fr-btn fr-btn--secondary" type="submit">
          Ajouter la fermeture
        </button>
      </form>
    </Layout>
  );
}

/** Services not checked within the window, oldest first. */
export function FreshnessPage(props: { ctx: ViewContext; services: Service[]; months: number }) {
  return (
    <Layout
      ctx={props.ctx}
      title="Rapport de fraîcheur de l’offre"
      breadcrumb={[{ href: '/offre', label: 'L’offre du territoire' }]}
    >
      <h1>Rapport de fraîcheur de l’offre</h1>
      <p>Services dont les informations n’ont pas été vérifiées depuis plus de {props.months} mois.</p>
      {props.services.length === 0 ? (
        <p>Tout est à jour.</p>
      ) : (
        <div class="fr-table">
          <table>
            <caption>Services à vérifier</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Organisme</th>
                <th scope="col">Vérifié le</th>
              </tr>
            </thead>
            <tbody>
              {props.services.map((s) => (
                <tr data-service={s.slug}>
                  <td>{s.name}</td>
                  <td>{s.organisation.name}</td>
                  <td>{frenchDate(s.lastCheckedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
