// The offer's pages for the people who keep it right: organisation managers (their places and services), the
// territory's pilot and administrators (the whole territory); the freshness report.
import { CsrfField, Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { frenchDate } from '../../../platform/dates.ts';
import type { Place } from '../store.ts';
import type { Service } from '../services.ts';

function ServiceRow({ ctx, service, stale }: { ctx: ViewContext; service: Service; stale: boolean }) {
  return (
    <li class="fr-mb-2w" data-service={service.slug}>
      <strong>{service.name}</strong> — {service.organisation.name}, vérifié le{' '}
      {frenchDate(service.lastCheckedOn)}
      {stale && <span class="fr-badge fr-badge--warning fr-badge--sm fr-ml-1w">à vérifier</span>}
      {!service.published && <span class="fr-badge fr-badge--sm fr-ml-1w">masqué au public</span>}
      <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-1w">
        <li>
          <a class="fr-btn fr-btn--sm fr-btn--secondary" href={`/offre/services/${service.id}`}>
            Modifier<span class="fr-sr-only"> le service {service.name}</span>
          </a>
        </li>
        <li>
          <form method="post" action={`/offre/services/${service.id}/verifie`}>
            <CsrfField ctx={ctx} />
            <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
              Informations vérifiées aujourd’hui<span class="fr-sr-only"> : {service.name}</span>
            </button>
          </form>
        </li>
      </ul>
    </li>
  );
}

/** What the actor may keep up to date. */
export function OfferPage(props: {
  ctx: ViewContext;
  places: Place[];
  services: Service[];
  /** The organisations the pilot or an administrator keeps (none for a manager). */
  organisations: { slug: string; name: string }[];
  /** The bus tours the actor may change (the bus's organisation, the pilot, administrators). */
  tours?: { slug: string; name: string }[];
  /** Pilot or administrator: may add organisations and places. */
  mayCreate: boolean;
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
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {props.mayCreate && (
          <>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/offre/organismes/nouveau">
                Ajouter un organisme
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/offre/lieux/nouveau">
                Ajouter un lieu
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/offre/import">
                Importer un fichier
              </a>
            </li>
          </>
        )}
        <li>
          <a class="fr-btn fr-btn--secondary" href="/offre/services/nouveau">
            Ajouter un service
          </a>
        </li>
      </ul>
      {props.organisations.length > 0 && (
        <>
          <h2>Organismes</h2>
          <ul>
            {props.organisations.map((o) => (
              <li data-organisation={o.slug}>
                {o.name} —{' '}
                <a href={`/offre/organismes/${o.slug}`}>
                  Modifier<span class="fr-sr-only"> l’organisme {o.name}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {props.tours && props.tours.length > 0 && (
        <>
          <h2>Tournées du bus</h2>
          <ul>
            {props.tours.map((t) => (
              <li data-tour={t.slug}>
                {t.name} —{' '}
                <a href={`/offre/bus/${t.slug}`}>
                  Arrêts et passages<span class="fr-sr-only"> : {t.name}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Lieux</h2>
      <ul>
        {props.places.map((p) => (
          <li data-place={p.slug}>
            {p.name} —{' '}
            <a href={`/offre/lieux/${p.slug}`}>
              Modifier<span class="fr-sr-only"> le lieu {p.name}</span>
            </a>
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
