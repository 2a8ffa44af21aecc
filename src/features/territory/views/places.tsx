// The territory's places: where to go, with address, hours and whether it is open now.
import { Layout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { closedOnFor, describeStatus, describeWeek, openingStatus } from '../hours.ts';
import type { Commune, Place } from '../store.ts';
import { frenchDate } from '../../../platform/dates.ts';
import { hourText, type Passage } from '../bus.ts';
import { usageModeLabels, type Service } from '../services.ts';
import { placeKinds, themeLabel } from '../offer-vocabulary.ts';

/** "Ouvert maintenant" or "Fermé — ouvre …", with the place's closures and public holidays. */
function statusOf(place: Place, now: Date) {
  return openingStatus(place.openingHours, now, closedOnFor(place.closures, place.openOnPublicHolidays));
}

/** One place as a DSFR card-like block. */
export function PlaceSummary({
  place,
  now,
  headingLevel = 2,
  km,
}: {
  place: Place;
  now: Date;
  headingLevel?: 2 | 3;
  km?: number | undefined;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const status = statusOf(place, now);
  const week = describeWeek(place.openingHours);
  return (
    <section class="sc-place fr-mb-3w fr-p-3w" data-place={place.slug}>
      <Heading class="fr-h5 fr-mb-1w">
        <a href={`/lieux/${place.slug}`}>{place.name}</a>
      </Heading>
      <p class="fr-text--sm fr-mb-1w">
        {(placeKinds as Record<string, string>)[place.kind] ?? place.kind}
        {km !== undefined && ` — à ${km < 1 ? 'moins d’1' : Math.round(km)} km`}
      </p>
      {place.address ? (
        <p class="fr-mb-1w">
          {place.address}
          {place.addressComplement ? `, ${place.addressComplement}` : ''}, {place.postalCode}{' '}
          {place.commune?.name}
        </p>
      ) : null}
      {place.toComplete ? (
        <p class="fr-badge fr-badge--warning fr-badge--sm">Adresse ou horaires à compléter</p>
      ) : place.kind === 'bus-stop' ? (
        <p class="fr-badge fr-badge--info fr-badge--sm">Voir les prochains passages</p>
      ) : place.openingHours.length === 0 ? (
        <p class="fr-badge fr-badge--info fr-badge--sm">Horaires : téléphonez avant de venir</p>
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
  /** Distance in km from the chosen commune's centre, by place slug. */
  distances?: Record<string, number>;
}

/** The list of places with filters (works without JavaScript: a GET form). */
export function PlacesPage(props: PlacesPageProps) {
  const { ctx, places, communes, selectedCommune, organisationKinds, selectedKind, now } = props;
  return (
    <Layout ctx={ctx} title="Trouver un lieu d’accueil" breadcrumb={[]}>
      <h1>Trouver un lieu d’accueil</h1>
      <p class="fr-text--lead">
        Les lieux où l’on vous reçoit dans les territoires de l’expérimentation : France Services, mairies,
        organismes.
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
      {selectedCommune && (
        <p class="fr-text--sm">Du plus proche au plus loin du centre de votre commune, à vol d’oiseau.</p>
      )}
      {places.map((place) => (
        <PlaceSummary place={place} now={now} km={props.distances?.[place.slug]} />
      ))}
    </Layout>
  );
}

/** One place in detail. */
export function PlacePage({
  ctx,
  place,
  now,
  services = [],
  passages = [],
}: {
  ctx: ViewContext;
  place: Place;
  now: Date;
  services?: Service[];
  passages?: Passage[];
}) {
  const status = statusOf(place, now);
  const bookable = place.kind === 'bus-stop' || services.some((s) => s.usageModes.includes('appointment'));
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
      {place.kind === 'bus-stop' && (
        <>
          <h2>Prochains passages du bus</h2>
          {passages.length === 0 ? (
            <p>Aucun passage prévu dans les semaines qui viennent.</p>
          ) : (
            <ul data-passages>
              {passages.map((p) =>
                p.cancelled ? (
                  <li data-cancelled={p.date}>
                    <s>
                      {frenchDate(p.date)}, de {hourText(p.starts)} à {hourText(p.ends)}
                    </s>{' '}
                    : passage annulé{p.cancelled.reason ? ` (${p.cancelled.reason})` : ''}
                  </li>
                ) : (
                  <li>
                    {frenchDate(p.date)}, de {hourText(p.starts)} à {hourText(p.ends)}
                  </li>
                ),
              )}
            </ul>
          )}
          {place.commune && (
            <p>
              <a href={`/bus/${place.commune.inseeCode}`}>
                Horaires du bus à {place.commune.name}, à imprimer ou ajouter à votre agenda
              </a>
            </p>
          )}
        </>
      )}
      {bookable && (
        <p>
          <a class="fr-btn" href={`/rendez-vous?lieu=${place.slug}`}>
            Prendre rendez-vous
          </a>
        </p>
      )}
      {place.kind !== 'bus-stop' && (
        <>
          <h2>Horaires</h2>
          {!place.toComplete && place.openingHours.length > 0 && <p>{describeStatus(status)}</p>}
        </>
      )}
      {week.length > 0 ? (
        <ul>
          {week.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      ) : (
        place.kind !== 'bus-stop' && <p>Horaires non renseignés.</p>
      )}
      {place.hoursNote && <p class="fr-text--sm">{place.hoursNote}</p>}
      {place.closures.length > 0 && (
        <>
          <h3 class="fr-h6">Fermetures exceptionnelles</h3>
          <ul>
            {place.closures.map((c) => (
              <li>
                {c.startsOn === c.endsOn
                  ? `le ${frenchDate(c.startsOn)}`
                  : `du ${frenchDate(c.startsOn)} au ${frenchDate(c.endsOn)}`}
                {c.reason && ` (${c.reason})`}
              </li>
            ))}
          </ul>
        </>
      )}
      {services.length > 0 && (
        <>
          <h2>Ce qu’on y fait pour vous</h2>
          {services.map((s) => (
            <section class="fr-mb-3w" data-service={s.slug}>
              <h3 class="fr-h6 fr-mb-1w">{s.name}</h3>
              <p class="fr-text--sm fr-mb-1w">{s.organisation.name}</p>
              <p class="fr-mb-1w">{s.description}</p>
              <p class="fr-text--sm fr-mb-1w">
                {s.usageModes.map((m) => usageModeLabels[m]).join(' · ')}
                {s.fees === 'gratuit' ? ' · gratuit' : s.fees === 'payant' ? ' · payant' : ''}
                {s.phone && ` · téléphone : ${s.phone}`}
              </p>
              {s.documents.length > 0 && (
                <p class="fr-text--sm fr-mb-1w">À apporter : {s.documents.join(' ; ')}.</p>
              )}
              {s.prerequisites.length > 0 && (
                <p class="fr-text--sm fr-mb-1w">Conditions : {s.prerequisites.join(' ; ')}.</p>
              )}
              <p class="fr-text--xs fr-mb-0">
                Thèmes : {s.themes.map(themeLabel).join(' ; ')}. Informations vérifiées le{' '}
                {frenchDate(s.lastCheckedOn)}.
              </p>
            </section>
          ))}
        </>
      )}
      {place.source && <p class="fr-text--xs fr-mt-4w">Source : {place.source}.</p>}
    </Layout>
  );
}
