// Queries of the bus tours' editing pages: a tour, its stops' rows, the passages cancelled one by one. The
// use-cases (edit-bus.ts) own the transactions and journal every change; each marks the tour edited, so the seed
// applied at every start leaves its stops as people left them.
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';

/** A bus tour as its editing page needs it: the bus (a place) and the organisation that runs it. */
export interface BusTour {
  id: string;
  slug: string;
  territoryId: string;
  name: string;
  bus: {
    id: string;
    slug: string;
    organisationId: string | null;
    phone: string | null;
    email: string | null;
  };
}

function tourQuery(db: Executor) {
  return db
    .selectFrom('bus_tours')
    .innerJoin('places as bus', 'bus.id', 'bus_tours.place_id')
    .select([
      'bus_tours.id',
      'bus_tours.slug',
      'bus_tours.territory_id',
      'bus_tours.name',
      'bus.id as bus_id',
      'bus.slug as bus_slug',
      'bus.organisation_id',
      'bus.phone',
      'bus.email',
    ]);
}

function toTour(r: Awaited<ReturnType<ReturnType<typeof tourQuery>['executeTakeFirstOrThrow']>>): BusTour {
  return {
    id: r.id,
    slug: r.slug,
    territoryId: r.territory_id,
    name: r.name,
    bus: {
      id: r.bus_id,
      slug: r.bus_slug,
      organisationId: r.organisation_id,
      phone: r.phone,
      email: r.email,
    },
  };
}

/** One tour by its slug. */
export async function findTour(db: Executor, slug: string): Promise<BusTour | undefined> {
  const row = await tourQuery(db).where('bus_tours.slug', '=', slug).executeTakeFirst();
  return row ? toTour(row) : undefined;
}

/** The tours of some territories, by name. */
export async function listTours(db: Db, territoryIds: string[]): Promise<BusTour[]> {
  if (territoryIds.length === 0) return [];
  const rows = await tourQuery(db)
    .where('bus_tours.territory_id', 'in', territoryIds)
    .orderBy('bus_tours.name')
    .execute();
  return rows.map(toTour);
}

/**
 * Serialises the changes of one tour until the transaction ends (two people changing it at once are applied one
 * after the other, each checking the appointments against what the other left), and marks it edited.
 */
export async function lockTourForEdit(trx: Executor, tourId: string): Promise<void> {
  await sql`select id from bus_tours where id = ${tourId} for update`.execute(trx);
  await trx
    .updateTable('bus_tours')
    .set({ edited_at: sql`now()` })
    .where('id', '=', tourId)
    .execute();
}

/** The calendar of a stop that the pages write. */
export interface StopValues {
  weekday: number;
  everyWeeks: number;
  firstDate: string;
  untilDate: string | null;
  starts: string;
  ends: string;
}

function stopColumns(v: StopValues) {
  return {
    weekday: v.weekday,
    every_weeks: v.everyWeeks,
    first_date: v.firstDate,
    until_date: v.untilDate,
    starts: v.starts,
    ends: v.ends,
    // A calendar set by the people who run the bus is no demonstration value any more.
    demo: false,
  };
}

/** Adds a stop to a tour; returns its id. */
export async function insertStop(trx: Executor, tourId: string, placeId: string, v: StopValues) {
  const row = await trx
    .insertInto('bus_stops')
    .values({ tour_id: tourId, place_id: placeId, ...stopColumns(v) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a stop's calendar. */
export async function updateStop(trx: Executor, stopId: string, v: StopValues): Promise<void> {
  await trx.updateTable('bus_stops').set(stopColumns(v)).where('id', '=', stopId).execute();
}

/** Removes a stop (its cancelled passages with it). */
export async function deleteStop(trx: Executor, stopId: string): Promise<void> {
  await trx.deleteFrom('bus_stops').where('id', '=', stopId).execute();
}

/** Cancels one passage of a stop; returns the cancellation's id. */
export async function insertCancellation(trx: Executor, stopId: string, date: string, reason: string) {
  const row = await trx
    .insertInto('bus_passage_cancellations')
    .values({ stop_id: stopId, on_date: date, reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes a cancellation (the passage takes place after all); returns its date, or undefined. */
export async function deleteCancellation(trx: Executor, stopId: string, id: string) {
  const row = await trx
    .deleteFrom('bus_passage_cancellations')
    .where('id', '=', id)
    .where('stop_id', '=', stopId)
    .returning('on_date')
    .executeTakeFirst();
  return row?.on_date;
}

/** The place that is already a stop of this bus's organisation in a commune, if any. */
export async function findStopPlace(db: Executor, organisationId: string | null, communeInsee: string) {
  let query = db
    .selectFrom('places')
    .select(['id', 'slug'])
    .where('kind', '=', 'bus-stop')
    .where('commune_insee', '=', communeInsee);
  query = organisationId
    ? query.where('organisation_id', '=', organisationId)
    : query.where('organisation_id', 'is', null);
  return query.orderBy('slug').executeTakeFirst();
}
