// Queries of the resident's file, its documents, mandates, requests and shares, and of the count of what the file
// spared. The use-cases own the transactions and the journal.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Answers } from '../navigator/questions.ts';
import type { StoredFacts } from './facts.ts';
import type { MandateStatus, MandateVia, RequestStatus, SharePart } from './tables.ts';
import './tables.ts';
import '../../platform/files/tables.ts';
import '../cases/tables.ts';

export type { Executor } from '../../platform/db/database.ts';

// ── The file ─────────────────────────────────────────────────────────────────────────────────────────

/** A resident's file as stored. */
export interface FileRow {
  facts: StoredFacts;
  version: number;
  updatedAt: Date;
}

/** Creates the empty file of a resident if there is none. */
export async function ensureFile(db: Executor, userId: string): Promise<void> {
  await db
    .insertInto('resident_files')
    .values({ user_id: userId, facts: '{}' })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** The file of a resident, if any (locked for the transaction when asked). */
export async function findFile(db: Executor, userId: string, lock = false): Promise<FileRow | undefined> {
  let query = db
    .selectFrom('resident_files')
    .select(['facts', 'version', 'updated_at'])
    .where('user_id', '=', userId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { facts: row.facts, version: row.version, updatedAt: new Date(row.updated_at) } : undefined;
}

/**
 * Writes the facts only if the file is still at `baseVersion`; returns the new version, or null when another save
 * came first (the caller shows the conflict).
 */
export async function writeFacts(
  db: Executor,
  userId: string,
  facts: StoredFacts,
  baseVersion: number,
  now: Date,
): Promise<number | null> {
  const row = await db
    .updateTable('resident_files')
    .set({ facts: JSON.stringify(facts), version: sql`version + 1`, updated_at: now })
    .where('user_id', '=', userId)
    .where('version', '=', baseVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

/** The facts and versions of many files at once (the nightly re-estimation reads them by batches). */
export async function filesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, FileRow>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('resident_files')
    .select(['user_id', 'facts', 'version', 'updated_at'])
    .where('user_id', 'in', userIds)
    .execute();
  return new Map(
    rows.map((r) => [r.user_id, { facts: r.facts, version: r.version, updatedAt: new Date(r.updated_at) }]),
  );
}

/** The territory a commune belongs to, if it is in one. */
export async function territoryOfCommune(db: Executor, inseeCode: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('territory_communes')
    .select('territory_id')
    .where('insee_code', '=', inseeCode)
    .orderBy('territory_id')
    .executeTakeFirst();
  return row?.territory_id;
}

/** A resident account (never an agent's). */
export interface ResidentRef {
  id: string;
  email: string;
  displayName: string;
  status: string;
}

/** The resident account of an e-mail address (case-insensitive). */
export async function residentByEmail(db: Executor, email: string): Promise<ResidentRef | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'status'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('role', '=', 'resident')
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, displayName: row.display_name, status: row.status }
    : undefined;
}

/** A resident account by id. */
export async function residentById(db: Executor, userId: string): Promise<ResidentRef | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'status'])
    .where('id', '=', userId)
    .where('role', '=', 'resident')
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, displayName: row.display_name, status: row.status }
    : undefined;
}

/** Display names of accounts, by id (to say who gave a fact or read the file). */
export async function namesOf(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.display_name', 'organisations.name as organisation'])
    .where('users.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, r.organisation ? `${r.display_name} (${r.organisation})` : r.display_name]),
  );
}

// ── Documents ────────────────────────────────────────────────────────────────────────────────────────

/** A document of the file (its content stays encrypted in stored_files). */
export interface DocumentRow {
  fileId: string;
  kind: string;
  name: string;
  mediaType: string;
  size: number;
  givenBy: string | null;
  givenByRole: string;
  mandateId: string | null;
  createdAt: Date;
}

/** Records a stored file as a document of the file. */
export async function insertDocument(
  db: Executor,
  row: {
    fileId: string;
    userId: string;
    kind: string;
    givenBy: string | null;
    givenByRole: string;
    mandateId: string | null;
  },
): Promise<void> {
  await db
    .insertInto('resident_documents')
    .values({
      file_id: row.fileId,
      user_id: row.userId,
      kind: row.kind,
      given_by: row.givenBy,
      given_by_role: row.givenByRole,
      mandate_id: row.mandateId,
    })
    .execute();
}

/** The documents of a file, newest first. */
export async function documentsOf(db: Executor, userId: string): Promise<DocumentRow[]> {
  const rows = await db
    .selectFrom('resident_documents')
    .innerJoin('stored_files', 'stored_files.id', 'resident_documents.file_id')
    .select([
      'resident_documents.file_id',
      'resident_documents.kind',
      'resident_documents.given_by',
      'resident_documents.given_by_role',
      'resident_documents.mandate_id',
      'resident_documents.created_at',
      'stored_files.name',
      'stored_files.media_type',
      'stored_files.size',
    ])
    .where('resident_documents.user_id', '=', userId)
    .orderBy('resident_documents.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    fileId: r.file_id,
    kind: r.kind,
    name: r.name,
    mediaType: r.media_type,
    size: r.size,
    givenBy: r.given_by,
    givenByRole: r.given_by_role,
    mandateId: r.mandate_id,
    createdAt: new Date(r.created_at),
  }));
}

/** Deletes one document of a file (its stored file goes with it); returns whether it existed. */
export async function deleteDocument(db: Executor, userId: string, fileId: string): Promise<boolean> {
  const found = await db
    .selectFrom('resident_documents')
    .select('file_id')
    .where('user_id', '=', userId)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  if (!found) return false;
  await db.deleteFrom('stored_files').where('id', '=', fileId).execute();
  return true;
}

// ── What the file spared (pilotage) ──────────────────────────────────────────────────────────────────

/** Adds questions and documents not asked again to the day's counter of a territory and moment of life. */
export async function addReuse(
  db: Executor,
  row: { territoryId: string; lifeEvent: string; day: string; questions: number; documents: number },
): Promise<void> {
  await db
    .insertInto('file_reuse_counts')
    .values({
      territory_id: row.territoryId,
      life_event: row.lifeEvent,
      day: row.day,
      questions_avoided: row.questions,
      documents_avoided: row.documents,
    })
    .onConflict((oc) =>
      oc.columns(['territory_id', 'life_event', 'day']).doUpdateSet({
        questions_avoided: sql`file_reuse_counts.questions_avoided + excluded.questions_avoided`,
        documents_avoided: sql`file_reuse_counts.documents_avoided + excluded.documents_avoided`,
      }),
    )
    .execute();
}

/** The counters of a territory between two days (inclusive), summed per moment of life. */
export async function reuseTotals(
  db: Executor,
  territoryId: string,
  from: string,
  to: string,
): Promise<{ lifeEvent: string; questions: number; documents: number }[]> {
  const rows = await db
    .selectFrom('file_reuse_counts')
    .select([
      'life_event',
      sql<number>`sum(questions_avoided)::int`.as('questions'),
      sql<number>`sum(documents_avoided)::int`.as('documents'),
    ])
    .where('territory_id', '=', territoryId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('life_event')
    .orderBy('life_event')
    .execute();
  return rows.map((r) => ({ lifeEvent: r.life_event, questions: r.questions, documents: r.documents }));
}

// ── Mandates ─────────────────────────────────────────────────────────────────────────────────────────

/** A mandate as the use-cases see it. */
export interface MandateRow {
  id: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  createdBy: string | null;
  scopes: string[];
  startsOn: string;
  endsOn: string;
  givenVia: MandateVia;
  status: MandateStatus;
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
  codeSentTo: string | null;
  signedFileId: string | null;
  confirmedAt: Date | null;
  revokedAt: Date | null;
  revokedByRole: string | null;
  createdAt: Date;
}

function mandateQuery(db: Executor) {
  return db
    .selectFrom('mandates')
    .innerJoin('organisations', 'organisations.id', 'mandates.organisation_id')
    .select([
      'mandates.id',
      'mandates.user_id',
      'mandates.organisation_id',
      'organisations.name as organisation_name',
      'mandates.created_by',
      'mandates.scopes',
      'mandates.starts_on',
      'mandates.ends_on',
      'mandates.given_via',
      'mandates.status',
      'mandates.code_hash',
      'mandates.code_expires_at',
      'mandates.code_attempts',
      'mandates.code_sent_to',
      'mandates.signed_file_id',
      'mandates.confirmed_at',
      'mandates.revoked_at',
      'mandates.revoked_by_role',
      'mandates.created_at',
    ]);
}

type MandateSelect = Awaited<ReturnType<ReturnType<typeof mandateQuery>['executeTakeFirstOrThrow']>>;

function toMandate(r: MandateSelect): MandateRow {
  return {
    id: r.id,
    userId: r.user_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    createdBy: r.created_by,
    scopes: r.scopes,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    givenVia: r.given_via,
    status: r.status,
    codeHash: r.code_hash,
    codeExpiresAt: r.code_expires_at ? new Date(r.code_expires_at) : null,
    codeAttempts: r.code_attempts,
    codeSentTo: r.code_sent_to,
    signedFileId: r.signed_file_id,
    confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    revokedByRole: r.revoked_by_role,
    createdAt: new Date(r.created_at),
  };
}

/** Creates a mandate; returns its id. */
export async function insertMandate(
  db: Executor,
  row: {
    userId: string;
    organisationId: string;
    createdBy: string;
    createdByRole: string;
    scopes: string[];
    startsOn: string;
    endsOn: string;
    givenVia: MandateVia;
    status: MandateStatus;
    codeHash: string | null;
    codeExpiresAt: Date | null;
    codeSentTo: string | null;
    confirmedAt: Date | null;
    now: Date;
  },
): Promise<string> {
  const created = await db
    .insertInto('mandates')
    .values({
      user_id: row.userId,
      organisation_id: row.organisationId,
      created_by: row.createdBy,
      created_by_role: row.createdByRole,
      scopes: row.scopes,
      starts_on: row.startsOn,
      ends_on: row.endsOn,
      given_via: row.givenVia,
      status: row.status,
      code_hash: row.codeHash,
      code_expires_at: row.codeExpiresAt,
      code_sent_to: row.codeSentTo,
      signed_file_id: null,
      confirmed_at: row.confirmedAt,
      revoked_at: null,
      revoked_by: null,
      revoked_by_role: null,
      created_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/** A mandate by id (locked for the transaction when asked). */
export async function findMandate(db: Executor, id: string, lock = false): Promise<MandateRow | undefined> {
  let query = mandateQuery(db).where('mandates.id', '=', id);
  if (lock) query = query.forUpdate('mandates');
  const row = await query.executeTakeFirst();
  return row ? toMandate(row) : undefined;
}

/** Changes a mandate's state fields. */
export async function updateMandate(
  db: Executor,
  id: string,
  set: Partial<{
    status: MandateStatus;
    code_hash: string | null;
    code_attempts: number;
    code_expires_at: Date | null;
    signed_file_id: string;
    confirmed_at: Date;
    revoked_at: Date;
    revoked_by: string;
    revoked_by_role: string;
  }>,
): Promise<void> {
  await db.updateTable('mandates').set(set).where('id', '=', id).execute();
}

/** The mandates of a resident, newest first. */
export async function mandatesOfResident(db: Executor, userId: string): Promise<MandateRow[]> {
  const rows = await mandateQuery(db)
    .where('mandates.user_id', '=', userId)
    .orderBy('mandates.created_at', 'desc')
    .execute();
  return rows.map(toMandate);
}

/** The mandates given to an organisation, with the resident's name, newest first. */
export async function mandatesOfOrganisation(
  db: Executor,
  organisationId: string,
): Promise<(MandateRow & { residentName: string })[]> {
  const rows = await mandateQuery(db)
    .innerJoin('users', 'users.id', 'mandates.user_id')
    .select('users.display_name as resident_name')
    .where('mandates.organisation_id', '=', organisationId)
    .orderBy('mandates.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...toMandate(r), residentName: r.resident_name }));
}

/** Organisations of a territory that have at least one active helper (those a resident may mandate). */
export async function helperOrganisations(
  db: Executor,
  territoryId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('organisations')
    .innerJoin('organisation_territories', 'organisation_territories.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name'])
    .where('organisation_territories.territory_id', '=', territoryId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('users')
          .select('users.id')
          .whereRef('users.organisation_id', '=', 'organisations.id')
          .where('users.role', '=', 'helper')
          .where('users.status', '=', 'active'),
      ),
    )
    .orderBy('organisations.name')
    .execute();
}

/** The active helpers of an organisation (to tell them about a request). */
export async function helpersOf(
  db: Executor,
  organisationId: string,
): Promise<{ id: string; email: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'helper')
    .where('status', '=', 'active')
    .execute();
}

// ── Requests ("faire suivre à France Services") ─────────────────────────────────────────────────────

/** A request as the inbox and the resident see it. */
export interface RequestRow {
  id: string;
  userId: string;
  residentName: string;
  organisationId: string;
  organisationName: string;
  placeId: string | null;
  placeName: string | null;
  lifeEvent: string;
  eventDate: string | null;
  answers: Answers;
  message: string | null;
  shareWithInvited: boolean;
  status: RequestStatus;
  caseId: string | null;
  appointmentText: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function requestQuery(db: Executor) {
  return db
    .selectFrom('file_requests')
    .innerJoin('organisations', 'organisations.id', 'file_requests.organisation_id')
    .innerJoin('users', 'users.id', 'file_requests.user_id')
    .leftJoin('places', 'places.id', 'file_requests.place_id')
    .select([
      'file_requests.id',
      'file_requests.user_id',
      'users.display_name as resident_name',
      'file_requests.organisation_id',
      'organisations.name as organisation_name',
      'file_requests.place_id',
      'places.name as place_name',
      'file_requests.life_event',
      'file_requests.event_date',
      'file_requests.answers',
      'file_requests.message',
      'file_requests.share_with_invited',
      'file_requests.status',
      'file_requests.case_id',
      'file_requests.appointment_text',
      'file_requests.created_at',
      'file_requests.updated_at',
    ]);
}

type RequestSelect = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function toRequest(r: RequestSelect): RequestRow {
  return {
    id: r.id,
    userId: r.user_id,
    residentName: r.resident_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    placeId: r.place_id,
    placeName: r.place_name,
    lifeEvent: r.life_event,
    eventDate: r.event_date,
    answers: r.answers,
    message: r.message,
    shareWithInvited: r.share_with_invited,
    status: r.status,
    caseId: r.case_id,
    appointmentText: r.appointment_text,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** Creates a request; returns its id. */
export async function insertRequest(
  db: Executor,
  row: {
    userId: string;
    organisationId: string;
    placeId: string;
    lifeEvent: string;
    eventDate: string | null;
    answers: Answers;
    message: string | null;
    shareWithInvited: boolean;
    now: Date;
  },
): Promise<string> {
  const created = await db
    .insertInto('file_requests')
    .values({
      user_id: row.userId,
      organisation_id: row.organisationId,
      place_id: row.placeId,
      life_event: row.lifeEvent,
      event_date: row.eventDate,
      answers: JSON.stringify(row.answers),
      message: row.message,
      share_with_invited: row.shareWithInvited,
      case_id: null,
      appointment_text: null,
      handled_by: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/** A request by id (locked when asked). */
export async function findRequest(db: Executor, id: string, lock = false): Promise<RequestRow | undefined> {
  let query = requestQuery(db).where('file_requests.id', '=', id);
  if (lock) query = query.forUpdate('file_requests');
  const row = await query.executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/** The requests a resident sent, newest first. */
export async function requestsOfResident(db: Executor, userId: string): Promise<RequestRow[]> {
  const rows = await requestQuery(db)
    .where('file_requests.user_id', '=', userId)
    .orderBy('file_requests.created_at', 'desc')
    .execute();
  return rows.map(toRequest);
}

/** The inbox of an organisation: its requests, newest first (withdrawn ones are kept out). */
export async function requestsOfOrganisation(db: Executor, organisationId: string): Promise<RequestRow[]> {
  const rows = await requestQuery(db)
    .where('file_requests.organisation_id', '=', organisationId)
    .where('file_requests.status', '<>', 'withdrawn')
    .orderBy('file_requests.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toRequest);
}

/** Changes a request's state. */
export async function updateRequest(
  db: Executor,
  id: string,
  set: Partial<{
    status: RequestStatus;
    case_id: string;
    appointment_text: string;
    handled_by: string;
    answers: string;
  }>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('file_requests')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ── Shares ───────────────────────────────────────────────────────────────────────────────────────────

/** What one organisation may see of a file, why and until when. */
export interface ShareRow {
  id: string;
  userId: string;
  organisationId: string;
  organisationName: string;
  requestId: string | null;
  caseId: string | null;
  parts: SharePart[];
  documentIds: string[];
  givenVia: 'request' | 'case' | 'account';
  givenAt: Date;
  expiresOn: string;
  withdrawnAt: Date | null;
}

function shareQuery(db: Executor) {
  return db
    .selectFrom('file_shares')
    .innerJoin('organisations', 'organisations.id', 'file_shares.organisation_id')
    .select([
      'file_shares.id',
      'file_shares.user_id',
      'file_shares.organisation_id',
      'organisations.name as organisation_name',
      'file_shares.request_id',
      'file_shares.case_id',
      'file_shares.parts',
      'file_shares.document_ids',
      'file_shares.given_via',
      'file_shares.given_at',
      'file_shares.expires_on',
      'file_shares.withdrawn_at',
    ]);
}

type ShareSelect = Awaited<ReturnType<ReturnType<typeof shareQuery>['executeTakeFirstOrThrow']>>;

function toShare(r: ShareSelect): ShareRow {
  return {
    id: r.id,
    userId: r.user_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    requestId: r.request_id,
    caseId: r.case_id,
    parts: r.parts,
    documentIds: r.document_ids,
    givenVia: r.given_via,
    givenAt: new Date(r.given_at),
    expiresOn: r.expires_on,
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
  };
}

/** Records a share; returns its id. */
export async function insertShare(
  db: Executor,
  row: {
    userId: string;
    organisationId: string;
    requestId: string | null;
    caseId: string | null;
    parts: SharePart[];
    documentIds: string[];
    givenVia: 'request' | 'case' | 'account';
    expiresOn: string;
    now: Date;
  },
): Promise<string> {
  const created = await db
    .insertInto('file_shares')
    .values({
      user_id: row.userId,
      organisation_id: row.organisationId,
      request_id: row.requestId,
      case_id: row.caseId,
      parts: row.parts,
      document_ids: row.documentIds,
      given_via: row.givenVia,
      given_at: row.now,
      expires_on: row.expiresOn,
      withdrawn_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/** A share by id (locked when asked). */
export async function findShare(db: Executor, id: string, lock = false): Promise<ShareRow | undefined> {
  let query = shareQuery(db).where('file_shares.id', '=', id);
  if (lock) query = query.forUpdate('file_shares');
  const row = await query.executeTakeFirst();
  return row ? toShare(row) : undefined;
}

/** The shares of a resident's file, newest first. */
export async function sharesOfResident(db: Executor, userId: string): Promise<ShareRow[]> {
  const rows = await shareQuery(db)
    .where('file_shares.user_id', '=', userId)
    .orderBy('file_shares.given_at', 'desc')
    .execute();
  return rows.map(toShare);
}

/** The live shares given to an organisation, with the resident's name, newest first. */
export async function sharesOfOrganisation(
  db: Executor,
  organisationId: string,
  today: string,
): Promise<(ShareRow & { residentName: string })[]> {
  const rows = await shareQuery(db)
    .innerJoin('users', 'users.id', 'file_shares.user_id')
    .select('users.display_name as resident_name')
    .where('file_shares.organisation_id', '=', organisationId)
    .where('file_shares.withdrawn_at', 'is', null)
    .where('file_shares.expires_on', '>', today)
    .orderBy('file_shares.given_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...toShare(r), residentName: r.resident_name }));
}

/** The share of a request (one per request). */
export async function shareOfRequest(db: Executor, requestId: string): Promise<ShareRow | undefined> {
  const row = await shareQuery(db).where('file_shares.request_id', '=', requestId).executeTakeFirst();
  return row ? toShare(row) : undefined;
}

/** Withdraws a share. */
export async function withdrawShareRow(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('file_shares').set({ withdrawn_at: now }).where('id', '=', id).execute();
}

// ── The journal of the file ──────────────────────────────────────────────────────────────────────────

/** One line of the journal about a file, with who acted in words. */
export interface FileJournalLine {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  organisationName: string | null;
  action: string;
  reason: string;
}

/** The journal lines about a resident's file, newest first. */
export async function fileJournal(db: Executor, userId: string, limit: number): Promise<FileJournalLine[]> {
  const rows = await db
    .selectFrom('audit_journal')
    .leftJoin('users', 'users.id', 'audit_journal.actor_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'audit_journal.at',
      'audit_journal.actor_id',
      'audit_journal.actor_role',
      'users.display_name',
      'organisations.name as organisation_name',
      'audit_journal.action',
      'audit_journal.reason',
    ])
    .where('audit_journal.subject_type', '=', 'resident-file')
    .where('audit_journal.subject_id', '=', userId)
    .orderBy('audit_journal.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.display_name,
    organisationName: r.organisation_name,
    action: r.action,
    reason: r.reason,
  }));
}

/** A France Services site a resident may send a request to. */
export interface Site {
  id: string;
  slug: string;
  name: string;
  organisationId: string;
  communeName: string | null;
}

/** The France Services sites (fixed or bus) of a territory, by name. */
export async function franceServicesSites(db: Executor, territoryId: string): Promise<Site[]> {
  const rows = await db
    .selectFrom('places')
    .leftJoin('communes', 'communes.insee_code', 'places.commune_insee')
    .select(['places.id', 'places.slug', 'places.name', 'places.organisation_id', 'communes.name as commune'])
    .where('places.territory_id', '=', territoryId)
    .where('places.kind', 'like', 'france-services%')
    .where('places.organisation_id', 'is not', null)
    .orderBy('places.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    organisationId: r.organisation_id!,
    communeName: r.commune,
  }));
}
