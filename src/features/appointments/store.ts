// Queries of the appointments feature: motifs, opening ranges, exceptions, absences, appointments, walk-ins and
// agents' calendar feeds. The use-cases own the transactions and the journal.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Closure } from '../territory/hours.ts';
import type { Busy, MotifRule, RangeException, RangeRule } from './slots.ts';
import type { AppointmentStatus, MotifChannel } from './tables.ts';
import './tables.ts';

/** A motif as pages show it. */
export interface Motif extends MotifRule {
  organisationId: string;
  organisationName: string;
  channel: MotifChannel;
  instructionsBefore: string;
  instructionsAfter: string;
  active: boolean;
}

function motifQuery(db: Executor) {
  return db
    .selectFrom('appointment_motifs')
    .innerJoin('organisations', 'organisations.id', 'appointment_motifs.organisation_id')
    .selectAll('appointment_motifs')
    .select('organisations.name as organisation_name');
}

function toMotif(r: Awaited<ReturnType<ReturnType<typeof motifQuery>['executeTakeFirstOrThrow']>>): Motif {
  return {
    id: r.id,
    name: r.name,
    durationMinutes: r.duration_minutes,
    publicBooking: r.public_booking,
    minDelayHours: r.min_delay_hours,
    maxDelayDays: r.max_delay_days,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    channel: r.channel,
    instructionsBefore: r.instructions_before,
    instructionsAfter: r.instructions_after,
    active: r.active,
  };
}

/** Motifs of an organisation (or every organisation), active ones unless asked otherwise. */
export async function listMotifs(
  db: Executor,
  filter: { organisationId?: string; ids?: string[]; includeInactive?: boolean } = {},
): Promise<Motif[]> {
  let query = motifQuery(db);
  if (filter.organisationId)
    query = query.where('appointment_motifs.organisation_id', '=', filter.organisationId);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('appointment_motifs.id', 'in', filter.ids);
  }
  if (!filter.includeInactive) query = query.where('appointment_motifs.active', '=', true);
  return (await query.orderBy('appointment_motifs.name').execute()).map(toMotif);
}

/** One motif by id. */
export async function findMotif(db: Executor, id: string): Promise<Motif | undefined> {
  const row = await motifQuery(db).where('appointment_motifs.id', '=', id).executeTakeFirst();
  return row ? toMotif(row) : undefined;
}

/** What a motif form sets (everything but its organisation, fixed at creation). */
export interface MotifValues {
  name: string;
  durationMinutes: number;
  channel: MotifChannel;
  publicBooking: boolean;
  minDelayHours: number;
  maxDelayDays: number;
  instructionsBefore: string;
  instructionsAfter: string;
}

const motifColumns = (v: MotifValues) => ({
  name: v.name,
  duration_minutes: v.durationMinutes,
  channel: v.channel,
  public_booking: v.publicBooking,
  min_delay_hours: v.minDelayHours,
  max_delay_days: v.maxDelayDays,
  instructions_before: v.instructionsBefore,
  instructions_after: v.instructionsAfter,
});

/** Inserts a motif of an organisation; returns its id. */
export async function insertMotif(trx: Executor, organisationId: string, v: MotifValues): Promise<string> {
  const row = await trx
    .insertInto('appointment_motifs')
    .values({ organisation_id: organisationId, ...motifColumns(v) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates a motif. Appointments already booked keep their own start and end: a new duration only shapes the
 * slots offered from now on.
 */
export async function updateMotif(trx: Executor, id: string, v: MotifValues): Promise<void> {
  await trx.updateTable('appointment_motifs').set(motifColumns(v)).where('id', '=', id).execute();
}

/** Archives (no longer offered) or reactivates a motif. */
export async function setMotifActive(trx: Executor, id: string, active: boolean): Promise<void> {
  await trx.updateTable('appointment_motifs').set({ active }).where('id', '=', id).execute();
}

/** Locks a motif's row for the transaction (a booking of it waits). */
export async function lockMotif(trx: Executor, id: string): Promise<void> {
  await trx.selectFrom('appointment_motifs').select('id').where('id', '=', id).forUpdate().execute();
}

/** How many appointments, of any status, were booked for a motif (they keep it from being deleted). */
export async function countMotifAppointments(db: Executor, id: string): Promise<number> {
  const row = await db
    .selectFrom('appointments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('motif_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes a motif that no appointment refers to (its links to ranges go with it). */
export async function deleteMotif(trx: Executor, id: string): Promise<void> {
  await trx.deleteFrom('appointment_motifs').where('id', '=', id).execute();
}

// ── opening ranges ────────────────────────────────────────────────────────────────────────────────────────

/** A range as pages show it. */
export interface Range extends RangeRule {
  agentName: string;
  placeSlug: string;
  placeName: string;
}

function rangeQuery(db: Executor) {
  return db
    .selectFrom('opening_ranges')
    .innerJoin('users', 'users.id', 'opening_ranges.agent_id')
    .innerJoin('places', 'places.id', 'opening_ranges.place_id')
    .selectAll('opening_ranges')
    .select(['users.display_name', 'places.slug as place_slug', 'places.name as place_name']);
}

async function toRanges(
  db: Executor,
  rows: Awaited<ReturnType<ReturnType<typeof rangeQuery>['execute']>>,
): Promise<Range[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('opening_range_motifs')
    .innerJoin('appointment_motifs', 'appointment_motifs.id', 'opening_range_motifs.motif_id')
    .select(['opening_range_motifs.range_id', 'opening_range_motifs.motif_id'])
    .where(
      'opening_range_motifs.range_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('appointment_motifs.active', '=', true)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agentId: r.agent_id,
    placeId: r.place_id,
    weekday: r.weekday,
    everyWeeks: r.every_weeks,
    firstDate: r.first_date,
    untilDate: r.until_date,
    starts: r.starts.slice(0, 5),
    ends: r.ends.slice(0, 5),
    motifIds: links.filter((l) => l.range_id === r.id).map((l) => l.motif_id),
    agentName: r.display_name,
    placeSlug: r.place_slug,
    placeName: r.place_name,
  }));
}

/** Opening ranges at places, or of an agent, that are not over on `from`. */
export async function listRanges(
  db: Executor,
  filter: { placeIds?: string[]; agentId?: string; organisationId?: string; from: string },
): Promise<Range[]> {
  let query = rangeQuery(db).where((eb) =>
    eb.or([eb('opening_ranges.until_date', 'is', null), eb('opening_ranges.until_date', '>=', filter.from)]),
  );
  if (filter.placeIds) {
    if (filter.placeIds.length === 0) return [];
    query = query.where('opening_ranges.place_id', 'in', filter.placeIds);
  }
  if (filter.agentId) query = query.where('opening_ranges.agent_id', '=', filter.agentId);
  if (filter.organisationId) query = query.where('users.organisation_id', '=', filter.organisationId);
  return toRanges(
    db,
    await query.orderBy('opening_ranges.weekday').orderBy('opening_ranges.starts').execute(),
  );
}

/** One range by id. */
export async function findRange(db: Executor, id: string): Promise<Range | undefined> {
  return (await toRanges(db, await rangeQuery(db).where('opening_ranges.id', '=', id).execute()))[0];
}

/** Inserts a range with its motifs; returns its id. */
export async function insertRange(trx: Executor, v: Omit<RangeRule, 'id'>): Promise<string> {
  const row = await trx
    .insertInto('opening_ranges')
    .values({
      agent_id: v.agentId,
      place_id: v.placeId,
      weekday: v.weekday,
      every_weeks: v.everyWeeks,
      first_date: v.firstDate,
      until_date: v.untilDate,
      starts: v.starts,
      ends: v.ends,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (v.motifIds.length > 0)
    await trx
      .insertInto('opening_range_motifs')
      .values(v.motifIds.map((motif_id) => ({ range_id: row.id, motif_id })))
      .execute();
  return row.id;
}

/** Sets the exception of one occurrence (moved or cancelled). */
export async function upsertException(trx: Executor, e: RangeException): Promise<void> {
  await trx
    .insertInto('opening_range_exceptions')
    .values({
      range_id: e.rangeId,
      on_date: e.onDate,
      cancelled: e.cancelled,
      starts: e.starts,
      ends: e.ends,
    })
    .onConflict((oc) =>
      oc
        .columns(['range_id', 'on_date'])
        .doUpdateSet({ cancelled: e.cancelled, starts: e.starts, ends: e.ends }),
    )
    .execute();
}

/** Exceptions of ranges between two dates. */
export async function listExceptions(
  db: Executor,
  rangeIds: string[],
  from: string,
  to: string,
): Promise<RangeException[]> {
  if (rangeIds.length === 0) return [];
  const rows = await db
    .selectFrom('opening_range_exceptions')
    .selectAll()
    .where('range_id', 'in', rangeIds)
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .execute();
  return rows.map((r) => ({
    rangeId: r.range_id,
    onDate: r.on_date,
    cancelled: r.cancelled,
    starts: r.starts?.slice(0, 5) ?? null,
    ends: r.ends?.slice(0, 5) ?? null,
  }));
}

/** Appointments that hold time and absences of agents overlapping a period. */
export async function listBusy(db: Executor, agentIds: string[], from: Date, to: Date): Promise<Busy[]> {
  if (agentIds.length === 0) return [];
  const [appointments, absences] = await Promise.all([
    db
      .selectFrom('appointments')
      .select(['agent_id', 'starts_at', 'ends_at'])
      .where('agent_id', 'in', agentIds)
      .where('starts_at', '<', to)
      .where('ends_at', '>', from)
      .where('status', 'not in', ['cancelled-by-service', 'cancelled-by-resident'])
      .execute(),
    db
      .selectFrom('agent_absences')
      .select(['agent_id', 'starts_at', 'ends_at'])
      .where('agent_id', 'in', agentIds)
      .where('starts_at', '<', to)
      .where('ends_at', '>', from)
      .execute(),
  ]);
  return [...appointments, ...absences].map((r) => ({
    agentId: r.agent_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }));
}

/** Exceptional closures and the public-holiday rule of places. */
export async function listPlaceCalendars(
  db: Executor,
  placeIds: string[],
): Promise<Map<string, { closures: Closure[]; openOnPublicHolidays: boolean }>> {
  const result = new Map<string, { closures: Closure[]; openOnPublicHolidays: boolean }>();
  if (placeIds.length === 0) return result;
  const places = await db
    .selectFrom('places')
    .select(['id', 'open_on_public_holidays'])
    .where('id', 'in', placeIds)
    .execute();
  for (const p of places) result.set(p.id, { closures: [], openOnPublicHolidays: p.open_on_public_holidays });
  const closures = await db
    .selectFrom('place_closures')
    .select(['place_id', 'starts_on', 'ends_on', 'reason'])
    .where('place_id', 'in', placeIds)
    .where('ends_on', '>=', sql<string>`current_date - 1`)
    .execute();
  for (const c of closures)
    result.get(c.place_id)?.closures.push({ startsOn: c.starts_on, endsOn: c.ends_on, reason: c.reason });
  return result;
}

/** Adds an absence of an agent; returns its id. */
export async function insertAbsence(
  trx: Executor,
  v: { agentId: string; startsAt: Date; endsAt: Date; reason: string },
): Promise<string> {
  const row = await trx
    .insertInto('agent_absences')
    .values({ agent_id: v.agentId, starts_at: v.startsAt, ends_at: v.endsAt, reason: v.reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The coming absences of an agent. */
export function listAbsences(db: Executor, agentId: string, from: Date) {
  return db
    .selectFrom('agent_absences')
    .select(['id', 'starts_at', 'ends_at', 'reason'])
    .where('agent_id', '=', agentId)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .execute();
}

// ── appointments ──────────────────────────────────────────────────────────────────────────────────────────

/** What a new appointment row holds. */
export interface NewAppointment {
  id: string;
  motifId: string;
  placeId: string;
  agentId: string;
  rangeId: string | null;
  startsAt: Date;
  endsAt: Date;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  consentAt: Date;
  bookedVia: 'public' | 'agent';
  bookedBy: string | null;
  caseId: string | null;
  cancelTokenHash: string;
}

/** Inserts an appointment; the exclusion constraint refuses one that overlaps the agent's time. */
export async function insertAppointment(trx: Executor, a: NewAppointment): Promise<string> {
  const row = await trx
    .insertInto('appointments')
    .values({
      id: a.id,
      motif_id: a.motifId,
      place_id: a.placeId,
      agent_id: a.agentId,
      range_id: a.rangeId,
      starts_at: a.startsAt,
      ends_at: a.endsAt,
      first_name: a.firstName,
      last_name: a.lastName,
      email: a.email,
      phone: a.phone,
      consent_at: a.consentAt,
      booked_via: a.bookedVia,
      booked_by: a.bookedBy,
      case_id: a.caseId,
      cancel_token_hash: a.cancelTokenHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function appointmentQuery(db: Executor) {
  return db
    .selectFrom('appointments')
    .innerJoin('appointment_motifs', 'appointment_motifs.id', 'appointments.motif_id')
    .innerJoin('places', 'places.id', 'appointments.place_id')
    .innerJoin('users as agent', 'agent.id', 'appointments.agent_id')
    .leftJoin('communes', 'communes.insee_code', 'places.commune_insee')
    .selectAll('appointments')
    .select([
      'appointment_motifs.name as motif_name',
      'appointment_motifs.channel',
      'appointment_motifs.instructions_after',
      'appointment_motifs.organisation_id',
      // The appointment's own length: a motif's duration changed later does not change booked appointments.
      sql<number>`(extract(epoch from appointments.ends_at - appointments.starts_at) / 60)::int`.as(
        'duration_minutes',
      ),
      'places.slug as place_slug',
      'places.name as place_name',
      'places.address_line',
      'places.postal_code',
      'places.phone as place_phone',
      'places.commune_insee as place_commune',
      'places.territory_id as place_territory',
      'communes.name as commune_name',
      'agent.display_name as agent_name',
      'agent.organisation_id as agent_organisation_id',
    ]);
}
export type AppointmentRow = Awaited<
  ReturnType<ReturnType<typeof appointmentQuery>['executeTakeFirstOrThrow']>
>;

/** One appointment by id. */
export function findAppointment(db: Executor, id: string): Promise<AppointmentRow | undefined> {
  return appointmentQuery(db).where('appointments.id', '=', id).executeTakeFirst();
}

/** One appointment by the hash of its cancel link's token. */
export function findAppointmentByTokenHash(db: Executor, hash: string): Promise<AppointmentRow | undefined> {
  return appointmentQuery(db).where('appointments.cancel_token_hash', '=', hash).executeTakeFirst();
}

/** Appointments of agents (or at places) in a period, by start. */
export function listAppointments(
  db: Executor,
  filter: { agentIds?: string[]; organisationId?: string; from: Date; to: Date },
): Promise<AppointmentRow[]> {
  let query = appointmentQuery(db)
    .where('appointments.starts_at', '>=', filter.from)
    .where('appointments.starts_at', '<', filter.to);
  if (filter.agentIds) {
    if (filter.agentIds.length === 0) return Promise.resolve([]);
    query = query.where('appointments.agent_id', 'in', filter.agentIds);
  }
  if (filter.organisationId) query = query.where('agent.organisation_id', '=', filter.organisationId);
  return query.orderBy('appointments.starts_at').execute();
}

/** Sets the status (and outcome) of an appointment; returns whether a row changed. */
export async function setAppointmentStatus(
  trx: Executor,
  id: string,
  status: AppointmentStatus,
  by: string | null,
  at: Date,
  onlyFrom: AppointmentStatus[],
): Promise<boolean> {
  const result = await trx
    .updateTable('appointments')
    .set({ status, outcome_at: at, outcome_by: by })
    .where('id', '=', id)
    .where('status', 'in', onlyFrom)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Booked appointments starting before `until` whose reminder is not sent. */
export function listDueReminders(db: Executor, now: Date, until: Date) {
  return appointmentQuery(db)
    .where('appointments.status', '=', 'booked')
    .where('appointments.reminder_sent_at', 'is', null)
    .where('appointments.starts_at', '>', now)
    .where('appointments.starts_at', '<=', until)
    .orderBy('appointments.starts_at')
    .limit(500)
    .execute();
}

/** Marks a reminder as sent, once: false when another worker already did. */
export async function markReminderSent(trx: Executor, id: string, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('appointments')
    .set({ reminder_sent_at: at })
    .where('id', '=', id)
    .where('reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Erases names and contacts of appointments that ended before `before`; returns how many. */
export async function anonymiseAppointments(trx: Executor, before: Date, at: Date): Promise<number> {
  const result = await trx
    .updateTable('appointments')
    .set({
      first_name: null,
      last_name: null,
      email: null,
      phone: null,
      cancel_token_hash: null,
      anonymised_at: at,
    })
    .where('ends_at', '<', before)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ── walk-ins ──────────────────────────────────────────────────────────────────────────────────────────────

/** Records a walk-in visit; returns its id. */
export async function insertWalkIn(
  trx: Executor,
  v: { placeId: string; agentId: string; organisationId: string | null; reason: string; at: Date },
): Promise<string> {
  const row = await trx
    .insertInto('walk_ins')
    .values({
      place_id: v.placeId,
      agent_id: v.agentId,
      organisation_id: v.organisationId,
      reason: v.reason,
      at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Walk-ins per place and reason since a date. */
export function countWalkIns(db: Executor, filter: { since: Date; placeIds?: string[] }) {
  let query = db
    .selectFrom('walk_ins')
    .innerJoin('places', 'places.id', 'walk_ins.place_id')
    .select(['places.slug', 'places.name', 'walk_ins.reason', sql<number>`count(*)`.as('count')])
    .where('walk_ins.at', '>=', filter.since);
  if (filter.placeIds) {
    if (filter.placeIds.length === 0) return Promise.resolve([]);
    query = query.where('walk_ins.place_id', 'in', filter.placeIds);
  }
  return query
    .groupBy(['places.slug', 'places.name', 'walk_ins.reason'])
    .orderBy('places.name')
    .orderBy('walk_ins.reason')
    .execute();
}

// ── agents ────────────────────────────────────────────────────────────────────────────────────────────────

/** Sets (or replaces) the token of an agent's calendar feed. */
export async function setFeedToken(trx: Executor, agentId: string, tokenHash: string): Promise<void> {
  await trx
    .insertInto('agent_calendar_feeds')
    .values({ agent_id: agentId, token_hash: tokenHash })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet({ token_hash: tokenHash, created_at: sql`now()` }))
    .execute();
}

/** The agent of a calendar feed token's hash. */
export async function agentOfFeed(db: Executor, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('agent_calendar_feeds')
    .select('agent_id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.agent_id;
}
