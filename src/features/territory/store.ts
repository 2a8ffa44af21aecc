// Queries of the territory: communes, organisations and places. Read-only public data (no personal data).
import type { Db } from '../../platform/db/database.ts';
import type { OpeningRange } from '../../platform/db/schema.ts';

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
  organisation: { slug: string; kind: string; name: string } | null;
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
      row.organisation_slug && row.organisation_kind && row.organisation_name
        ? { slug: row.organisation_slug, kind: row.organisation_kind, name: row.organisation_name }
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
  };
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
  const rank = (p: Place) => (p.kind.startsWith('france-services') ? 0 : p.toComplete && !p.address ? 2 : 1);
  return rows.map(toPlace).sort((a, b) => rank(a) - rank(b));
}

/** One place by its slug. */
export function findPlace(db: Db, slug: string): Promise<Place | undefined> {
  return remembered(db, `place:${slug}`, () => readPlace(db, slug));
}

async function readPlace(db: Db, slug: string): Promise<Place | undefined> {
  const row = await placeQuery(db).where('places.slug', '=', slug).executeTakeFirst();
  return row ? toPlace(row) : undefined;
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
    ])
    .where('organisation_territories.territory_id', '=', territoryId)
    .orderBy('organisations.name')
    .execute();
}

export { distanceKm } from './geo.ts';
