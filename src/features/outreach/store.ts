// Queries of aller-vers: consents, the last estimation of each consenting resident, the probable rights found and
// what helpers did about them, the runs of the nightly job. Batch statements (unnest of arrays) so that 100,000
// residents are a few hundred statements, not a few hundred thousand. The use-cases own the transactions.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { microsecondText, type PageDirection } from '../../platform/page-cursor.ts';
import type { Outcome } from './tables.ts';
import './tables.ts';

export type { Executor } from '../../platform/db/database.ts';

/** A consenting resident as the nightly job reads them. */
export interface ConsentRow {
  userId: string;
  email: string;
  territoryId: string;
  smsPhone: string | null;
  estimate: { fileVersion: number; fingerprint: string; probable: string[] } | null;
}

/** One page of consenting residents, by id, after `after` (keyset: no offset to scan). */
export async function consentPage(db: Executor, after: string | null, limit: number): Promise<ConsentRow[]> {
  let query = db
    .selectFrom('outreach_consents as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .leftJoin('outreach_estimates as e', 'e.user_id', 'c.user_id')
    .select([
      'c.user_id',
      'u.email',
      'c.territory_id',
      'c.sms_phone',
      'e.file_version',
      'e.fingerprint',
      'e.probable',
    ])
    .where('u.status', '=', 'active')
    .orderBy('c.user_id')
    .limit(limit);
  if (after) query = query.where('c.user_id', '>', after);
  const rows = await query.execute();
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    territoryId: r.territory_id,
    smsPhone: r.sms_phone,
    estimate:
      r.file_version !== null && r.fingerprint !== null && r.probable !== null
        ? { fileVersion: r.file_version, fingerprint: r.fingerprint, probable: r.probable }
        : null,
  }));
}

/** Every commune of a territory, with its territory. */
export async function communeTerritories(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('territory_communes')
    .select(['insee_code', 'territory_id'])
    .orderBy('territory_id')
    .execute();
  const map = new Map<string, string>();
  for (const r of rows) if (!map.has(r.insee_code)) map.set(r.insee_code, r.territory_id);
  return map;
}

/** Records the estimation of many residents at once. */
export async function saveEstimates(
  db: Executor,
  rows: { userId: string; fileVersion: number; fingerprint: string; probable: string[] }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into outreach_estimates (user_id, file_version, fingerprint, probable, estimated_at)
    select t.user_id, t.file_version, t.fingerprint,
      coalesce(array(select jsonb_array_elements_text(t.probable)), '{}'), ${now}
    from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ user_id: r.userId, file_version: r.fileVersion, fingerprint: r.fingerprint, probable: r.probable })))}::jsonb)
      as t(user_id uuid, file_version integer, fingerprint text, probable jsonb)
    on conflict (user_id) do update set file_version = excluded.file_version, fingerprint = excluded.fingerprint,
      probable = excluded.probable, estimated_at = excluded.estimated_at
  `.execute(db);
}

/** One probable right found by an estimation. */
export interface ProbableRight {
  userId: string;
  benefitId: string;
  territoryId: string;
  amount: number | null;
  frequency: string;
}

/**
 * Records the rights probable now: new ones are inserted (and returned: they are the ones to notify, marked
 * notified now), known ones are marked probable again with their amount and territory — a right once found, and
 * above all one declined, is never new again.
 */
export async function recordProbable(
  db: Executor,
  rights: ProbableRight[],
  now: Date,
): Promise<{ userId: string; benefitId: string }[]> {
  if (rights.length === 0) return [];
  const result = await sql<{ user_id: string; benefit_id: string }>`
    insert into outreach_rights (user_id, benefit_id, territory_id, first_probable_at, probable, amount, frequency, notified_at)
    select t.user_id, t.benefit_id, t.territory_id, ${now}, true, t.amount, t.frequency, ${now}
    from jsonb_to_recordset(${JSON.stringify(rights.map((r) => ({ user_id: r.userId, benefit_id: r.benefitId, territory_id: r.territoryId, amount: r.amount, frequency: r.frequency })))}::jsonb)
      as t(user_id uuid, benefit_id text, territory_id text, amount numeric, frequency text)
    on conflict (user_id, benefit_id) do update set probable = true, amount = excluded.amount,
      frequency = excluded.frequency, territory_id = excluded.territory_id
    returning user_id, benefit_id, (xmax = 0) as inserted
  `.execute(db);
  return (result.rows as { user_id: string; benefit_id: string; inserted: boolean }[])
    .filter((r) => r.inserted)
    .map((r) => ({ userId: r.user_id, benefitId: r.benefit_id }));
}

/** Marks as no longer probable the rights of these residents that are not in `still` (user|benefit keys). */
export async function clearNoLongerProbable(
  db: Executor,
  userIds: string[],
  still: { userId: string; benefitId: string }[],
): Promise<void> {
  if (userIds.length === 0) return;
  await sql`
    update outreach_rights r set probable = false
    where r.user_id = any(${userIds}::uuid[]) and r.probable
      and not exists (
        select 1 from jsonb_to_recordset(${JSON.stringify(still.map((s) => ({ u: s.userId, b: s.benefitId })))}::jsonb)
          as t(u uuid, b text)
        where t.u = r.user_id and t.b = r.benefit_id
      )
  `.execute(db);
}

/** Moves consents (and their rights) to the territory of the resident's commune when it changed. */
export async function moveTerritories(
  db: Executor,
  moves: { userId: string; territoryId: string }[],
): Promise<void> {
  if (moves.length === 0) return;
  const json = JSON.stringify(moves.map((m) => ({ u: m.userId, t: m.territoryId })));
  await sql`
    update outreach_consents c set territory_id = t.t
    from jsonb_to_recordset(${json}::jsonb) as t(u uuid, t text) where c.user_id = t.u
  `.execute(db);
  await sql`
    update outreach_rights r set territory_id = t.t
    from jsonb_to_recordset(${json}::jsonb) as t(u uuid, t text) where r.user_id = t.u
  `.execute(db);
}

/** Starts a run of the nightly job; returns its id. */
export async function startRun(db: Executor, month: string, fingerprint: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('outreach_runs')
    .values({ month, fingerprint, started_at: now, finished_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends a run with its counts. */
export async function finishRun(
  db: Executor,
  id: number,
  counts: { residents: number; estimated: number; notified: number },
  now: Date,
): Promise<void> {
  await db
    .updateTable('outreach_runs')
    .set({
      finished_at: now,
      residents: counts.residents,
      estimated: counts.estimated,
      notified: counts.notified,
    })
    .where('id', '=', id)
    .execute();
}

// ── Consent ─────────────────────────────────────────────────────────────────────────────────────────

/** A resident's consent, if given. */
export async function findConsent(
  db: Executor,
  userId: string,
): Promise<{ territoryId: string; smsPhone: string | null; givenAt: Date } | undefined> {
  const row = await db
    .selectFrom('outreach_consents')
    .select(['territory_id', 'sms_phone', 'given_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? { territoryId: row.territory_id, smsPhone: row.sms_phone, givenAt: new Date(row.given_at) }
    : undefined;
}

/** Records (or renews) a consent. */
export async function upsertConsent(
  db: Executor,
  row: { userId: string; territoryId: string; smsPhone: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto('outreach_consents')
    .values({
      user_id: row.userId,
      territory_id: row.territoryId,
      sms_phone: row.smsPhone,
      given_at: row.now,
    })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ territory_id: row.territoryId, sms_phone: row.smsPhone, given_at: row.now }),
    )
    .execute();
}

/**
 * Withdraws a consent: the consent, the last estimation and every right found go, except the rights the
 * resident declined (kept so that they are never proposed again).
 */
export async function deleteConsent(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('outreach_consents').where('user_id', '=', userId).execute();
  await db.deleteFrom('outreach_estimates').where('user_id', '=', userId).execute();
  await db
    .deleteFrom('outreach_rights')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '<>', 'declined')]))
    .execute();
}

/** The rights found for a resident (declined ones included: the resident sees them). */
export async function rightsOfResident(db: Executor, userId: string) {
  return db
    .selectFrom('outreach_rights')
    .select(['benefit_id', 'probable', 'amount', 'frequency', 'first_probable_at', 'outcome'])
    .where('user_id', '=', userId)
    .orderBy('first_probable_at', 'desc')
    .execute();
}

/** Records what happened about a right (by a helper, or the resident declining). */
export async function setOutcome(
  db: Executor,
  userId: string,
  benefitId: string,
  outcome: Outcome,
  by: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('outreach_rights')
    .set({ outcome, outcome_at: now, outcome_by: by })
    .where('user_id', '=', userId)
    .where('benefit_id', '=', benefitId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records that a resident declines a right they have never been proposed (it is then never proposed). */
export async function declineRight(
  db: Executor,
  row: { userId: string; benefitId: string; territoryId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('outreach_rights')
    .values({
      user_id: row.userId,
      benefit_id: row.benefitId,
      territory_id: row.territoryId,
      first_probable_at: row.now,
      probable: false,
      amount: null,
      frequency: null,
      notified_at: null,
      outcome: 'declined',
      outcome_at: row.now,
      outcome_by: row.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'benefit_id'])
        .doUpdateSet({ outcome: 'declined', outcome_at: row.now, outcome_by: row.userId }),
    )
    .execute();
}

// ── The helpers' list ───────────────────────────────────────────────────────────────────────────────

/** One line of the outreach list. */
export interface OutreachLine {
  userId: string;
  name: string;
  email: string;
  smsPhone: string | null;
  benefitId: string;
  amount: number | null;
  frequency: string | null;
  since: Date;
  outcome: Outcome | null;
  /** Where the line sorts (first found, to the microsecond; resident; benefit): the cursor of the page next to it. */
  sortKey: { at: string; userId: string; benefitId: string };
}

/**
 * Where a page of the list starts: the sort key of the line next to it, and the side — 'after' lists the lines
 * found earlier (the next page), 'before' those found later (the previous page).
 */
export interface OutreachCursor {
  direction: PageDirection;
  /** `first_probable_at` as an ISO instant with its microseconds. */
  at: string;
  userId: string;
  benefitId: string;
}

/** One page of the list, and whether more lines lie past it in the cursor's direction. */
export interface OutreachListing {
  /** Newest first, whatever the cursor's direction. */
  lines: OutreachLine[];
  more: boolean;
}

/**
 * The rights a helper follows: probable, neither claimed nor declined. Written as the predicate of the partial
 * index `outreach_rights_list` (migration 20261206T1940), word for word and without parameters, so that the
 * planner proves the index applies: it then holds only the listed rights, in the list's order.
 */
const listed = sql<boolean>`r.probable and (r.outcome is null or r.outcome in ('contacted', 'appointment'))`;

/**
 * The listed rights of a territory whose resident's consent holds, in one range of the index, cut at `limit`: the
 * consent is a primary-key lookup per line read (a nested loop), never a reading of every consent. Each range is
 * read in the list's order (or its reverse), which is the index's: the two ranges of a page merge, and at most the
 * page's lines are sorted again, never the list.
 */
function listedRange(territoryId: string, range: RawBuilder<boolean>, reverse: boolean, limit: number) {
  const order = reverse
    ? sql`r.first_probable_at, r.user_id desc, r.benefit_id desc`
    : sql`r.first_probable_at desc, r.user_id, r.benefit_id`;
  return sql`(select r.user_id, r.benefit_id, r.amount, r.frequency, r.first_probable_at, r.outcome, c.sms_phone,
      ${microsecondText('r.first_probable_at')} as sort_at
    from outreach_rights r join outreach_consents c on c.user_id = r.user_id
    where r.territory_id = ${territoryId} and ${listed} and ${range}
    order by ${order} limit ${limit})`;
}

/**
 * The lines of a page past the cursor, each side one range of `outreach_rights_list` (territory, first found
 * newest first, resident, benefit) cut at the limit. The nightly job finds all of a night's rights at one instant,
 * so tens of thousands of lines tie on it: the lines tied with the cursor are read from the cursor's own place in
 * the index (same instant, (resident, benefit) past the cursor's), the others from the next instant on — a deep
 * page reads what the first one does, never the lines before it (one condition `first_probable_at <= t and (…
 * or …)` would read every line of the night before the cursor, and drop them).
 */
function pageLines(territoryId: string, cursor: OutreachCursor | null, limit: number) {
  if (!cursor) return listedRange(territoryId, sql<boolean>`true`, false, limit);
  const at = sql`${cursor.at}::timestamptz`;
  const key = sql`(${cursor.userId}::uuid, ${cursor.benefitId}::text)`;
  const user = sql`${cursor.userId}::uuid`;
  // Backwards ('before'): the index read from the cursor towards the newest lines, then turned. Among the tied
  // lines, the consents' side is bounded too (`c.user_id >= …`, implied by the row comparison): the tied lines come
  // in resident order, so the planner may merge-join them with the consents read in that order, and without the
  // bound that read starts at the first (or last) consent of all and walks up to the cursor — 50,000 rows, 25 ms,
  // on a "Précédent" from the middle of a night of 100,000 residents.
  const [tied, beyond, reverse] =
    cursor.direction === 'after'
      ? [
          sql<boolean>`(r.user_id, r.benefit_id) > ${key} and c.user_id >= ${user}`,
          sql<boolean>`r.first_probable_at < ${at}`,
          false,
        ]
      : [
          sql<boolean>`(r.user_id, r.benefit_id) < ${key} and c.user_id <= ${user}`,
          sql<boolean>`r.first_probable_at > ${at}`,
          true,
        ];
  return sql`${listedRange(territoryId, sql<boolean>`r.first_probable_at = ${at} and ${tied}`, reverse, limit)}
    union all ${listedRange(territoryId, beyond, reverse, limit)}`;
}

/** The statement of a page of the list, one line more than the page (also what the bench explains). */
export function outreachPageQuery(territoryId: string, cursor: OutreachCursor | null, pageSize: number) {
  const order =
    cursor?.direction === 'before'
      ? sql`p.first_probable_at, p.user_id desc, p.benefit_id desc`
      : sql`p.first_probable_at desc, p.user_id, p.benefit_id`;
  return sql<{
    user_id: string;
    display_name: string;
    email: string;
    sms_phone: string | null;
    benefit_id: string;
    amount: number | null;
    frequency: string | null;
    first_probable_at: Date;
    outcome: Outcome | null;
    sort_at: string;
  }>`
    select p.*, u.display_name, u.email
    from (${pageLines(territoryId, cursor, pageSize + 1)}) p
    join users u on u.id = p.user_id
    order by ${order}
    limit ${pageSize + 1}`;
}

/**
 * A page of the outreach list of a territory from the cursor: probable rights still to follow (not claimed, not
 * declined), of residents whose consent holds, the newest found first (then by resident and benefit). One line
 * more than the page is read to tell whether another page follows.
 */
export async function outreachPage(
  db: Executor,
  territoryId: string,
  cursor: OutreachCursor | null,
  pageSize: number,
): Promise<OutreachListing> {
  const result = await outreachPageQuery(territoryId, cursor, pageSize).execute(db);
  const rows = result.rows.slice(0, pageSize);
  if (cursor?.direction === 'before') rows.reverse();
  return {
    more: result.rows.length > pageSize,
    lines: rows.map((r) => ({
      userId: r.user_id,
      name: r.display_name,
      email: r.email,
      smsPhone: r.sms_phone,
      benefitId: r.benefit_id,
      amount: r.amount,
      frequency: r.frequency,
      since: new Date(r.first_probable_at),
      outcome: r.outcome,
      sortKey: { at: r.sort_at, userId: r.user_id, benefitId: r.benefit_id },
    })),
  };
}

/**
 * How many lines the list of a territory holds, counted up to `cap` + 1 through the same index range as a page:
 * exact up to `cap`, "more than `cap`" beyond — never a count of the whole list on each page view (268,000 lines
 * cost 80 ms or more), and never a number that is not exact.
 */
export async function countListed(
  db: Executor,
  territoryId: string,
  cap: number,
): Promise<{ count: number; more: boolean }> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from (select 1 from outreach_rights r
      join outreach_consents c on c.user_id = r.user_id
      where r.territory_id = ${territoryId} and ${listed}
      limit ${cap + 1}) x`.execute(db);
  const n = Number(result.rows[0]?.n ?? 0);
  return n > cap ? { count: cap, more: true } : { count: n, more: false };
}

/** The territory of a right of the list, if it is still listed (probable, consent holding). */
export async function listedRightTerritory(
  db: Executor,
  userId: string,
  benefitId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('outreach_rights as r')
    .innerJoin('outreach_consents as c', 'c.user_id', 'r.user_id')
    .select('r.territory_id')
    .where('r.user_id', '=', userId)
    .where('r.benefit_id', '=', benefitId)
    .executeTakeFirst();
  return row?.territory_id;
}
