// Queries of the cases feature. The use-cases own the transactions; these functions take an executor.
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { CaseMembership } from './access.ts';
import type {
  CaseConsentsTable,
  CasesTable,
  CaseStatus,
  ConsentKind,
  MailVolume,
  MessageKind,
  Usefulness,
} from './tables.ts';
import './tables.ts';

export type { Executor };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (a malformed link is simply "not found"). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

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
        'cases.status',
        sql<(string | null)[]>`array_agg(case_participants.organisation_id)`.as('orgs'),
      ])
      .where('cases.id', '=', caseId)
      .groupBy('cases.id')
      .executeTakeFirst();
    if (!one) return undefined;
    return {
      id: one.id,
      helperOrganisationId: one.helper_organisation_id,
      status: one.status,
      participantOrganisationIds: one.orgs.filter((o): o is string => o != null),
    };
  }
  const row = await db
    .selectFrom('cases')
    .select(['id', 'helper_organisation_id', 'status'])
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
    participantOrganisationIds: participants.map((p) => p.organisation_id),
    status: row.status,
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

/** Marks the case changed (the inbox order of every organisation taking part follows). */
export async function touchCase(
  db: Executor,
  caseId: string,
  now: Date,
  changes: Partial<{ status: CaseStatus; last_message_at: Date }> = {},
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ updated_at: now, ...changes })
    .where('id', '=', caseId)
    .execute();
  await db
    .updateTable('case_participants')
    .set({ case_updated_at: now })
    .where('case_id', '=', caseId)
    .execute();
}

/** One line of an inbox: no personal data, so listing needs no journal entry. */
export interface InboxRow {
  id: string;
  reference: string;
  status: CaseStatus;
  lifeEvent: string;
  helperOrganisation: string;
  updatedAt: Date;
  createdAt: Date;
  unread: boolean;
  erased: boolean;
}

export type InboxScope = 'mine' | 'organisation' | 'all';

/** The cases of an inbox, most recently changed first, 50 per page. */
export async function listInbox(
  db: Executor,
  actor: Actor,
  scope: InboxScope,
  page = 1,
  pageSize = 50,
): Promise<InboxRow[]> {
  let query = db
    .selectFrom('cases')
    .innerJoin('organisations as helper_org', 'helper_org.id', 'cases.helper_organisation_id')
    .leftJoin('case_reads', (join) =>
      join.onRef('case_reads.case_id', '=', 'cases.id').on('case_reads.user_id', '=', actor.id),
    )
    .select([
      'cases.id',
      'cases.status',
      'cases.life_event',
      'cases.updated_at',
      'cases.created_at',
      'cases.last_message_at',
      'cases.personal_data_erased_at',
      'helper_org.name as helper_name',
      'case_reads.read_at',
    ]);
  const orgId = actor.organisationId ?? '00000000-0000-0000-0000-000000000000';
  const limit = page * pageSize;
  if (scope === 'mine' || scope === 'organisation') {
    // Two index range scans (cases given to me or to my organisation, cases opened by me or my organisation),
    // each cut to the page, merged: the inbox of an organisation with 100,000 cases stays a few milliseconds.
    const participations =
      scope === 'mine'
        ? db
            .selectFrom('case_participants')
            .select('case_id')
            .where('assignee_id', '=', actor.id)
            .orderBy('case_updated_at', 'desc')
            .limit(limit)
        : db
            .selectFrom('case_participants')
            .select('case_id')
            .where('organisation_id', '=', orgId)
            .orderBy('case_updated_at', 'desc')
            .limit(limit);
    const opened =
      scope === 'mine'
        ? db
            .selectFrom('cases')
            .select('id as case_id')
            .where('created_by', '=', actor.id)
            .orderBy('updated_at', 'desc')
            .limit(limit)
        : db
            .selectFrom('cases')
            .select('id as case_id')
            .where('helper_organisation_id', '=', orgId)
            .orderBy('updated_at', 'desc')
            .limit(limit);
    query = query.where('cases.id', 'in', (qb) =>
      qb
        .selectFrom(participations.as('p'))
        .select('p.case_id')
        .union(qb.selectFrom(opened.as('o')).select('o.case_id')),
    );
  }
  if (scope === 'all') {
    // Administrators list every case: the latest of each opening organisation through its index, then merged,
    // instead of sorting a million rows.
    query = query.where('cases.id', 'in', (qb) =>
      qb
        .selectFrom('organisations as o')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('cases as c')
              .select(['c.id'])
              .whereRef('c.helper_organisation_id', '=', 'o.id')
              .orderBy('c.updated_at', 'desc')
              .limit(limit)
              .as('latest'),
          (join) => join.onTrue(),
        )
        .select('latest.id'),
    );
  }
  query = query.orderBy('cases.updated_at', 'desc');
  const rows = await query
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: caseReference(r.id),
    status: r.status,
    lifeEvent: r.life_event,
    helperOrganisation: r.helper_name,
    updatedAt: new Date(r.updated_at),
    createdAt: new Date(r.created_at),
    unread:
      r.last_message_at != null && (r.read_at == null || new Date(r.read_at) < new Date(r.last_message_at)),
    erased: r.personal_data_erased_at != null,
  }));
}

export interface CaseParticipant {
  organisationId: string;
  organisationName: string;
  invitedAt: Date;
  assignee: string | null;
  takenAt: Date | null;
  firstAnswerAt: Date | null;
  doneAt: Date | null;
}

export interface CaseMessage {
  id: number;
  kind: MessageKind;
  body: string | null;
  author: string | null;
  authorOrganisation: string | null;
  createdAt: Date;
  attachments: { id: string; name: string; size: number; mediaType: string }[];
}

export interface CaseConsent {
  kind: ConsentKind;
  givenOn: string;
  scope: string | null;
  expiresOn: string;
  confirmedAt: Date | null;
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
    .selectAll('cases')
    .select(['organisations.name as helper_name', 'users.display_name as creator_name'])
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
    },
    consent: consent
      ? {
          kind: consent.kind,
          givenOn: consent.given_on,
          scope: consent.scope,
          expiresOn: consent.expires_on,
          confirmedAt: consent.confirmed_at ? new Date(consent.confirmed_at) : null,
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
        .map((f) => ({ id: f.file_id, name: f.name, size: f.size, mediaType: f.media_type })),
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
    assigneeId?: string | null;
  },
): Promise<void> {
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
  const row = await db.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
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
  return db
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
    .limit(limit)
    .execute();
}

/**
 * Erases the personal data held in a case's rows: identity, numbers, question, outcome, message texts, the
 * consent's contact and scope, the links to files (the files themselves are the platform's to delete).
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
      personal_data_erased_at: now,
    })
    .where('id', '=', caseId)
    .execute();
  await db.updateTable('case_messages').set({ body: null }).where('case_id', '=', caseId).execute();
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

/** A consent as its confirmation message needs it. */
export async function consentForConfirmation(db: Executor, consentId: string) {
  return db
    .selectFrom('case_consents')
    .select(['id', 'case_id', 'kind', 'contact', 'confirmed_at', 'expires_on'])
    .where('id', '=', consentId)
    .executeTakeFirst();
}

/** Stores the hash of a consent's confirmation token (the token itself is only ever in the message). */
export async function setConfirmationTokenHash(db: Executor, consentId: string, hash: string): Promise<void> {
  await db
    .updateTable('case_consents')
    .set({ confirmation_token_hash: hash })
    .where('id', '=', consentId)
    .execute();
}

/** The consent a confirmation token's hash belongs to. */
export async function consentByTokenHash(db: Executor, hash: string) {
  return db
    .selectFrom('case_consents')
    .select(['id', 'case_id', 'confirmed_at'])
    .where('confirmation_token_hash', '=', hash)
    .executeTakeFirst();
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
    .leftJoin('case_participants as p', (join) =>
      join.onRef('p.case_id', '=', 'cases.id').on('p.organisation_id', '=', orgId),
    )
    .select([
      'cases.id',
      'cases.status',
      'cases.life_event',
      'helper.name as helper_name',
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
