// Queries of territories' membership: which communes a territory had in each geography year, how that list was
// made, and the writes of a territory joining. Public data, no personal data.
import type { Executor } from '../../platform/db/database.ts';
import type { Timestamp } from '../../platform/db/schema.ts';

export type MembershipMethod = 'bassin-de-vie' | 'epci' | 'communes' | 'seed';

export interface TerritoryGeographiesTable {
  territory_id: string;
  geography_year: number;
  method: MembershipMethod;
  code: string;
  source: string;
  recorded_at: Timestamp;
}
export interface TerritoryMembershipsTable {
  territory_id: string;
  geography_year: number;
  insee_code: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    territory_geographies: TerritoryGeographiesTable;
    territory_memberships: TerritoryMembershipsTable;
  }
}

/** A territory as the list of territories shows it. */
export interface TerritorySummary {
  id: string;
  name: string;
  zoning: string;
  code: string;
  communes: number;
  geographyYear: number | null;
  method: MembershipMethod | null;
}

/** Every territory with its current number of communes and how its list was made. */
export async function listTerritorySummaries(db: Executor): Promise<TerritorySummary[]> {
  const rows = await db
    .selectFrom('territories')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('territory_communes')
          .select(['territory_id', (e) => e.fn.countAll<string>().as('n')])
          .groupBy('territory_id')
          .as('counts'),
      (join) => join.onRef('counts.territory_id', '=', 'territories.id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('territory_geographies')
          .distinctOn('territory_id')
          .select(['territory_id', 'geography_year', 'method'])
          .orderBy('territory_id')
          .orderBy('geography_year', 'desc')
          .as('geo'),
      (join) => join.onRef('geo.territory_id', '=', 'territories.id'),
    )
    .select([
      'territories.id',
      'territories.name',
      'territories.zoning',
      'territories.insee_code',
      'counts.n',
      'geo.geography_year',
      'geo.method',
    ])
    .orderBy('territories.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    zoning: r.zoning,
    code: r.insee_code,
    communes: Number(r.n ?? 0),
    geographyYear: r.geography_year ?? null,
    method: r.method ?? null,
  }));
}

/** Whether a territory id is taken. */
export async function territoryExists(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('territories').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Communes of the list that already belong to another territory in that geography year. */
export async function communesTakenIn(
  db: Executor,
  year: number,
  codes: string[],
  exceptTerritory?: string,
): Promise<{ code: string; territoryId: string }[]> {
  if (codes.length === 0) return [];
  let query = db
    .selectFrom('territory_memberships')
    .select(['insee_code', 'territory_id'])
    .where('geography_year', '=', year)
    .where('insee_code', 'in', codes);
  if (exceptTerritory) query = query.where('territory_id', '<>', exceptTerritory);
  const rows = await query.orderBy('insee_code').execute();
  return rows.map((r) => ({ code: r.insee_code, territoryId: r.territory_id }));
}

/** Records (or replaces) a territory's communes for one geography year, with how the list was made. */
export async function recordMembership(
  trx: Executor,
  territoryId: string,
  year: number,
  definition: { method: MembershipMethod; code: string; source: string },
  codes: string[],
): Promise<void> {
  await trx
    .insertInto('territory_geographies')
    .values({ territory_id: territoryId, geography_year: year, ...definition })
    .onConflict((oc) =>
      oc.columns(['territory_id', 'geography_year']).doUpdateSet({
        method: definition.method,
        code: definition.code,
        source: definition.source,
      }),
    )
    .execute();
  await trx
    .deleteFrom('territory_memberships')
    .where('territory_id', '=', territoryId)
    .where('geography_year', '=', year)
    .execute();
  if (codes.length > 0)
    await trx
      .insertInto('territory_memberships')
      .values(codes.map((code) => ({ territory_id: territoryId, geography_year: year, insee_code: code })))
      .execute();
}

/**
 * Commune → territory for the geography of a year: each territory's latest membership up to that year (or its
 * earliest when it joined later). Small: one row per commune of the experiment.
 */
export async function membershipForYear(db: Executor, year: number): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('territory_memberships')
    .select(['territory_id', 'geography_year', 'insee_code'])
    .execute();
  const chosenYear = new Map<string, number>();
  for (const r of rows) {
    const current = chosenYear.get(r.territory_id);
    const better =
      current === undefined ||
      (r.geography_year <= year && (current > year || r.geography_year > current)) ||
      (r.geography_year > year && current > year && r.geography_year < current);
    if (better) chosenYear.set(r.territory_id, r.geography_year);
  }
  const map = new Map<string, string>();
  for (const r of rows)
    if (chosenYear.get(r.territory_id) === r.geography_year) map.set(r.insee_code, r.territory_id);
  return map;
}

/** Every commune of every territory of the experiment, by name (a resident of any territory finds theirs). */
export async function listExperimentCommunes(
  db: Executor,
): Promise<{ inseeCode: string; name: string; postalCodes: string[]; territoryIds: string[] }[]> {
  const rows = await db
    .selectFrom('communes')
    .innerJoin('territory_communes', 'territory_communes.insee_code', 'communes.insee_code')
    .select([
      'communes.insee_code',
      'communes.name',
      'communes.postal_codes',
      'territory_communes.territory_id',
    ])
    .orderBy('communes.name')
    .orderBy('communes.insee_code')
    .execute();
  const byCode = new Map<
    string,
    { inseeCode: string; name: string; postalCodes: string[]; territoryIds: string[] }
  >();
  for (const r of rows) {
    const commune = byCode.get(r.insee_code) ?? {
      inseeCode: r.insee_code,
      name: r.name,
      postalCodes: r.postal_codes,
      territoryIds: [],
    };
    commune.territoryIds.push(r.territory_id);
    byCode.set(r.insee_code, commune);
  }
  return [...byCode.values()];
}

/**
 * The experiment's first territory (the one that joined first), read from the database rather than written in the
 * code: the territory of the service for what says no commune (a resident's file without one).
 */
export async function firstTerritory(db: Executor): Promise<string> {
  const row = await db
    .selectFrom('territories')
    .select('id')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
