// Queries of the cases feature. The use-cases own the transactions; these functions take an executor.
import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { microsecondText } from '../../platform/page-cursor.ts';
import { isUuid } from '../../platform/validation.ts';
import type { FileScanStatus } from '../../platform/files/tables.ts';
import type { CaseMembership } from './access.ts';
import type {
  CaseConsentsTable,
  CasesTable,
  CaseStatus,
  ConsentKind,
  ConsentStatus,
  MailVolume,
  MessageKind,
  NoticeChannel,
  NoticeStep,
  Usefulness,
} from './tables.ts';
import './tables.ts';

export type { Executor };

// Whether a string is a UUID (a malformed link is simply "not found"): the platform's check, used here and by the
// feature's other modules.
export { isUuid };

/** The short reference shown to people: the first 8 characters of the id. */
export function caseReference(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

/** The membership of a case (who may see it), optionally locking the case row for the transaction. */
export async function findMembership(
  db: Executor,
  caseId: string,
  lock = false,
): Promise<(CaseMembership & { id: string }) | undefined> {
  if (!isUuid(caseId)) return undefined;
  if (!lock) {
    // One round trip when nothing is locked (every page view starts here).
    const one = await db
      .selectFrom('cases')
      .leftJoin('case_participants', 'case_participants.case_id', 'cases.id')
      .select([
        'cases.id',
        'cases.helper_organisation_id',
        'cases.helper_site_id',
        'cases.status',
        'cases.consent_status',
        sql<(string | null)[]>`array_agg(case_participants.organisation_id)`.as('orgs'),
      ])
      .where('cases.id', '=', caseId)
      .groupBy('cases.id')
      .executeTakeFirst();
    if (!one) return undefined;
    return {
      id: one.id,
      helperOrganisationId: one.helper_organisation_id,
      helperSiteId: one.helper_site_id,
      status: one.status,
      consentStatus: one.consent_status,
      participantOrganisationIds: one.orgs.filter((o): o is string => o != null),
    };
  }
  const row = await db
    .selectFrom('cases')
    .select(['id', 'helper_organisation_id', 'helper_site_id', 'status', 'consent_status'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  const participants = await db
    .selectFrom('case_participants')
    .select('organisation_id')
    .where('case_id', '=', caseId)
    .execute();
  return {
    id: row.id,
    helperOrganisationId: row.helper_organisation_id,
    helperSiteId: row.helper_site_id,
    participantOrganisationIds: participants.map((p) => p.organisation_id),
    status: row.status,
    consentStatus: row.consent_status,
  };
}

/** An organisation that may be invited on a territory. */
export interface InvitableOrganisation {
  id: string;
  slug: string;
  kind: string;
  name: string;
}

/** Organisations of the territory with at least one active agent, except the given one. */
export async function invitableOrganisations(
  db: Executor,
  territoryId: string,
  exceptId: string | null,
): Promise<InvitableOrganisation[]> {
  let query = db
    .selectFrom('organisations')
    .innerJoin('organisation_territories', 'organisation_territories.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.slug', 'organisations.kind', 'organisations.name'])
    .where('organisation_territories.territory_id', '=', territoryId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('users')
          .select(sql`1`.as('one'))
          .whereRef('users.organisation_id', '=', 'organisations.id')
          .where('users.status', '=', 'active')
          .where('users.role', 'in', ['partnerAgent', 'organisationManager', 'helper']),
      ),
    );
  if (exceptId) query = query.where('organisations.id', '<>', exceptId);
  return query.orderBy('organisations.name').execute();
}

/** An agent to notify, with their mail volume (immediate when never set). */
export interface Recipient {
  id: string;
  email: string;
  displayName: string;
  volume: MailVolume;
}

/** Active agents of an organisation with the given roles. */
export async function agentsOf(db: Executor, organisationId: string, roles: string[]): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('user_mail_settings', 'user_mail_settings.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.display_name', 'user_mail_settings.volume'])
    .where('users.organisation_id', '=', organisationId)
    .where('users.status', '=', 'active')
    .where('users.role', 'in', roles)
    .orderBy('users.display_name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    volume: r.volume ?? 'immediate',
  }));
}

/** The agents who answer cases for an organisation: partner agents and helpers (managers get the alerts). */
export async function workersOf(db: Executor, organisationId: string): Promise<Recipient[]> {
  return agentsOf(db, organisationId, ['partnerAgent', 'helper']);
}

/** An organisation's shared mailbox as a recipient (it wants every mail), if it has one. */
export async function sharedMailboxOf(db: Executor, organisationId: string): Promise<Recipient | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select(['name', 'shared_mailbox'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!row?.shared_mailbox) return undefined;
  return {
    id: `mailbox:${organisationId}`,
    email: row.shared_mailbox,
    displayName: `boîte partagée de ${row.name}`,
    volume: 'immediate',
  };
}

/** One user as a recipient. */
export async function recipientById(db: Executor, userId: string): Promise<Recipient | undefined> {
  const r = await db
    .selectFrom('users')
    .leftJoin('user_mail_settings', 'user_mail_settings.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.status', 'user_mail_settings.volume'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!r || r.status !== 'active') return undefined;
  return { id: r.id, email: r.email, displayName: r.display_name, volume: r.volume ?? 'immediate' };
}

/** The mail volume a user chose. */
export async function mailVolumeOf(db: Executor, userId: string): Promise<MailVolume> {
  const row = await db
    .selectFrom('user_mail_settings')
    .select('volume')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.volume ?? 'immediate';
}

/** Sets a user's mail volume. */
export async function setMailVolume(db: Executor, userId: string, volume: MailVolume): Promise<void> {
  await db
    .insertInto('user_mail_settings')
    .values({ user_id: userId, volume, updated_at: new Date() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ volume, updated_at: new Date() }))
    .execute();
}

/**
 * Marks the case changed: the inbox order and state of every organisation taking part follow (copies of the
 * date and status on each participation), and the earliest due date of those still to answer is computed again.
 */
export async function touchCase(
  db: Executor,
  caseId: string,
  now: Date,
  changes: Partial<{ status: CaseStatus; last_message_at: Date; question_pending_at: Date | null }> = {},
): Promise<void> {
  const updated = await db
    .updateTable('cases')
    .set({
      updated_at: now,
      ...changes,
      waiting_due_at: sql<Date | null>`case when ${changes.status ?? sql.ref('cases.status')} = 'closed' then null else
        (select min(p.due_at) from case_participants p
          where p.case_id = ${caseId} and p.first_answer_at is null and p.done_at is null) end`,
    })
    .where('id', '=', caseId)
    .returning('status')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('case_participants')
    .set({ case_updated_at: now, case_status: updated.status })
    .where('case_id', '=', caseId)
    .execute();
}

/** One line of an inbox. It names the resident: the use-case journals the listing. */
export interface InboxRow {
  id: string;
  reference: string;
  status: CaseStatus;
  lifeEvent: string;
  subject: string | null;
  /** The resident's name; null once erased, and never shown to administrators. */
  resident: string | null;
  helperOrganisation: string;
  helperSite: string | null;
  updatedAt: Date;
  createdAt: Date;
  unread: boolean;
  erased: boolean;
  urgent: boolean;
  /** Waiting for an answer past the reminder date: the actor's organisation's, or, on the helper's side, anyone's. */
  overdue: boolean;
  /** Waits for the actor: their organisation's first answer, or the helper's answer to a partner's question. */
  toAnswer: boolean;
  /** The resident has not confirmed an e-mail or SMS consent yet (helper's side only: partners do not see it). */
  consentPending: boolean;
  /** Where the line sorts (last activity to the microsecond, id): the cursor of the page next to it. */
  sortKey: { updatedAt: string; id: string };
}

export type InboxScope = 'mine' | 'site' | 'organisation' | 'all';
export const inboxStates = ['all', 'new', 'to-answer', 'overdue', 'answered', 'closed'] as const;
export type InboxState = (typeof inboxStates)[number];

/**
 * Where an inbox page starts: the sort key (last activity, to the microsecond, and the case id) of the line next
 * to it, and the side — 'after' lists the older cases (the next page), 'before' the newer ones (the previous page).
 */
export interface InboxCursor {
  direction: 'after' | 'before';
  /** `cases.updated_at` as an ISO instant with its microseconds ("2026-12-06T10:15:02.123456Z"). */
  updatedAt: string;
  id: string;
}

/** What an inbox lists: whose cases, in which state, matching which words, from which line. */
export interface InboxQuery {
  scope: InboxScope;
  state: InboxState;
  /** Folded search words (lower case, no accents), each matched as a word prefix; empty: no search. */
  words: string[];
  /**
   * How a search reads (`searchBreadth`): 'narrow', its few matches found through the full-text and scope index,
   * then checked against the scope and state; 'broad', the scope read in date order, each case checked against
   * the words, the newest kept.
   */
  breadth?: SearchBreadth;
  /** None: the first page (the most recently changed cases). */
  cursor?: InboxCursor | null;
  now: Date;
}

/** Beyond this many cases of the scope matching a search, a search is "broad" (and not counted). */
export const narrowSearchCap = 2000;

/** How many of the scope's newest cases (each side) a search first looks at, to tell common words from rare ones. */
const probeSize = 200;
/** Matches among those beyond which the words are common: the search is broad without asking the index. */
const probeCommon = 10;

/**
 * Keeps the rest of the transaction's queries in one server process: an inbox query reads a few hundred index
 * entries, and starting parallel workers costs more than the query (80 ms on a busy server for a 10 ms query).
 */
export async function withoutParallelWorkers(trx: Executor): Promise<void> {
  await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
}

/** How a search reads: its few matches through the index, or, for common words, the scope in date order. */
export type SearchBreadth = 'narrow' | 'broad';

/**
 * Whether search words look common in a scope ('broad': a word shared by thousands of cases, like a subject) from
 * the scope's newest cases: words common among them are broad at once, since the full-text index would build a
 * bitmap of tens of thousands of cases to say so. Otherwise 'narrow', until `countInbox` finds more matches than
 * the cap.
 */
export async function searchBreadth(
  db: Executor,
  actor: Actor,
  scope: InboxScope,
  words: string[],
): Promise<SearchBreadth> {
  // Administrators never search: names are not theirs to look up.
  if (scope === 'all') return 'narrow';
  const { opened, participations } = scopeSides(actor, scope);
  // Only the participations the resident's consent lets in, as every inbox query.
  const invitedNewest = participations
    ? sql`union all select c.search_vector from (select p.case_id from case_participants p
          where ${participations} and p.consent_given
          order by p.case_updated_at desc limit ${probeSize}) p join cases c on c.id = p.case_id`
    : sql``;
  const probe = await sql<{ n: number }>`
    select count(*) as n from (select c.search_vector from (select c.search_vector from cases c where ${opened}
      order by c.updated_at desc limit ${probeSize}) c ${invitedNewest}) newest
    where newest.search_vector @@ to_tsquery('simple', ${tsQuery(words)})`.execute(db);
  return Number(probe.rows[0]?.n ?? 0) >= probeCommon ? 'broad' : 'narrow';
}

/** The cases of a scope matching search words (on `c`), through the GIN index on both columns. */
function searchedIn(actor: Actor, scope: InboxScope, words: string[]) {
  return sql<boolean>`c.search_vector @@ to_tsquery('simple', ${tsQuery(words)})
    and c.scope_keys && ${scopeKeys(actor, scope)}::text[]`;
}

/**
 * The scope keys of the cases an actor may find in a scope (a superset: each case is then checked against the
 * scope, its state and the resident's consent). A site's agent finds their site's cases, the organisation's
 * cases opened without a site, and the cases their organisation is invited on.
 */
function scopeKeys(actor: Actor, scope: InboxScope): string[] {
  const org = actor.organisationId ?? noOrganisation;
  if (scope === 'site') return [`s:${actor.siteId ?? noOrganisation}`];
  const invited = `p:${org}`;
  return actor.siteId ? [`s:${actor.siteId}`, `n:${org}`, invited] : [`o:${org}`, invited];
}

/**
 * The two sides of a scope: the cases opened there (on `c`) and the participations that bring a case in (on
 * `p`; none for a site, whose agents see the cases their site opened).
 */
function scopeSides(actor: Actor, scope: Exclude<InboxScope, 'all'>) {
  const org = actor.organisationId ?? noOrganisation;
  const site = actor.siteId ?? null;
  const participations =
    scope === 'site'
      ? null
      : scope === 'mine'
        ? sql<boolean>`p.assignee_id = ${actor.id}`
        : sql<boolean>`p.organisation_id = ${org}`;
  const opened =
    scope === 'mine'
      ? sql<boolean>`c.created_by = ${actor.id}`
      : scope === 'site'
        ? sql<boolean>`c.helper_site_id = ${site ?? noOrganisation} and c.helper_organisation_id = ${org}`
        : site
          ? // An agent of a site: their site's cases, and the organisation's cases opened without a site.
            sql<boolean>`c.helper_organisation_id = ${org} and (c.helper_site_id = ${site} or c.helper_site_id is null)`
          : sql<boolean>`c.helper_organisation_id = ${org}`;
  return { opened, participations };
}

/** Counters stop here: beyond, the inbox says "1 000 et plus". */
export const inboxCountCap = 1000;

const noOrganisation = '00000000-0000-0000-0000-000000000000';

/** The participation-side condition of a state (on `p`, a case_participants row, and `c`, its case). */
function participationState(state: InboxState, now: Date) {
  switch (state) {
    case 'all':
      return sql<boolean>`p.consent_given`;
    case 'new':
    case 'answered':
    case 'closed':
      return sql<boolean>`p.case_status = ${state} and p.consent_given`;
    case 'to-answer':
      return sql<boolean>`p.first_answer_at is null and p.done_at is null and p.consent_given and p.case_status <> 'closed'`;
    case 'overdue':
      return sql<boolean>`p.first_answer_at is null and p.done_at is null and p.consent_given and p.case_status <> 'closed' and p.due_at < ${now}`;
  }
}

/** The helper-side condition of a state (on `c`, a case opened by the actor's organisation). */
function openedState(state: InboxState, now: Date) {
  switch (state) {
    case 'all':
      return sql<boolean>`true`;
    case 'new':
    case 'answered':
    case 'closed':
      return sql<boolean>`c.status = ${state}`;
    case 'to-answer':
      return sql<boolean>`c.question_pending_at is not null and c.status <> 'closed'`;
    case 'overdue':
      return sql<boolean>`c.waiting_due_at < ${now} and c.status <> 'closed'`;
  }
}

/** The tsquery of folded words: each a prefix, all required. Words hold only letters and digits. */
function tsQuery(words: string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The keyset condition of a page on one side's sort key (its last-activity column and case id): the lines past the
 * cursor, in its direction. The first half bounds the index range (a page reads as little as the first one, never
 * the pages before it); the second drops the cursor's own line and the lines tied with it already shown.
 */
function pastCursor(cursor: InboxCursor | null | undefined, at: string, id: string) {
  if (!cursor) return sql<boolean>`true`;
  const [atRef, idRef] = [sql.ref(at), sql.ref(id)];
  const t = sql`${cursor.updatedAt}::timestamptz`;
  return cursor.direction === 'after'
    ? sql<boolean>`${atRef} <= ${t} and (${atRef} < ${t} or ${idRef} < ${cursor.id}::uuid)`
    : sql<boolean>`${atRef} >= ${t} and (${atRef} > ${t} or ${idRef} > ${cursor.id}::uuid)`;
}

/** The order of a page's lines: newest first, or, for a previous page, oldest first from the cursor (then turned). */
function keyOrder(cursor: InboxCursor | null | undefined, at: string, id: string) {
  const direction = sql.raw(cursor?.direction === 'before' ? 'asc' : 'desc');
  return sql`${sql.ref(at)} ${direction}, ${sql.ref(id)} ${direction}`;
}

/**
 * Ids of the actor's cases in a scope and state, past the cursor in the order of last activity, at most `limit`:
 * each side (cases the organisation is invited on, cases it opened) is one index range scan cut at the limit,
 * then merged — the inbox of an organisation with 100,000 cases stays a few milliseconds, on any page. A narrow
 * search checks its few matching cases one by one; a broad one reads the same index ranges, each case checked
 * against the words.
 */
function inboxCandidates(actor: Actor, q: InboxQuery, limit: number) {
  const cState = openedState(q.state, q.now);
  const cPast = pastCursor(q.cursor, 'c.updated_at', 'c.id');
  const cOrder = keyOrder(q.cursor, 'c.updated_at', 'c.id');
  if (q.scope === 'all') {
    // Administrators: the latest of each opening organisation through its index, merged (no search: names are
    // not theirs to look up).
    return sql<{ case_id: string; updated_at: Date }>`
      select latest.id as case_id, latest.updated_at from organisations o
      cross join lateral (select c.id, c.updated_at from cases c
        where c.helper_organisation_id = o.id and ${cState} and ${cPast}
        order by ${cOrder} limit ${limit}) latest`;
  }
  const pState = participationState(q.state, q.now);
  const pPast = pastCursor(q.cursor, 'p.case_updated_at', 'p.case_id');
  const pOrder = keyOrder(q.cursor, 'p.case_updated_at', 'p.case_id');
  const { opened, participations } = scopeSides(actor, q.scope);
  if (q.words.length > 0 && q.breadth !== 'broad') {
    // A narrow search: the few matching cases of the scope through the full-text and scope index, each checked
    // against the scope and state (a lateral primary-key lookup, never a scan of the organisation's
    // participations).
    const invited = participations ? sql`or part.hit is not null` : sql``;
    const lateral = participations
      ? sql`left join lateral (select 1 as hit from case_participants p
          where p.case_id = c.id and ${participations} and ${pState} limit 1) part on true`
      : sql``;
    return sql<{ case_id: string; updated_at: Date }>`
      select * from (select c.id as case_id, c.updated_at from cases c ${lateral}
        where ${searchedIn(actor, q.scope, q.words)} and ${cPast} and ((${opened} and ${cState}) ${invited})
        order by ${cOrder} limit ${limit}) found`;
  }
  // Without search, or with a broad one: each side read in the order of its index from the cursor, cut at the
  // limit (common words are found within the first few hundred cases).
  const matching =
    q.words.length > 0 ? sql`and c.search_vector @@ to_tsquery('simple', ${tsQuery(q.words)})` : sql``;
  // The participation side reads the participations' index only (the status and the consent are copied there);
  // the cases are joined only to match search words.
  const invitedSide = !participations
    ? sql``
    : q.words.length > 0
      ? sql`union select * from (select p.case_id, p.case_updated_at as updated_at from case_participants p
          join cases c on c.id = p.case_id
          where ${participations} and ${pState} and ${pPast} ${matching}
          order by ${pOrder} limit ${limit}) invited`
      : sql`union select * from (select p.case_id, p.case_updated_at as updated_at from case_participants p
          where ${participations} and ${pState} and ${pPast}
          order by ${pOrder} limit ${limit}) invited`;
  return sql<{ case_id: string; updated_at: Date }>`
    select * from (select c.id as case_id, c.updated_at from cases c
      where ${opened} and ${cState} and ${cPast} ${matching}
      order by ${cOrder} limit ${limit}) opened
    ${invitedSide}`;
}

/** One page of an inbox, and whether more lines lie past it in the cursor's direction. */
export interface InboxListing {
  /** Most recently changed first, whatever the cursor's direction. */
  rows: InboxRow[];
  more: boolean;
}

/** One page of an inbox (50 lines) from the cursor, most recently changed first. */
export async function listInbox(
  db: Executor,
  actor: Actor,
  q: InboxQuery,
  pageSize = 50,
): Promise<InboxListing> {
  const org = actor.organisationId ?? noOrganisation;
  // One line more than the page tells whether another page follows.
  const candidates = inboxCandidates(actor, q, pageSize + 1);
  const rows = await sql<{
    id: string;
    status: CaseStatus;
    life_event: string;
    subject: string | null;
    first_name: string | null;
    last_name: string | null;
    helper_name: string;
    site_name: string | null;
    updated_at: Date;
    created_at: Date;
    last_message_at: Date | null;
    read_at: Date | null;
    erased: boolean;
    urgent: boolean;
    consent_status: ConsentStatus;
    overdue: boolean;
    to_answer: boolean;
    sort_at: string;
  }>`
    select c.id, c.status, c.life_event, c.subject, c.resident_first_name as first_name,
      c.resident_last_name as last_name, ho.name as helper_name, site.name as site_name, c.updated_at,
      c.created_at, c.last_message_at, r.read_at, c.personal_data_erased_at is not null as erased, c.urgent,
      c.consent_status,
      coalesce(case when mine.case_id is not null
        then mine.first_answer_at is null and mine.done_at is null and c.status <> 'closed' and mine.due_at < ${q.now}
        else c.status <> 'closed' and c.waiting_due_at < ${q.now} end, false) as overdue,
      coalesce(case when mine.case_id is not null
        then mine.first_answer_at is null and mine.done_at is null and c.status <> 'closed'
        else c.question_pending_at is not null and c.status <> 'closed' end, false) as to_answer,
      -- The sort key to the microsecond (a JavaScript date keeps milliseconds only): the cursor of the next page.
      ${microsecondText('c.updated_at')} as sort_at
    from (select distinct case_id from (${candidates}) candidates) ids
    join cases c on c.id = ids.case_id
    join organisations ho on ho.id = c.helper_organisation_id
    left join places site on site.id = c.helper_site_id
    left join case_participants mine on mine.case_id = c.id and mine.organisation_id = ${org}
      and c.helper_organisation_id <> ${org}
    left join case_reads r on r.case_id = c.id and r.user_id = ${actor.id}
    -- The participations' copy of the last activity picked the candidates; the case's own value orders them.
    where ${pastCursor(q.cursor, 'c.updated_at', 'c.id')}
    order by ${keyOrder(q.cursor, 'c.updated_at', 'c.id')}
    limit ${pageSize + 1}`.execute(db);
  const admin = q.scope === 'all';
  const more = rows.rows.length > pageSize;
  const page = rows.rows.slice(0, pageSize);
  if (q.cursor?.direction === 'before') page.reverse();
  const lines = page.map((r) => ({
    id: r.id,
    reference: caseReference(r.id),
    status: r.status,
    lifeEvent: r.life_event,
    subject: r.subject,
    resident:
      admin || r.erased || (r.first_name == null && r.last_name == null)
        ? null
        : `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(),
    helperOrganisation: r.helper_name,
    helperSite: r.site_name,
    updatedAt: new Date(r.updated_at),
    createdAt: new Date(r.created_at),
    unread:
      r.last_message_at != null && (r.read_at == null || new Date(r.read_at) < new Date(r.last_message_at)),
    erased: r.erased,
    urgent: r.urgent,
    overdue: r.overdue,
    toAnswer: r.to_answer,
    consentPending: r.consent_status === 'pending',
    sortKey: { updatedAt: r.sort_at, id: r.id },
  }));
  return { rows: lines, more };
}

/**
 * How many cases each state filter holds in the scope (and search), each counted up to `inboxCountCap`; 'broad'
 * when a narrow search finds more than `narrowSearchCap` cases of the scope (it is then listed as a broad one).
 */
export async function countInbox(
  db: Executor,
  actor: Actor,
  q: Omit<InboxQuery, 'state' | 'cursor'>,
): Promise<Record<InboxState, number> | 'broad'> {
  const columns = (counts: RawBuilder<number>[]) =>
    sql.join(counts.map((c, i) => sql`${c} as ${sql.ref(`n${i}`)}`));
  let query;
  if (q.words.length > 0 && q.breadth !== 'broad' && q.scope !== 'all') {
    // A narrow search: its few matching cases read once, each with the actor's participation, and every state
    // counted over them (instead of one reading of the matches per state).
    const { opened, participations } = scopeSides(actor, q.scope);
    const part = participations
      ? sql`left join lateral (select p.* from case_participants p where p.case_id = c.id and ${participations}
          limit 1) p on true`
      : sql``;
    const counts = inboxStates.map((state) => {
      const invited = participations
        ? sql`or (p.case_id is not null and ${participationState(state, q.now)})`
        : sql``;
      return sql<number>`least(count(*) filter (where (${opened} and ${openedState(state, q.now)}) ${invited}), ${inboxCountCap})`;
    });
    // The matches of the scope through the GIN index, up to one more than the cap: beyond, the search is broad.
    query = sql<Record<string, number>>`select ${columns(counts)}, count(*) as total
      from (select * from cases c where ${searchedIn(actor, q.scope, q.words)} limit ${narrowSearchCap + 1}) c
      ${part}`;
  } else {
    const counts = inboxStates.map(
      (state) =>
        sql<number>`(select count(*) from (select distinct case_id from (${inboxCandidates(actor, { ...q, state }, inboxCountCap)}) x limit ${inboxCountCap}) y)`,
    );
    query = sql<Record<string, number>>`select ${columns(counts)}`;
  }
  const values = (await query.execute(db)).rows[0] ?? {};
  if (Number(values.total ?? 0) > narrowSearchCap) return 'broad';
  return Object.fromEntries(inboxStates.map((state, i) => [state, Number(values[`n${i}`] ?? 0)])) as Record<
    InboxState,
    number
  >;
}

export interface CaseParticipant {
  organisationId: string;
  organisationName: string;
  invitedAt: Date;
  assignee: string | null;
  takenAt: Date | null;
  firstAnswerAt: Date | null;
  doneAt: Date | null;
  /** When the organisation is reminded if it has not answered. */
  dueAt: Date;
}

export interface CaseMessage {
  id: number;
  kind: MessageKind;
  body: string | null;
  author: string | null;
  authorOrganisation: string | null;
  createdAt: Date;
  attachments: {
    id: string;
    name: string;
    size: number;
    mediaType: string;
    /** Quarantined ('pending'), blocked ('infected'), or servable. */
    scanStatus: FileScanStatus;
  }[];
}

export interface CaseConsent {
  kind: ConsentKind;
  givenOn: string;
  scope: string | null;
  expiresOn: string;
  confirmedAt: Date | null;
  refusedAt: Date | null;
  /** The confirmation message could not reach the resident. */
  deliveryFailedAt: Date | null;
  mandateFileId: string | null;
}

/** Everything the case page shows (personal data included: read it through withPersonalData). */
export interface CaseDetail {
  id: string;
  reference: string;
  status: CaseStatus;
  territoryId: string;
  lifeEvent: string;
  question: string | null;
  helperOrganisationId: string;
  helperOrganisation: string;
  helperSiteId: string | null;
  helperSite: string | null;
  consentStatus: ConsentStatus;
  subject: string | null;
  urgent: boolean;
  standardProcedure: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  usefulness: Usefulness | null;
  outcome: string | null;
  erasedAt: Date | null;
  resident: {
    firstName: string | null;
    lastName: string | null;
    birthDate: string | null;
    cafNumber: string | null;
    socialSecurityNumber: string | null;
    taxNumber: string | null;
    address: string | null;
    /** The resident's commune (INSEE code and name), when the helper said it. */
    commune: { inseeCode: string; name: string } | null;
    phone: string | null;
    email: string | null;
  };
  consent: CaseConsent | null;
  participants: CaseParticipant[];
  messages: CaseMessage[];
  /** Who read the latest message the actor can see. */
  readersOfLatest: string[];
}

/** The case as the actor may see it: internal notes of other organisations are left out. */
export async function loadCaseDetail(
  db: Executor,
  caseId: string,
  actor: Actor,
): Promise<CaseDetail | undefined> {
  const c = await db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.id', 'cases.helper_organisation_id')
    .leftJoin('users', 'users.id', 'cases.created_by')
    .leftJoin('places as site', 'site.id', 'cases.helper_site_id')
    .leftJoin('communes as commune', 'commune.insee_code', 'cases.resident_commune')
    .selectAll('cases')
    .select([
      'organisations.name as helper_name',
      'users.display_name as creator_name',
      'site.name as site_name',
      'commune.name as commune_name',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const consent = await db
    .selectFrom('case_consents')
    .leftJoin('case_attachments', (join) =>
      join
        .onRef('case_attachments.case_id', '=', 'case_consents.case_id')
        .on('case_attachments.purpose', '=', 'mandate'),
    )
    .select([
      'case_consents.kind',
      'case_consents.given_on',
      'case_consents.scope',
      'case_consents.expires_on',
      'case_consents.confirmed_at',
      'case_consents.refused_at',
      'case_consents.delivery_failed_at',
      'case_attachments.file_id',
    ])
    .where('case_consents.case_id', '=', caseId)
    .executeTakeFirst();
  const participants = await db
    .selectFrom('case_participants')
    .innerJoin('organisations', 'organisations.id', 'case_participants.organisation_id')
    .leftJoin('users', 'users.id', 'case_participants.assignee_id')
    .select([
      'case_participants.organisation_id',
      'organisations.name',
      'case_participants.invited_at',
      'users.display_name',
      'case_participants.taken_at',
      'case_participants.first_answer_at',
      'case_participants.done_at',
      'case_participants.due_at',
    ])
    .where('case_participants.case_id', '=', caseId)
    .orderBy('case_participants.invited_at')
    .execute();
  const messages = await db
    .selectFrom('case_messages')
    .leftJoin('users', 'users.id', 'case_messages.author_id')
    .leftJoin('organisations', 'organisations.id', 'case_messages.author_organisation_id')
    .select([
      'case_messages.id',
      'case_messages.kind',
      'case_messages.body',
      'case_messages.created_at',
      'users.display_name',
      'organisations.name as org_name',
    ])
    .where('case_messages.case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb('case_messages.kind', '<>', 'internal'),
        eb(
          'case_messages.author_organisation_id',
          '=',
          actor.organisationId ?? '00000000-0000-0000-0000-000000000000',
        ),
      ]),
    )
    .orderBy('case_messages.id')
    .execute();
  const files = await db
    .selectFrom('case_attachments')
    .innerJoin('stored_files', 'stored_files.id', 'case_attachments.file_id')
    .select([
      'case_attachments.file_id',
      'case_attachments.message_id',
      'stored_files.name',
      'stored_files.size',
      'stored_files.media_type',
      'stored_files.scan_status',
    ])
    .where('case_attachments.case_id', '=', caseId)
    .where('case_attachments.purpose', '=', 'attachment')
    .execute();
  const latest = messages.at(-1);
  const readers = latest
    ? await db
        .selectFrom('case_reads')
        .innerJoin('users', 'users.id', 'case_reads.user_id')
        .select('users.display_name')
        .where('case_reads.case_id', '=', caseId)
        .where('case_reads.last_read_message_id', '>=', latest.id)
        .orderBy('users.display_name')
        .execute()
    : [];
  return {
    id: c.id,
    reference: caseReference(c.id),
    status: c.status,
    territoryId: c.territory_id,
    lifeEvent: c.life_event,
    question: c.question,
    helperOrganisationId: c.helper_organisation_id,
    helperOrganisation: c.helper_name,
    helperSiteId: c.helper_site_id,
    helperSite: c.site_name,
    consentStatus: c.consent_status,
    subject: c.subject,
    urgent: c.urgent,
    standardProcedure: c.standard_procedure,
    createdBy: c.creator_name,
    createdAt: new Date(c.created_at),
    updatedAt: new Date(c.updated_at),
    closedAt: c.closed_at ? new Date(c.closed_at) : null,
    usefulness: c.usefulness,
    outcome: c.outcome,
    erasedAt: c.personal_data_erased_at ? new Date(c.personal_data_erased_at) : null,
    resident: {
      firstName: c.resident_first_name,
      lastName: c.resident_last_name,
      birthDate: c.resident_birth_date,
      cafNumber: c.caf_number,
      socialSecurityNumber: c.social_security_number,
      taxNumber: c.tax_number,
      address: c.resident_address,
      // Kept after an erasure for the indicators by commune (docs/rgpd.md), no longer shown with the case.
      commune:
        c.resident_commune && !c.personal_data_erased_at
          ? { inseeCode: c.resident_commune, name: c.commune_name ?? c.resident_commune }
          : null,
      phone: c.resident_phone,
      email: c.resident_email,
    },
    consent: consent
      ? {
          kind: consent.kind,
          givenOn: consent.given_on,
          scope: consent.scope,
          expiresOn: consent.expires_on,
          confirmedAt: consent.confirmed_at ? new Date(consent.confirmed_at) : null,
          refusedAt: consent.refused_at ? new Date(consent.refused_at) : null,
          deliveryFailedAt: consent.delivery_failed_at ? new Date(consent.delivery_failed_at) : null,
          mandateFileId: consent.file_id,
        }
      : null,
    participants: participants.map((p) => ({
      organisationId: p.organisation_id,
      organisationName: p.name,
      invitedAt: new Date(p.invited_at),
      assignee: p.display_name,
      takenAt: p.taken_at ? new Date(p.taken_at) : null,
      firstAnswerAt: p.first_answer_at ? new Date(p.first_answer_at) : null,
      doneAt: p.done_at ? new Date(p.done_at) : null,
      dueAt: new Date(p.due_at),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      author: m.display_name,
      authorOrganisation: m.org_name,
      createdAt: new Date(m.created_at),
      attachments: files
        .filter((f) => f.message_id === m.id)
        .map((f) => ({
          id: f.file_id,
          name: f.name,
          size: f.size,
          mediaType: f.media_type,
          scanStatus: f.scan_status,
        })),
    })),
    readersOfLatest: readers.map((r) => r.display_name),
  };
}

/** Records that a user read the case up to a message. */
export async function markRead(
  db: Executor,
  caseId: string,
  userId: string,
  messageId: number,
): Promise<void> {
  await db
    .insertInto('case_reads')
    .values({ case_id: caseId, user_id: userId, last_read_message_id: messageId, read_at: new Date() })
    .onConflict((oc) =>
      oc.columns(['case_id', 'user_id']).doUpdateSet({
        last_read_message_id: sql`greatest(case_reads.last_read_message_id, excluded.last_read_message_id)`,
        read_at: new Date(),
      }),
    )
    .execute();
}

/** Metadata of a case for administrators: no personal data, no message text. */
export interface CaseMetadata {
  id: string;
  reference: string;
  status: CaseStatus;
  lifeEvent: string;
  helperOrganisation: string;
  organisations: string[];
  messageCount: number;
  createdAt: Date;
  closedAt: Date | null;
  erased: boolean;
}

/** The metadata of one case. */
export async function loadCaseMetadata(db: Executor, caseId: string): Promise<CaseMetadata | undefined> {
  if (!isUuid(caseId)) return undefined;
  const c = await db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.id', 'cases.helper_organisation_id')
    .select([
      'cases.id',
      'cases.status',
      'cases.life_event',
      'cases.created_at',
      'cases.closed_at',
      'cases.personal_data_erased_at',
      'organisations.name',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const orgs = await db
    .selectFrom('case_participants')
    .innerJoin('organisations', 'organisations.id', 'case_participants.organisation_id')
    .select('organisations.name')
    .where('case_id', '=', caseId)
    .execute();
  const count = await db
    .selectFrom('case_messages')
    .select(sql<number>`count(*)`.as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    id: c.id,
    reference: caseReference(c.id),
    status: c.status,
    lifeEvent: c.life_event,
    helperOrganisation: c.name,
    organisations: orgs.map((o) => o.name),
    messageCount: count.n,
    createdAt: new Date(c.created_at),
    closedAt: c.closed_at ? new Date(c.closed_at) : null,
    erased: c.personal_data_erased_at != null,
  };
}

/** A file of a case as a list shows it: its name and size, never its content. */
export interface CaseFile {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  purpose: 'attachment' | 'mandate';
  createdAt: Date;
}

/** The files of a case the actor may see: the mandate and the attachments, except those of other organisations' internal notes. */
export async function listCaseFiles(db: Executor, caseId: string, actor: Actor): Promise<CaseFile[]> {
  const rows = await db
    .selectFrom('case_attachments')
    .innerJoin('stored_files', 'stored_files.id', 'case_attachments.file_id')
    .leftJoin('case_messages', 'case_messages.id', 'case_attachments.message_id')
    .select([
      'stored_files.id',
      'stored_files.name',
      'stored_files.size',
      'stored_files.media_type',
      'stored_files.created_at',
      'case_attachments.purpose',
    ])
    .where('case_attachments.case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb('case_messages.kind', 'is', null),
        eb('case_messages.kind', '<>', 'internal'),
        eb(
          'case_messages.author_organisation_id',
          '=',
          actor.organisationId ?? '00000000-0000-0000-0000-000000000000',
        ),
      ]),
    )
    .orderBy('stored_files.created_at')
    .orderBy('stored_files.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    size: r.size,
    mediaType: r.media_type,
    purpose: r.purpose,
    createdAt: new Date(r.created_at),
  }));
}

/** The address or phone number the resident gave to confirm consent (personal data: read it through withPersonalData). */
export async function consentContact(db: Executor, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('case_consents')
    .select('contact')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return row?.contact ?? null;
}

// ── Writes and small reads of the use-cases (the use-case owns the transaction) ─────────────────────────

/** Who writes a message or an event: a user and the organisation they act for (none for the platform). */
export interface Author {
  id: string | null;
  organisationId: string | null;
}

/** Adds a message to the thread; returns its id. */
export async function insertMessage(
  db: Executor,
  caseId: string,
  author: Author,
  kind: MessageKind,
  body: string,
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('case_messages')
    .values({
      case_id: caseId,
      author_id: author.id,
      author_organisation_id: author.organisationId,
      kind,
      body,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds an event line to the thread ("a pris en charge le dossier…", written after the author's name). */
export async function insertEvent(
  db: Executor,
  caseId: string,
  author: Author,
  body: string,
  now: Date,
): Promise<number> {
  return insertMessage(db, caseId, author, 'event', body, now);
}

/** Invites an organisation on a case (optionally already held by one of its agents). */
export async function insertParticipant(
  db: Executor,
  row: {
    caseId: string;
    organisationId: string;
    invitedBy: string | null;
    now: Date;
    /** When the organisation is reminded if it has not answered (the reminder rule's working days). */
    dueAt: Date;
    assigneeId?: string | null;
  },
): Promise<void> {
  // The invited organisation may now find the case by search; the participation copies the case's status and
  // whether the resident's consent lets it in.
  const c = await db
    .updateTable('cases')
    .set({ scope_keys: sql<string[]>`array_append(scope_keys, ${`p:${row.organisationId}`})` })
    .where('id', '=', row.caseId)
    .returning(['status', 'consent_status'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_participants')
    .values({
      case_id: row.caseId,
      organisation_id: row.organisationId,
      invited_by: row.invitedBy,
      invited_at: row.now,
      case_updated_at: row.now,
      assignee_id: row.assigneeId ?? null,
      taken_at: null,
      first_answer_at: null,
      done_at: null,
      reminded_at: null,
      escalated_at: null,
      due_at: row.dueAt,
      case_status: c.status,
      consent_given: c.consent_status === 'given',
    })
    .execute();
}

/** Links a stored file to a case (a message's attachment, or the signed mandate). */
export async function attachFile(
  db: Executor,
  row: { fileId: string; caseId: string; messageId: number | null; purpose: 'attachment' | 'mandate' },
): Promise<void> {
  await db
    .insertInto('case_attachments')
    .values({ file_id: row.fileId, case_id: row.caseId, message_id: row.messageId, purpose: row.purpose })
    .execute();
}

/** Creates the case row; returns its id. */
export async function insertCase(db: Executor, values: Insertable<CasesTable>): Promise<string> {
  const site = values.helper_site_id ?? null;
  const row = await db
    .insertInto('cases')
    .values({
      ...values,
      scope_keys: [
        `o:${values.helper_organisation_id}`,
        site ? `s:${site}` : `n:${values.helper_organisation_id}`,
      ],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the resident's consent on a case; returns its id. */
export async function insertConsent(db: Executor, values: Insertable<CaseConsentsTable>): Promise<string> {
  const row = await db.insertInto('case_consents').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The active partner agent or manager with this e-mail address (case-insensitive), if any. */
export async function findActiveAgentByEmail(
  db: Executor,
  email: string,
): Promise<{ id: string; organisationId: string | null } | undefined> {
  const agent = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('status', '=', 'active')
    .where('role', 'in', ['partnerAgent', 'organisationManager'])
    .executeTakeFirst();
  return agent ? { id: agent.id, organisationId: agent.organisation_id } : undefined;
}

/** The territory of a case. */
export async function caseTerritory(db: Executor, caseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('cases').select('territory_id').where('id', '=', caseId).executeTakeFirst();
  return row?.territory_id;
}

/** The user who opened a case, if still known. */
export async function caseCreatorId(db: Executor, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('cases')
    .select('created_by')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.created_by;
}

/** The name of an organisation. */
export async function organisationName(db: Executor, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return row.name;
}

/** Changes one organisation's participation in a case. */
export async function updateParticipation(
  db: Executor,
  caseId: string,
  organisationId: string,
  changes: Partial<{
    assignee_id: string | null;
    taken_at: Date;
    done_at: Date | null;
    reminded_at: Date;
    escalated_at: Date;
  }>,
): Promise<void> {
  await db
    .updateTable('case_participants')
    .set(changes)
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

/** Dates an organisation's first answer, unless it already answered. */
export async function recordFirstAnswer(
  db: Executor,
  caseId: string,
  organisationId: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('case_participants')
    .set({ first_answer_at: now })
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('first_answer_at', 'is', null)
    .execute();
}

/** The organisations of a case whose part is not done, with the agent holding it. */
export async function openParticipations(
  db: Executor,
  caseId: string,
): Promise<{ organisationId: string; assigneeId: string | null }[]> {
  const rows = await db
    .selectFrom('case_participants')
    .select(['organisation_id', 'assignee_id'])
    .where('case_id', '=', caseId)
    .where('done_at', 'is', null)
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, assigneeId: r.assignee_id }));
}

/** Writes the closing of a case (the status goes with `touchCase`). */
export async function recordClosing(
  db: Executor,
  caseId: string,
  now: Date,
  feedback: { usefulness: Usefulness; outcome: string },
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ closed_at: now, usefulness: feedback.usefulness, outcome: feedback.outcome })
    .where('id', '=', caseId)
    .execute();
}

/** What reopening needs to know: whether the personal data is gone, and how many times it was reopened. */
export async function caseLifecycle(
  db: Executor,
  caseId: string,
): Promise<{ erasedAt: Date | null; reopenedCount: number }> {
  const c = await db
    .selectFrom('cases')
    .select(['personal_data_erased_at', 'reopened_count'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { erasedAt: c.personal_data_erased_at, reopenedCount: c.reopened_count };
}

/** Writes the reopening of a case: the closing undone, every organisation's part open again. */
export async function recordReopening(db: Executor, caseId: string, reopenedCount: number): Promise<void> {
  await db
    .updateTable('cases')
    .set({ closed_at: null, usefulness: null, outcome: null, reopened_count: reopenedCount })
    .where('id', '=', caseId)
    .execute();
  await db.updateTable('case_participants').set({ done_at: null }).where('case_id', '=', caseId).execute();
}

/** Where a file of a case hangs: its message's kind and author organisation (null for the mandate). */
export async function attachmentPlace(
  db: Executor,
  caseId: string,
  fileId: string,
): Promise<{ message: { kind: MessageKind; authorOrganisationId: string | null } | null } | undefined> {
  const link = await db
    .selectFrom('case_attachments')
    .leftJoin('case_messages', 'case_messages.id', 'case_attachments.message_id')
    .select(['case_attachments.message_id', 'case_messages.kind', 'case_messages.author_organisation_id'])
    .where('case_attachments.file_id', '=', fileId)
    .where('case_attachments.case_id', '=', caseId)
    .executeTakeFirst();
  if (!link) return undefined;
  if (link.message_id == null || link.kind == null) return { message: null };
  return { message: { kind: link.kind, authorOrganisationId: link.author_organisation_id } };
}

/** Writes why a case's data was erased, closing it at `closedAt` when it was still open. */
export async function recordErasureOutcome(
  db: Executor,
  caseId: string,
  outcome: string,
  closedAt: Date | null,
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ outcome, ...(closedAt ? { closed_at: closedAt } : {}) })
    .where('id', '=', caseId)
    .execute();
}

// ── Background work ───────────────────────────────────────────────────────────────────────────────────

/** Participations still waiting for a first answer, invited before the horizon, on open cases. */
export async function waitingParticipations(db: Executor, horizon: Date, limit: number) {
  return (
    db
      .selectFrom('case_participants')
      .innerJoin('cases', 'cases.id', 'case_participants.case_id')
      .select([
        'case_participants.case_id',
        'case_participants.organisation_id',
        'case_participants.invited_at',
        'case_participants.reminded_at',
        'case_participants.escalated_at',
        'case_participants.assignee_id',
      ])
      .where('case_participants.first_answer_at', 'is', null)
      .where('case_participants.done_at', 'is', null)
      .where('case_participants.escalated_at', 'is', null)
      .where('case_participants.invited_at', '<=', horizon)
      .where('cases.status', '<>', 'closed')
      // Before the resident's confirmation, the organisations cannot act: no reminder.
      .where('cases.consent_status', '=', 'given')
      .limit(limit)
      .execute()
  );
}

/**
 * Erases the personal data held in a case's rows: identity, numbers, address, phone, e-mail, a typed subject,
 * question, outcome, message texts, the notices to the resident, the consent's contact and scope, the links to
 * files (the files themselves are the platform's to delete).
 */
export async function eraseCaseRows(db: Executor, caseId: string, now: Date): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      resident_first_name: null,
      resident_last_name: null,
      resident_birth_date: null,
      caf_number: null,
      social_security_number: null,
      tax_number: null,
      question: null,
      outcome: null,
      resident_address: null,
      resident_phone: null,
      resident_email: null,
      // A subject typed by the helper may name the person; one chosen from an organisation's list stays.
      subject: sql<string | null>`case when subject_id is null then null else subject end`,
      personal_data_erased_at: now,
    })
    .where('id', '=', caseId)
    .execute();
  await db.updateTable('case_messages').set({ body: null }).where('case_id', '=', caseId).execute();
  await db.deleteFrom('case_resident_notices').where('case_id', '=', caseId).execute();
  await db
    .updateTable('case_consents')
    .set({ contact: null, scope: null, confirmation_token_hash: null })
    .where('case_id', '=', caseId)
    .execute();
  await db.deleteFrom('case_attachments').where('case_id', '=', caseId).execute();
}

/** Ids of cases closed before the cut-off whose personal data is still there. */
export async function closedCasesToErase(db: Executor, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .where('personal_data_erased_at', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The agents who may receive the weekly digest, with their organisation and mail volume. */
export async function digestRecipients(db: Executor): Promise<(Recipient & { organisationId: string })[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('user_mail_settings', 'user_mail_settings.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.organisation_id',
      'user_mail_settings.volume',
    ])
    .where('users.status', '=', 'active')
    .where('users.role', 'in', ['helper', 'partnerAgent', 'organisationManager'])
    .where('users.organisation_id', 'is not', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    volume: r.volume ?? 'immediate',
    organisationId: r.organisation_id!,
  }));
}

/** Open cases of an organisation (invited or opened by it), and those waiting for its first answer. */
export async function digestCounts(
  db: Executor,
  organisationId: string,
): Promise<{ open: number; waiting: number }> {
  const counts = await sql<{ open: number; waiting: number }>`
    select
      (select count(*) from case_participants p join cases c on c.id = p.case_id
         where p.organisation_id = ${organisationId} and c.status <> 'closed')
      + (select count(*) from cases c where c.helper_organisation_id = ${organisationId} and c.status <> 'closed') as open,
      (select count(*) from case_participants p join cases c on c.id = p.case_id
         where p.organisation_id = ${organisationId} and c.status <> 'closed' and p.first_answer_at is null and p.done_at is null) as waiting
  `.execute(db);
  const row = counts.rows[0];
  return { open: Number(row?.open ?? 0), waiting: Number(row?.waiting ?? 0) };
}

/** A consent as its confirmation message needs it, with who asks. */
export async function consentForConfirmation(db: Executor, consentId: string) {
  return db
    .selectFrom('case_consents as k')
    .innerJoin('cases', 'cases.id', 'k.case_id')
    .innerJoin('organisations as ho', 'ho.id', 'cases.helper_organisation_id')
    .leftJoin('places as site', 'site.id', 'cases.helper_site_id')
    .leftJoin('users as creator', 'creator.id', 'cases.created_by')
    .select([
      'k.id',
      'k.case_id',
      'k.kind',
      'k.contact',
      'k.confirmed_at',
      'k.refused_at',
      'k.expires_on',
      'ho.name as helper_organisation',
      'site.name as site_name',
      'creator.display_name as helper_name',
    ])
    .where('k.id', '=', consentId)
    .executeTakeFirst();
}

/** The consent of a confirmation link and what its page shows; `lock` locks the case for an answer. */
export async function consentLink(db: Executor, hash: string, lock: boolean) {
  const k = await db
    .selectFrom('case_consents as k')
    .select(['k.id', 'k.case_id'])
    .where('k.confirmation_token_hash', '=', hash)
    .executeTakeFirst();
  if (!k) return undefined;
  if (lock) await db.selectFrom('cases').select('id').where('id', '=', k.case_id).forUpdate().execute();
  const row = await db
    .selectFrom('case_consents as k')
    .innerJoin('cases', 'cases.id', 'k.case_id')
    .innerJoin('organisations as ho', 'ho.id', 'cases.helper_organisation_id')
    .leftJoin('places as site', 'site.id', 'cases.helper_site_id')
    .leftJoin('users as creator', 'creator.id', 'cases.created_by')
    .select([
      'k.scope',
      'k.given_on',
      'k.expires_on',
      'k.confirmed_at',
      'k.refused_at',
      'ho.name as helper_organisation',
      'site.name as site_name',
      'creator.display_name as helper_name',
    ])
    .where('k.id', '=', k.id)
    .executeTakeFirstOrThrow();
  const orgs = await db
    .selectFrom('case_participants')
    .innerJoin('organisations', 'organisations.id', 'case_participants.organisation_id')
    .select('organisations.name')
    .where('case_participants.case_id', '=', k.case_id)
    .orderBy('case_participants.invited_at')
    .execute();
  return {
    consentId: k.id,
    caseId: k.case_id,
    summary: {
      reference: caseReference(k.case_id),
      helperName: row.helper_name,
      helperOrganisation: row.helper_organisation,
      siteName: row.site_name,
      organisations: orgs.map((o) => o.name),
      scope: row.scope,
      givenOn: row.given_on,
      expiresOn: row.expires_on,
      confirmedAt: row.confirmed_at ? new Date(row.confirmed_at) : null,
      refusedAt: row.refused_at ? new Date(row.refused_at) : null,
    },
  };
}

/** Sets whether the resident's consent lets the invited organisations in. */
export async function setCaseConsentStatus(
  db: Executor,
  caseId: string,
  status: ConsentStatus,
): Promise<void> {
  await db.updateTable('cases').set({ consent_status: status }).where('id', '=', caseId).execute();
  await db
    .updateTable('case_participants')
    .set({ consent_given: status === 'given' })
    .where('case_id', '=', caseId)
    .execute();
}

/** Dates the resident's refusal. */
export async function recordConsentRefusal(db: Executor, consentId: string, now: Date): Promise<void> {
  await db.updateTable('case_consents').set({ refused_at: now }).where('id', '=', consentId).execute();
}

/** Dates a confirmation message that could not reach the resident; returns its case, once. */
export async function recordConsentDeliveryFailure(
  db: Executor,
  consentId: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable('case_consents')
    .set({ delivery_failed_at: now })
    .where('id', '=', consentId)
    .where('delivery_failed_at', 'is', null)
    .where('confirmed_at', 'is', null)
    .returning('case_id')
    .executeTakeFirst();
  return row?.case_id;
}

/** Stores the hash of a consent's confirmation token (the token itself is only ever in the message). */
export async function setConfirmationTokenHash(db: Executor, consentId: string, hash: string): Promise<void> {
  await db
    .updateTable('case_consents')
    .set({ confirmation_token_hash: hash })
    .where('id', '=', consentId)
    .execute();
}

/** Dates the resident's confirmation of a consent. */
export async function confirmConsentRow(db: Executor, consentId: string, now: Date): Promise<void> {
  await db.updateTable('case_consents').set({ confirmed_at: now }).where('id', '=', consentId).execute();
}

/** Every case an organisation took part in or opened, with its own participation's dates (no personal data). */
export async function organisationCaseRows(db: Executor, orgId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('organisations as helper', 'helper.id', 'cases.helper_organisation_id')
    .leftJoin('places as site', 'site.id', 'cases.helper_site_id')
    .leftJoin('case_participants as p', (join) =>
      join.onRef('p.case_id', '=', 'cases.id').on('p.organisation_id', '=', orgId),
    )
    .select([
      'cases.id',
      'cases.status',
      'cases.life_event',
      'cases.subject',
      'cases.urgent',
      'cases.standard_procedure',
      'helper.name as helper_name',
      'site.name as site_name',
      sql<Date | null>`(select min(x.first_answer_at) from case_participants x where x.case_id = cases.id)`.as(
        'any_first_answer_at',
      ),
      'cases.created_at',
      'p.invited_at',
      'p.taken_at',
      'p.first_answer_at',
      'p.done_at',
      'cases.closed_at',
      'cases.usefulness',
      'cases.reopened_count',
    ])
    .where((eb) =>
      eb.or([eb('p.organisation_id', '=', orgId), eb('cases.helper_organisation_id', '=', orgId)]),
    )
    .orderBy('cases.created_at')
    .execute();
}

/** Whether a case exists. */
export async function caseExists(db: Executor, caseId: string): Promise<boolean> {
  return (await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()) != null;
}

/** A user's id and organisation by exact e-mail address. */
export async function userByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirst();
}

/** An organisation's id by slug. */
export async function organisationBySlug(db: Executor, slug: string) {
  return db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst();
}

// ── The resident's notices ────────────────────────────────────────────────────────────────────────────

/** What a notice to the resident says and where it goes (personal data: read in the use-case's transaction). */
export interface NoticeFacts {
  caseId: string;
  helperName: string | null;
  helperOrganisation: string;
  siteName: string | null;
  organisations: string[];
  consentKind: ConsentKind | null;
  consentContact: string | null;
  consentStatus: ConsentStatus;
  email: string | null;
  phone: string | null;
  erased: boolean;
}

/** The facts of a case a notice needs. */
export async function noticeFacts(db: Executor, caseId: string): Promise<NoticeFacts | undefined> {
  const c = await db
    .selectFrom('cases')
    .innerJoin('organisations as ho', 'ho.id', 'cases.helper_organisation_id')
    .leftJoin('places as site', 'site.id', 'cases.helper_site_id')
    .leftJoin('users as creator', 'creator.id', 'cases.created_by')
    .leftJoin('case_consents as k', 'k.case_id', 'cases.id')
    .select([
      'cases.id',
      'ho.name as helper_organisation',
      'site.name as site_name',
      'creator.display_name as helper_name',
      'k.kind',
      'k.contact',
      'cases.consent_status',
      'cases.resident_email',
      'cases.resident_phone',
      'cases.personal_data_erased_at',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!c) return undefined;
  const orgs = await db
    .selectFrom('case_participants')
    .innerJoin('organisations', 'organisations.id', 'case_participants.organisation_id')
    .select('organisations.name')
    .where('case_participants.case_id', '=', caseId)
    .orderBy('case_participants.invited_at')
    .execute();
  return {
    caseId: c.id,
    helperName: c.helper_name,
    helperOrganisation: c.helper_organisation,
    siteName: c.site_name,
    organisations: orgs.map((o) => o.name),
    consentKind: c.kind,
    consentContact: c.contact,
    consentStatus: c.consent_status,
    email: c.resident_email,
    phone: c.resident_phone,
    erased: c.personal_data_erased_at != null,
  };
}

/** Records a notice to the resident; returns its id. */
export async function insertNotice(
  db: Executor,
  row: { caseId: string; step: NoticeStep; channel: NoticeChannel; body: string; now: Date },
): Promise<number> {
  const inserted = await db
    .insertInto('case_resident_notices')
    .values({
      case_id: row.caseId,
      step: row.step,
      channel: row.channel,
      body: row.body,
      created_at: row.now,
      sent_at: null,
      failed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** One notice to the resident, as the case page lists it. */
export interface ResidentNotice {
  id: number;
  step: NoticeStep;
  channel: NoticeChannel;
  body: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
}

/** The notices of a case, oldest first. */
export async function listNotices(db: Executor, caseId: string): Promise<ResidentNotice[]> {
  const rows = await db
    .selectFrom('case_resident_notices')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    step: r.step,
    channel: r.channel,
    body: r.body,
    createdAt: new Date(r.created_at),
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    failedAt: r.failed_at ? new Date(r.failed_at) : null,
  }));
}

/** An SMS notice with the number to send it to (the consent's, else the resident's). */
export async function smsNotice(db: Executor, noticeId: number) {
  return db
    .selectFrom('case_resident_notices as n')
    .innerJoin('cases', 'cases.id', 'n.case_id')
    .leftJoin('case_consents as k', 'k.case_id', 'n.case_id')
    .select(['n.id', 'n.body', 'n.sent_at', 'k.kind', 'k.contact', 'cases.resident_phone'])
    .where('n.id', '=', noticeId)
    .where('n.channel', '=', 'sms')
    .executeTakeFirst();
}

/** Dates the delivery (or the final failure) of a notice. */
export async function markNotice(
  db: Executor,
  noticeId: number,
  outcome: { sent_at: Date } | { failed_at: Date },
): Promise<void> {
  await db.updateTable('case_resident_notices').set(outcome).where('id', '=', noticeId).execute();
}

/** Every organisation of a case, with the agent holding it. */
export async function participations(
  db: Executor,
  caseId: string,
): Promise<{ organisationId: string; assigneeId: string | null }[]> {
  const rows = await db
    .selectFrom('case_participants')
    .select(['organisation_id', 'assignee_id'])
    .where('case_id', '=', caseId)
    .orderBy('invited_at')
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, assigneeId: r.assignee_id }));
}

/** Sets the "procédure standard" flag of a case. */
export async function recordStandardProcedure(
  db: Executor,
  caseId: string,
  standard: boolean,
): Promise<void> {
  await db.updateTable('cases').set({ standard_procedure: standard }).where('id', '=', caseId).execute();
}

// ── The manager's view ────────────────────────────────────────────────────────────────────────────────

/** Which cases a manager's figures cover: the organisation's, optionally of one site (opened there). */
export interface ManagerScope {
  organisationId: string;
  siteId: string | null;
}

/** One month of delays, in hours: median and 90th percentile of the first answer and of the closing. */
export interface MonthDelays {
  month: string;
  cases: number;
  firstAnswerMedian: number | null;
  firstAnswerP90: number | null;
  closingMedian: number | null;
  closingP90: number | null;
}

/**
 * Delays by month since `since`: for the cases the organisation was invited on (from its invitation to its first
 * answer, and to the closing), or for the cases it opened (from the opening to the first answer of any
 * organisation, and to the closing). "Procédure standard" cases and cases without the resident's consent are
 * left out.
 */
export async function monthlyDelays(
  db: Executor,
  scope: ManagerScope,
  side: 'invited' | 'opened',
  since: Date,
): Promise<MonthDelays[]> {
  const rows =
    side === 'invited'
      ? await sql<Record<string, unknown>>`
          select to_char(date_trunc('month', p.invited_at at time zone 'Europe/Paris'), 'YYYY-MM') as month,
            count(*) as cases,
            percentile_cont(0.5) within group (order by extract(epoch from p.first_answer_at - p.invited_at) / 3600) as fa50,
            percentile_cont(0.9) within group (order by extract(epoch from p.first_answer_at - p.invited_at) / 3600) as fa90,
            percentile_cont(0.5) within group (order by extract(epoch from c.closed_at - p.invited_at) / 3600) as cl50,
            percentile_cont(0.9) within group (order by extract(epoch from c.closed_at - p.invited_at) / 3600) as cl90
          from case_participants p join cases c on c.id = p.case_id
          where p.organisation_id = ${scope.organisationId} and p.invited_at >= ${since}
            and not c.standard_procedure and c.consent_status = 'given'
          group by 1 order by 1`.execute(db)
      : await sql<Record<string, unknown>>`
          select to_char(date_trunc('month', c.created_at at time zone 'Europe/Paris'), 'YYYY-MM') as month,
            count(*) as cases,
            percentile_cont(0.5) within group (order by extract(epoch from f.first_answer_at - c.created_at) / 3600) as fa50,
            percentile_cont(0.9) within group (order by extract(epoch from f.first_answer_at - c.created_at) / 3600) as fa90,
            percentile_cont(0.5) within group (order by extract(epoch from c.closed_at - c.created_at) / 3600) as cl50,
            percentile_cont(0.9) within group (order by extract(epoch from c.closed_at - c.created_at) / 3600) as cl90
          from cases c
          left join lateral (select min(p.first_answer_at) as first_answer_at from case_participants p
            where p.case_id = c.id) f on true
          where c.helper_organisation_id = ${scope.organisationId}
            and (${scope.siteId}::uuid is null or c.helper_site_id = ${scope.siteId})
            and c.created_at >= ${since} and not c.standard_procedure and c.consent_status = 'given'
          group by 1 order by 1`.execute(db);
  const num = (v: unknown) => (v == null ? null : Number(v));
  return rows.rows.map((r) => ({
    month: String(r.month),
    cases: Number(r.cases),
    firstAnswerMedian: num(r.fa50),
    firstAnswerP90: num(r.fa90),
    closingMedian: num(r.cl50),
    closingP90: num(r.cl90),
  }));
}

/** Usefulness of the answers on the cases closed since `since` (standard procedures left out). */
export async function usefulnessCounts(
  db: Executor,
  scope: ManagerScope,
  since: Date,
): Promise<Record<Usefulness, number>> {
  const rows = await sql<{ usefulness: Usefulness; n: number }>`
    select c.usefulness, count(*) as n from cases c
    where c.status = 'closed' and c.closed_at >= ${since} and c.usefulness is not null and not c.standard_procedure
      and ((c.helper_organisation_id = ${scope.organisationId}
            and (${scope.siteId}::uuid is null or c.helper_site_id = ${scope.siteId}))
        or (${scope.siteId}::uuid is null and exists (select 1 from case_participants p
              where p.case_id = c.id and p.organisation_id = ${scope.organisationId})))
    group by c.usefulness`.execute(db);
  const counts: Record<Usefulness, number> = { yes: 0, partly: 0, no: 0 };
  for (const r of rows.rows) counts[r.usefulness] = Number(r.n);
  return counts;
}

/** An open case that waits, the longest first. */
export interface WaitingCase {
  id: string;
  reference: string;
  subject: string | null;
  lifeEvent: string;
  since: Date;
  urgent: boolean;
}

/**
 * The open cases waiting longest: for the organisation's answer (invited, not answered, part not done), or, on
 * the cases it opened, for any organisation's.
 */
export async function longestWaiting(
  db: Executor,
  scope: ManagerScope,
  side: 'invited' | 'opened',
  limit = 10,
): Promise<WaitingCase[]> {
  const rows =
    side === 'invited'
      ? await sql<{ id: string; subject: string | null; life_event: string; since: Date; urgent: boolean }>`
          select c.id, c.subject, c.life_event, p.invited_at as since, c.urgent
          from case_participants p join cases c on c.id = p.case_id
          where p.organisation_id = ${scope.organisationId} and p.first_answer_at is null and p.done_at is null
            and p.case_status <> 'closed' and c.consent_status = 'given'
          order by p.invited_at limit ${limit}`.execute(db)
      : await sql<{ id: string; subject: string | null; life_event: string; since: Date; urgent: boolean }>`
          select c.id, c.subject, c.life_event, c.created_at as since, c.urgent
          from cases c
          where c.helper_organisation_id = ${scope.organisationId}
            and (${scope.siteId}::uuid is null or c.helper_site_id = ${scope.siteId})
            and c.waiting_due_at is not null and c.status <> 'closed'
          order by c.created_at limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    reference: caseReference(r.id),
    subject: r.subject,
    lifeEvent: r.life_event,
    since: new Date(r.since),
    urgent: r.urgent,
  }));
}

/** The sites of an organisation (its France Services counters), by name. */
export async function organisationSites(
  db: Executor,
  organisationId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('places')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('kind', 'like', 'france-services%')
    .orderBy('name')
    .execute();
}

// ── An organisation's settings: predefined subjects and shared mailbox ───────────────────────────────────

/** A subject an organisation proposes for the cases sent to it. */
export interface OrganisationSubject {
  id: string;
  organisationId: string;
  label: string;
}

/** The active subjects of some organisations, by organisation then label. */
export async function subjectsOf(db: Executor, organisationIds: string[]): Promise<OrganisationSubject[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('organisation_subjects')
    .select(['id', 'organisation_id', 'label'])
    .where('organisation_id', 'in', organisationIds)
    .where('active', '=', true)
    .orderBy('organisation_id')
    .orderBy('label')
    .execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, label: r.label }));
}

/** Adds a subject to an organisation's list; false when an active one has the same label. */
export async function insertSubject(db: Executor, organisationId: string, label: string): Promise<boolean> {
  const row = await db
    .insertInto('organisation_subjects')
    .values({ organisation_id: organisationId, label })
    .onConflict((oc) =>
      oc
        .expression(sql`organisation_id, lower(label)`)
        .where('active', '=', true)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row != null;
}

/** Withdraws a subject from an organisation's list (cases that used it keep its label); false when unknown. */
export async function retireSubject(
  db: Executor,
  organisationId: string,
  subjectId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('organisation_subjects')
    .set({ active: false })
    .where('id', '=', subjectId)
    .where('organisation_id', '=', organisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** An organisation's shared mailbox, if any. */
export async function sharedMailboxAddress(db: Executor, organisationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisations')
    .select('shared_mailbox')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return row?.shared_mailbox ?? null;
}

/** Sets (or removes, with null) an organisation's shared mailbox. */
export async function setSharedMailbox(
  db: Executor,
  organisationId: string,
  address: string | null,
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ shared_mailbox: address })
    .where('id', '=', organisationId)
    .execute();
}
