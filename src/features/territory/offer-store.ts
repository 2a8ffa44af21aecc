// Queries of the offer's editing pages: organisations and services written by people (places are written through
// store.ts, shared with the imports). The use-cases own the transactions and journal every change; each write
// sets `edited_at`, so the seed applied at every start leaves the row as the person left it.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Service } from './services.ts';

/** An organisation as its edit page shows it. */
export interface OrganisationDetails {
  id: string;
  slug: string;
  kind: string;
  name: string;
  description: string;
  website: string | null;
  phone: string | null;
  email: string | null;
  territoryIds: string[];
}

/** The values of an organisation that the pages write. */
export interface OrganisationValues {
  kind: string;
  name: string;
  description: string;
  website: string | null;
  phone: string | null;
  email: string | null;
}

/** One organisation by its slug, with the territories it is present on. */
export async function findOrganisation(db: Executor, slug: string): Promise<OrganisationDetails | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'slug', 'kind', 'name', 'description', 'website', 'phone', 'email'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const territories = await db
    .selectFrom('organisation_territories')
    .select('territory_id')
    .where('organisation_id', '=', row.id)
    .execute();
  return { ...row, territoryIds: territories.map((t) => t.territory_id) };
}

/** Inserts an organisation present on a territory; returns its id. */
export async function insertOrganisation(
  trx: Executor,
  slug: string,
  territoryId: string,
  v: OrganisationValues,
): Promise<string> {
  const row = await trx
    .insertInto('organisations')
    .values({ slug, ...v, edited_at: sql`now()` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('organisation_territories')
    .values({ organisation_id: row.id, territory_id: territoryId })
    .execute();
  return row.id;
}

/** Updates an organisation (its slug never changes: links and seeds hold it). */
export async function updateOrganisation(trx: Executor, id: string, v: OrganisationValues): Promise<void> {
  await trx
    .updateTable('organisations')
    .set({ ...v, edited_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** The slugs of a table that start with `base` (to make a new one unique). */
/**
 * Serialises the choice of new slugs in a table until the transaction ends: two people creating « Mairie » at
 * the same instant get « mairie » and « mairie-2 », not a unique-constraint error.
 */
export async function lockSlugs(trx: Executor, table: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`offer-slug:${table}`}))`.execute(trx);
}

export async function slugsStartingWith(
  db: Executor,
  table: 'organisations' | 'places' | 'services',
  base: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom(table)
    .select('slug')
    .where('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}%`)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

/**
 * The values of a service that the pages write: the stored service's own fields (`services.ts`), its organisation
 * by id, and `lastCheckedOn` set to the day the editor saved it (their saving is their check).
 */
export type ServiceValues = Omit<
  Service,
  'id' | 'slug' | 'territoryId' | 'organisation' | 'updatedAt' | 'places'
> & { organisationId: string };

function serviceColumns(v: ServiceValues) {
  return {
    organisation_id: v.organisationId,
    name: v.name,
    description: v.description,
    kind: v.kind,
    themes: v.themes,
    publics: v.publics,
    publics_details: v.publicsDetails,
    fees: v.fees,
    fees_details: v.feesDetails,
    usage_modes: v.usageModes,
    at_distance: v.atDistance,
    on_bus: v.onBus,
    prerequisites: v.prerequisites,
    documents: v.documents,
    eligibility_zone: v.eligibilityZone,
    online_url: v.onlineUrl,
    phone: v.phone,
    email: v.email,
    published: v.published,
    last_checked_on: v.lastCheckedOn,
    stale_notified_on: null,
    source: v.source,
  };
}

/** Inserts a service of a territory; returns its id. */
export async function insertService(
  trx: Executor,
  slug: string,
  territoryId: string,
  v: ServiceValues,
): Promise<string> {
  const row = await trx
    .insertInto('services')
    .values({ slug, territory_id: territoryId, ...serviceColumns(v), edited_at: sql`now()` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a service (its slug never changes). */
export async function updateService(trx: Executor, id: string, v: ServiceValues): Promise<void> {
  await trx
    .updateTable('services')
    .set({ ...serviceColumns(v), edited_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Replaces the places where a service is given. */
export async function setServicePlaces(trx: Executor, serviceId: string, placeIds: string[]): Promise<void> {
  await trx.deleteFrom('service_places').where('service_id', '=', serviceId).execute();
  if (placeIds.length > 0)
    await trx
      .insertInto('service_places')
      .values(placeIds.map((placeId) => ({ service_id: serviceId, place_id: placeId })))
      .execute();
}
