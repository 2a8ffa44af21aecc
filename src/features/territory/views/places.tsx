// The territory's places: where to go, with address, hours and whether it is open now.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { describeStatus, describeWeek, openingStatus } from '../hours.ts';
import type { Commune, Place } from '../store.ts';

const kindLabels: Record<string, string> = {
  'france-services': 'France Services',
  'france-services-bus': 'France Services itinérant (bus)',
  office: 'Accueil d’un organisme',
};

/** One place as a DSFR card-like block. */
export function PlaceSummary({
  place,
  now,
  headingLevel = 2,
}: {
  place: Place;
  now: Date;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const status = openingStatus(place.openingHours, now);
  const week = describeWeek(place.openingHours);
  return (
    <section class="sc-place fr-mb-3w fr-p-3w" data-place={place.slug}>
      <Heading class="fr-h5 fr-mb-1w">
        <a href={`/lieux/${place.slug}`}>{place.name}</a>
      </Heading>
      <p class="fr-text--sm fr-mb-1w">{kindLabels[place.kind] ?? place.kind}</p>
      {place.address ? (
        <p class="fr-mb-1w">
          {place.address}
          {place.addressComplement ? `, ${place.addressComplement}` : ''}, {place.postalCode}{' '}
          {place.commune?.name}
        </p>
      ) : null}
      {place.toComplete ? (
        <p class="fr-badge fr-badge--warning fr-badge--sm">Adresse ou horaires à compléter</p>
      ) : (
        <p
          class={
            status.open ? 'fr-badge fr-badge--success fr-badge--sm' : 'fr-badge fr-badge--info fr-badge--sm'
          }
        >
          {describeStatus(status)}
        </p>
      )}
      {week.length > 0 && (
        <ul class="sc-hours fr-text--sm fr-mt-1w fr-mb-0">
          {week.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export interface PlacesPageProps {
  ctx: ViewContext;
  places: Place[];
  communes: Commune[];
  selectedCommune: string | null;
  organisationKinds: { kind: string; label: string }[];
  selectedKind: string | null;
  now: Date;
}

/** The list of places with filters (works without JavaScript: a GET form). */
export function PlacesPage(props: PlacesPageProps) {
  const { ctx, places, communes, selectedCommune, organisationKinds, selectedKind, now } = props;
  return (
    <Layout ctx={ctx} title="Trouver un lieu d’accueil" breadcrumb={[]}>
      <h1>Trouver un lieu d’accueil</h1>
      <p class="fr-text--lead">
        Les lieux où l’on vous reçoit dans le bassin de vie de Cahors : France Services, mairie, organismes.
      </p>
      <form method="get" action="/lieux" class="fr-mb-4w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-5">
            <div class="fr-select-group">
              <label class="fr-label" for="commune">
                Votre commune
              </label>
              <select class="fr-select" id="commune" name="commune">
                <option value="">Toutes les communes</option>
                {communes.map((c) => (
                  <option value={c.inseeCode} selected={c.inseeCode === selectedCommune}>
                    {c.name} ({c.postalCodes.join(', ')})
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-5">
            <div class="fr-select-group">
              <label class="fr-label" for="organisme">
                Organisme
              </label>
              <select class="fr-select" id="organisme" name="organisme">
                <option value="">Tous les organismes</option>
                {organisationKinds.map((o) => (
                  <option value={o.kind} selected={o.kind === selectedKind}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-2 sc-align-end">
            <button class="fr-btn fr-mt-md-4w" type="submit">
              Chercher
            </button>
          </div>
        </div>
      </form>
      <p role="status">{places.length === 1 ? '1 lieu' : `${places.length} lieux`}</p>
      {places.map((place) => (
        <PlaceSummary place={place} now={now} />
      ))}
    </Layout>
  );
}

/** One place in detail. */
export function PlacePage({ ctx, place, now }: { ctx: ViewContext; place: Place; now: Date }) {
  const status = openingStatus(place.openingHours, now);
  const week = describeWeek(place.openingHours);
  return (
    <Layout ctx={ctx} title={place.name} breadcrumb={[{ href: '/lieux', label: 'Lieux d’accueil' }]}>
      <h1>{place.name}</h1>
      {place.organisation && <p class="fr-text--lead">{place.organisation.name}</p>}
      {place.toComplete && (
        <div class="fr-alert fr-alert--warning fr-mb-3w">
          <h2 class="fr-alert__title">À compléter</h2>
          <p>{place.toComplete}</p>
        </div>
      )}
      <h2>Adresse</h2>
      {place.address ? (
        <address>
          {place.address}
          {place.addressComplement && (
            <>
              <br />
              {place.addressComplement}
            </>
          )}
          <br />
          {place.postalCode} {place.commune?.name}
        </address>
      ) : (
        <p>Adresse non renseignée.</p>
      )}
      {(place.phone || place.email) && (
        <>
          <h2>Contact</h2>
          <ul>
            {place.phone && (
              <li>
                Téléphone : <a href={`tel:${place.phone.replace(/\s/g, '')}`}>{place.phone}</a>
              </li>
            )}
            {place.email && (
              <li>
                Courriel : <a href={`mailto:${place.email}`}>{place.email}</a>
              </li>
            )}
          </ul>
        </>
      )}
      <h2>Horaires</h2>
      {!place.toComplete && <p>{describeStatus(status)}</p>}
      {week.length > 0 ? (
        <ul>
          {week.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      ) : (
        <p>Horaires non renseignés.</p>
      )}
      {place.hoursNote && <p class="fr-text--sm">{place.hoursNote}</p>}
      {place.source && <p class="fr-text--xs fr-mt-4w">Source : {place.source}.</p>}
    </Layout>
  );
}
