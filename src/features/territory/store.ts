// Queries of the territory: communes, organisations, places, services and the bus. Public data (no personal
// data); the use-cases that change the offer own the transactions and journal every change.
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { OpeningRange } from '../../platform/db/schema.ts';
import type { Closure } from './hours.ts';
import type { Service, UsageMode } from './services.ts';

// The territory's offer (communes, organisations, places) changes only when its seed is applied, yet every
// public page reads it: it is kept in memory for a minute per database. `applyTerritorySeed` forgets it at
// once; another process writing the same database (a `sans-couture seed` beside a running server) is seen
// within the minute. Cached values are frozen: a caller that tried to change one would fail loudly.
const TERRITORY_CACHE_MS = 60_000;
const MAX_ENTRIES = 500;
const territoryCache = new WeakMap<object, Map<string, { until: number; value: Promise<unknown> }>>();

function remembered<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  let entries = territoryCache.get(db);
  if (!entries) territoryCache.set(db, (entries = new Map()));
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  const value = load().then(freeze);
  // Keys come from addresses typed by anyone (a place's slug, a commune's code): a bounded number is kept.
  if (entries.size >= MAX_ENTRIES && !hit) return value;
  entries.set(key, { until: now + TERRITORY_CACHE_MS, value });
  // A failed read (database away) is not remembered.
  value.catch(() => entries.delete(key));
  return value;
}

function freeze<T>(value: T): T {
  if (Array.isArray(value)) for (const item of value) Object.freeze(item);
  return Object.freeze(value);
}

/** Forgets what was read of the territory (after its seed is applied). */
export function forgetTerritory(db: Db): void {
  territoryCache.delete(db);
}

export interface Place {
  id: string;
  slug: string;
  territoryId: string;
  name: string;
  kind: string;
  organisation: { id: string; slug: string; kind: string; name: string } | null;
  address: string | null;
  addressComplement: string | null;
  postalCode: string | null;
  commune: { inseeCode: string; name: string } | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  openingHours: OpeningRange[];
  hoursNote: string | null;
  toComplete: string | null;
  source: string;
  openOnPublicHolidays: boolean;
  /** Exceptional closures that are not over. */
  closures: Closure[];
  updatedAt: Date;
}

export interface Commune {
  inseeCode: string;
  name: string;
  postalCodes: string[];
  population: number | null;
  territoryIds: string[];
}

function placeQuery(db: Db) {
  return db
    .selectFrom('places')
    .leftJoin('organisations', 'organisations.id', 'places.organisation_id')
    .leftJoin('communes', 'communes.insee_code', 'places.commune_insee')
    .select([
      'places.id',
      'places.slug',
      'places.territory_id',
      'places.name',
      'places.kind',
      'places.address_line',
      'places.address_complement',
      'places.postal_code',
      'places.commune_insee',
      'places.latitude',
      'places.longitude',
      'places.phone',
      'places.email',
      'places.opening_hours',
      'places.hours_note',
      'places.to_complete',
      'places.source',
      'places.open_on_public_holidays',
      'places.updated_at',
      'places.organisation_id',
      'organisations.slug as organisation_slug',
      'organisations.kind as organisation_kind',
      'organisations.name as organisation_name',
      'communes.name as commune_name',
    ]);
}

type PlaceRow = Awaited<ReturnType<ReturnType<typeof placeQuery>['executeTakeFirstOrThrow']>>;

function toPlace(row: PlaceRow): Place {
  return {
    id: row.id,
    slug: row.slug,
    territoryId: row.territory_id,
    name: row.name,
    kind: row.kind,
    organisation:
      row.organisation_id && row.organisation_slug && row.organisation_kind && row.organisation_name
        ? {
            id: row.organisation_id,
            slug: row.organisation_slug,
            kind: row.organisation_kind,
            name: row.organisation_name,
          }
        : null,
    address: row.address_line,
    addressComplement: row.address_complement,
    postalCode: row.postal_code,
    commune:
      row.commune_insee && row.commune_name ? { inseeCode: row.commune_insee, name: row.commune_name } : null,
    latitude: row.latitude,
    longitude: row.longitude,
    phone: row.phone,
    email: row.email,
    openingHours: row.opening_hours,
    hoursNote: row.hours_note,
    toComplete: row.to_complete,
    source: row.source,
    openOnPublicHolidays: row.open_on_public_holidays,
    closures: [],
    updatedAt: row.updated_at,
  };
}

/** Attaches to each place its closures that are not over (one query for all). */
async function withClosures(db: Db, places: Place[]): Promise<Place[]> {
  if (places.length === 0) return places;
  const rows = await db
    .selectFrom('place_closures')
    .select(['place_id', 'starts_on', 'ends_on', 'reason'])
    .where(
      'place_id',
      'in',
      places.map((p) => p.id),
    )
    .where('ends_on', '>=', sql<string>`current_date - 1`)
    .orderBy('starts_on')
    .execute();
  for (const row of rows) {
    places
      .find((p) => p.id === row.place_id)
      ?.closures.push({ startsOn: row.starts_on, endsOn: row.ends_on, reason: row.reason });
  }
  return places;
}

/** Places of a territory, optionally of one organisation kind (caf, mairie, france-services…). */
export function listPlaces(
  db: Db,
  filter: { territoryId?: string; organisationKind?: string } = {},
): Promise<Place[]> {
  return remembered(db, `places:${filter.territoryId ?? ''}:${filter.organisationKind ?? ''}`, () =>
    readPlaces(db, filter),
  );
}

async function readPlaces(
  db: Db,
  filter: { territoryId?: string; organisationKind?: string },
): Promise<Place[]> {
  let query = placeQuery(db);
  if (filter.territoryId) query = query.where('places.territory_id', '=', filter.territoryId);
  if (filter.organisationKind) query = query.where('organisations.kind', '=', filter.organisationKind);
  const rows = await query.orderBy('places.name').execute();
  // France Services first (they handle every procedure), then offices with an address, then those to complete.
  const rank = (p: Place) =>
    p.kind.startsWith('france-services') ? 0 : p.kind === 'bus-stop' ? 2 : p.toComplete && !p.address ? 3 : 1;
  return withClosures(
    db,
    rows.map(toPlace).sort((a, b) => rank(a) - rank(b)),
  );
}

/** One place by its slug. */
export function findPlace(db: Db, slug: string): Promise<Place | undefined> {
  return remembered(db, `place:${slug}`, () => readPlace(db, slug));
}

async function readPlace(db: Db, slug: string): Promise<Place | undefined> {
  const row = await placeQuery(db).where('places.slug', '=', slug).executeTakeFirst();
  return row ? (await withClosures(db, [toPlace(row)]))[0] : undefined;
}

/** One commune by INSEE code, with the territories it belongs to. */
export function findCommune(db: Db, inseeCode: string): Promise<Commune | undefined> {
  return remembered(db, `commune:${inseeCode}`, () => readCommune(db, inseeCode));
}

async function readCommune(db: Db, inseeCode: string): Promise<Commune | undefined> {
  const row = await db
    .selectFrom('communes')
    .selectAll()
    .where('insee_code', '=', inseeCode)
    .executeTakeFirst();
  if (!row) return undefined;
  const territories = await db
    .selectFrom('territory_communes')
    .select('territory_id')
    .where('insee_code', '=', inseeCode)
    .execute();
  return {
    inseeCode: row.insee_code,
    name: row.name,
    postalCodes: row.postal_codes,
    population: row.population,
    territoryIds: territories.map((t) => t.territory_id),
  };
}

/** Communes of a territory, by name. */
export function listCommunes(db: Db, territoryId: string): Promise<Commune[]> {
  return remembered(db, `communes:${territoryId}`, () => readCommunes(db, territoryId));
}

async function readCommunes(db: Db, territoryId: string): Promise<Commune[]> {
  const rows = await db
    .selectFrom('communes')
    .innerJoin('territory_communes', 'territory_communes.insee_code', 'communes.insee_code')
    .selectAll('communes')
    .where('territory_communes.territory_id', '=', territoryId)
    .orderBy('communes.name')
    .execute();
  return rows.map((r) => ({
    inseeCode: r.insee_code,
    name: r.name,
    postalCodes: r.postal_codes,
    population: r.population,
    territoryIds: [territoryId],
  }));
}

/** All territories. */
export async function listTerritories(db: Db) {
  return db
    .selectFrom('territories')
    .select(['id', 'name', 'insee_code', 'zoning', 'description'])
    .orderBy('name')
    .execute();
}

/** Organisations present on a territory. */
export function listOrganisations(db: Db, territoryId: string) {
  return remembered(db, `organisations:${territoryId}`, () => readOrganisations(db, territoryId));
}

function readOrganisations(db: Db, territoryId: string) {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_territories', 'organisation_territories.organisation_id', 'organisations.id')
    .select([
      'organisations.id',
      'organisations.slug',
      'organisations.kind',
      'organisations.name',
      'organisations.website',
      'organisations.phone',
      'organisations.email',
    ])
    .where('organisation_territories.territory_id', '=', territoryId)
    .orderBy('organisations.name')
    .execute();
}

// ── services ──────────────────────────────────────────────────────────────────────────────────────────────

function serviceQuery(db: Executor) {
  return db
    .selectFrom('services')
    .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
    .selectAll('services')
    .select([
      'organisations.slug as organisation_slug',
      'organisations.kind as organisation_kind',
      'organisations.name as organisation_name',
    ]);
}
type ServiceRow = Awaited<ReturnType<ReturnType<typeof serviceQuery>['executeTakeFirstOrThrow']>>;

async function toServices(db: Executor, rows: ServiceRow[]): Promise<Service[]> {
  const links =
    rows.length === 0
      ? []
      : await db
          .selectFrom('service_places')
          .innerJoin('places', 'places.id', 'service_places.place_id')
          .select([
            'service_places.service_id',
            'places.id',
            'places.slug',
            'places.name',
            'places.commune_insee',
          ])
          .where(
            'service_places.service_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('places.name')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    territoryId: r.territory_id,
    organisation: {
      id: r.organisation_id,
      slug: r.organisation_slug,
      kind: r.organisation_kind,
      name: r.organisation_name,
    },
    name: r.name,
    description: r.description,
    kind: r.kind,
    themes: r.themes,
    publics: r.publics,
    publicsDetails: r.publics_details,
    fees: r.fees,
    feesDetails: r.fees_details,
    usageModes: r.usage_modes as UsageMode[],
    atDistance: r.at_distance,
    onBus: r.on_bus,
    prerequisites: r.prerequisites,
    documents: r.documents,
    eligibilityZone: r.eligibility_zone,
    onlineUrl: r.online_url,
    phone: r.phone,
    email: r.email,
    source: r.source,
    lastCheckedOn: r.last_checked_on,
    published: r.published,
    updatedAt: r.updated_at,
    places: links
      .filter((l) => l.service_id === r.id)
      .map((l) => ({ id: l.id, slug: l.slug, name: l.name, communeInsee: l.commune_insee })),
  }));
}

/**
 * Services of a territory (optionally of one organisation, or given at one place), by name: the published ones,
 * unless `includeUnpublished` (the offer's editing pages).
 */
export function listServices(
  db: Db,
  filter: { territoryId: string; organisationId?: string; placeId?: string; includeUnpublished?: boolean },
): Promise<Service[]> {
  return remembered(
    db,
    `services:${filter.territoryId}:${filter.organisationId ?? ''}:${filter.placeId ?? ''}:${filter.includeUnpublished ? 'all' : 'published'}`,
    async () => {
      let query = serviceQuery(db).where('services.territory_id', '=', filter.territoryId);
      if (!filter.includeUnpublished) query = query.where('services.published', '=', true);
      if (filter.organisationId) query = query.where('services.organisation_id', '=', filter.organisationId);
      if (filter.placeId)
        query = query.where('services.id', 'in', (qb) =>
          qb.selectFrom('service_places').select('service_id').where('place_id', '=', filter.placeId!),
        );
      return toServices(db, await query.orderBy('services.name').execute());
    },
  );
}

/** One service by its id (not cached: for editing). */
export async function findServiceById(db: Executor, id: string): Promise<Service | undefined> {
  const row = await serviceQuery(db).where('services.id', '=', id).executeTakeFirst();
  return row ? (await toServices(db, [row]))[0] : undefined;
}

/** Published services whose last check is before `before` (YYYY-MM-DD), oldest first (a hidden one misleads nobody). */
export async function listStaleServices(db: Executor, territoryId: string | null, before: string) {
  let query = serviceQuery(db)
    .where('services.last_checked_on', '<', before)
    .where('services.published', '=', true);
  if (territoryId) query = query.where('services.territory_id', '=', territoryId);
  return toServices(db, await query.orderBy('services.last_checked_on').execute());
}

/** Records that a service's information was checked today. */
export async function markServiceChecked(trx: Executor, id: string, today: string): Promise<void> {
  await trx
    .updateTable('services')
    .set({ last_checked_on: today, stale_notified_on: null, edited_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Records that the owner of a stale service was told (so the reminder is not sent every day). */
export async function markStaleNotified(trx: Executor, ids: string[], today: string): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('services').set({ stale_notified_on: today }).where('id', 'in', ids).execute();
}

// ── organisations and places: writes ──────────────────────────────────────────────────────────────────────

/** The values of a place that the pages and imports write. */
export interface PlaceValues {
  territoryId: string;
  organisationId: string | null;
  name: string;
  kind: string;
  address: string | null;
  addressComplement: string | null;
  postalCode: string | null;
  communeInsee: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  openingHours: OpeningRange[];
  hoursNote: string | null;
  openOnPublicHolidays: boolean;
  source: string;
}

function placeColumns(v: PlaceValues) {
  return {
    territory_id: v.territoryId,
    organisation_id: v.organisationId,
    name: v.name,
    kind: v.kind,
    address_line: v.address,
    address_complement: v.addressComplement,
    postal_code: v.postalCode,
    commune_insee: v.communeInsee,
    latitude: v.latitude,
    longitude: v.longitude,
    phone: v.phone,
    email: v.email,
    opening_hours: JSON.stringify(v.openingHours),
    hours_note: v.hoursNote,
    open_on_public_holidays: v.openOnPublicHolidays,
    to_complete: null,
    source: v.source,
  };
}

/** Inserts a place; returns its id. */
export async function insertPlace(trx: Executor, slug: string, v: PlaceValues): Promise<string> {
  const row = await trx
    .insertInto('places')
    .values({ slug, ...placeColumns(v), edited_at: sql`now()` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a place (marked as edited: the seed leaves it alone from then on). */
export async function updatePlace(trx: Executor, id: string, v: PlaceValues): Promise<void> {
  await trx
    .updateTable('places')
    .set({ ...placeColumns(v), edited_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Adds an exceptional closure; returns its id. */
export async function insertClosure(trx: Executor, placeId: string, c: Closure): Promise<string> {
  const row = await trx
    .insertInto('place_closures')
    .values({ place_id: placeId, starts_on: c.startsOn, ends_on: c.endsOn, reason: c.reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes an exceptional closure of a place; returns whether it existed. */
export async function deleteClosure(trx: Executor, placeId: string, closureId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('place_closures')
    .where('id', '=', closureId)
    .where('place_id', '=', placeId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The closures of a place with their ids (for its edit page). */
export function listClosures(db: Executor, placeId: string) {
  return db
    .selectFrom('place_closures')
    .select(['id', 'starts_on', 'ends_on', 'reason'])
    .where('place_id', '=', placeId)
    .where('ends_on', '>=', sql<string>`current_date - 1`)
    .orderBy('starts_on')
    .execute();
}

/** The organisation managers of an organisation (to tell them about stale services). */
export function organisationManagers(db: Executor, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'organisationManager')
    .where('status', '=', 'active')
    .execute();
}

// ── the bus ───────────────────────────────────────────────────────────────────────────────────────────────

/** A stop of a bus tour with its calendar. */
export interface BusStop {
  id: string;
  tour: { id: string; slug: string; name: string; staff: string; placeSlug: string; source: string };
  place: {
    id: string;
    slug: string;
    name: string;
    address: string | null;
    communeInsee: string;
    communeName: string;
  };
  weekday: number;
  everyWeeks: number;
  firstDate: string;
  untilDate: string | null;
  starts: string;
  ends: string;
  demo: boolean;
  /** Passages called off one by one (coming ones and those of the last day), by date. */
  cancellations: { id: string; date: string; reason: string }[];
}

/** The stops of the bus tours of a territory, or of one commune. */
export function listBusStops(
  db: Db,
  filter: { territoryId?: string; communeInsee?: string },
): Promise<BusStop[]> {
  return remembered(db, `bus:${filter.territoryId ?? ''}:${filter.communeInsee ?? ''}`, () =>
    readBusStops(db, filter),
  );
}

/** The stops of bus tours as stored now (not cached: the tour's editing page reads them). */
export async function readBusStops(
  db: Executor,
  filter: { territoryId?: string; communeInsee?: string; tourId?: string },
): Promise<BusStop[]> {
  let query = db
    .selectFrom('bus_stops')
    .innerJoin('bus_tours', 'bus_tours.id', 'bus_stops.tour_id')
    .innerJoin('places as stop', 'stop.id', 'bus_stops.place_id')
    .innerJoin('places as bus', 'bus.id', 'bus_tours.place_id')
    .innerJoin('communes', 'communes.insee_code', 'stop.commune_insee')
    .select([
      'bus_stops.id',
      'bus_stops.weekday',
      'bus_stops.every_weeks',
      'bus_stops.first_date',
      'bus_stops.until_date',
      'bus_stops.starts',
      'bus_stops.ends',
      'bus_stops.demo',
      'bus_tours.id as tour_id',
      'bus_tours.slug as tour_slug',
      'bus_tours.name as tour_name',
      'bus_tours.staff',
      'bus_tours.source as tour_source',
      'bus.slug as bus_slug',
      'stop.id as place_id',
      'stop.slug as place_slug',
      'stop.name as place_name',
      'stop.address_line',
      'communes.insee_code',
      'communes.name as commune_name',
    ]);
  if (filter.territoryId) query = query.where('bus_tours.territory_id', '=', filter.territoryId);
  if (filter.communeInsee) query = query.where('stop.commune_insee', '=', filter.communeInsee);
  if (filter.tourId) query = query.where('bus_tours.id', '=', filter.tourId);
  const rows = await query
    .orderBy('communes.name')
    .orderBy('bus_stops.weekday')
    .orderBy('bus_stops.first_date')
    .execute();
  const cancellations = await listPassageCancellations(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    tour: {
      id: r.tour_id,
      slug: r.tour_slug,
      name: r.tour_name,
      staff: r.staff,
      placeSlug: r.bus_slug,
      source: r.tour_source,
    },
    place: {
      id: r.place_id,
      slug: r.place_slug,
      name: r.place_name,
      address: r.address_line,
      communeInsee: r.insee_code,
      communeName: r.commune_name,
    },
    weekday: r.weekday,
    everyWeeks: r.every_weeks,
    firstDate: r.first_date,
    untilDate: r.until_date,
    starts: r.starts.slice(0, 5),
    ends: r.ends.slice(0, 5),
    demo: r.demo,
    cancellations: cancellations.get(r.id) ?? [],
  }));
}

/** The passages cancelled at stops from yesterday on, by stop id. */
export async function listPassageCancellations(
  db: Executor,
  stopIds: string[],
): Promise<Map<string, { id: string; date: string; reason: string }[]>> {
  const byStop = new Map<string, { id: string; date: string; reason: string }[]>();
  if (stopIds.length === 0) return byStop;
  const rows = await db
    .selectFrom('bus_passage_cancellations')
    .select(['id', 'stop_id', 'on_date', 'reason'])
    .where('stop_id', 'in', stopIds)
    .where('on_date', '>=', sql<string>`current_date - 1`)
    .orderBy('on_date')
    .execute();
  for (const r of rows)
    byStop.set(r.stop_id, [
      ...(byStop.get(r.stop_id) ?? []),
      { id: r.id, date: r.on_date, reason: r.reason },
    ]);
  return byStop;
}

/**
 * The calendars of the stops at some places, with the closing rule of their bus (public holidays unless it runs on
 * them, its closures): what slots at a stop are limited to. Not cached: bookings check it.
 */
export async function listStopCalendarsAt(db: Executor, placeIds: string[]) {
  if (placeIds.length === 0) return [];
  const rows = await db
    .selectFrom('bus_stops')
    .innerJoin('bus_tours', 'bus_tours.id', 'bus_stops.tour_id')
    .select([
      'bus_stops.id',
      'bus_stops.place_id',
      'bus_stops.weekday',
      'bus_stops.every_weeks',
      'bus_stops.first_date',
      'bus_stops.until_date',
      'bus_stops.starts',
      'bus_stops.ends',
      'bus_tours.place_id as bus_place_id',
    ])
    .where('bus_stops.place_id', 'in', placeIds)
    .execute();
  const cancellations = await listPassageCancellations(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    placeId: r.place_id,
    busPlaceId: r.bus_place_id,
    weekday: r.weekday,
    everyWeeks: r.every_weeks,
    firstDate: r.first_date,
    untilDate: r.until_date,
    starts: r.starts.slice(0, 5),
    ends: r.ends.slice(0, 5),
    cancellations: cancellations.get(r.id) ?? [],
  }));
}
