// Queries of the resident's own data: their account, sessions and login links (dates only), the answers they
// saved while signed in, the journal entries about them, and mails waiting for their address. The use-cases
// own the transactions and the journal.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Answers } from '../navigator/questions.ts';
import '../navigator/tables.ts';
import '../../platform/jobs/tables.ts';
import '../../platform/files/tables.ts';
import './tables.ts';

export type { Executor } from '../../platform/db/database.ts';

/** A resident's account as "Mes données" shows it. */
export interface ResidentAccount {
  id: string;
  email: string;
  displayName: string;
  status: string;
  oidcSubject: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** The account of a resident (never an agent's: agents' accounts are managed by their administrators). */
export async function findResidentAccount(
  db: Executor,
  userId: string,
  lock = false,
): Promise<ResidentAccount | undefined> {
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'status', 'oidc_subject', 'created_at', 'last_login_at'])
    .where('id', '=', userId)
    .where('role', '=', 'resident');
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    oidcSubject: row.oidc_subject,
    createdAt: new Date(row.created_at),
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at) : null,
  };
}

/** The names of the territories an account is attached to. */
export async function territoryNamesOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_territories')
    .innerJoin('territories', 'territories.id', 'user_territories.territory_id')
    .select('territories.name')
    .where('user_territories.user_id', '=', userId)
    .orderBy('territories.name')
    .execute();
  return rows.map((r) => r.name);
}

/** A session, by its dates only (and its hash, to tell the current one: never shown nor exported). */
export interface SessionDates {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The sessions of an account, most recent first. */
export async function sessionsOf(db: Executor, userId: string): Promise<SessionDates[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    idHash: r.id_hash,
    createdAt: new Date(r.created_at),
    lastSeenAt: new Date(r.last_seen_at),
    expiresAt: new Date(r.expires_at),
  }));
}

/** A login link, by its dates only. */
export interface LoginLinkDates {
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** The login links of an account, most recent first. */
export async function loginLinksOf(db: Executor, userId: string): Promise<LoginLinkDates[]> {
  const rows = await db
    .selectFrom('login_tokens')
    .select(['created_at', 'expires_at', 'used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    usedAt: r.used_at ? new Date(r.used_at) : null,
  }));
}

/** Answers of a questionnaire saved by the resident while signed in. */
export interface OwnSavedAnswers {
  id: string;
  lifeEvent: string;
  createdAt: Date;
  expiresAt: Date;
  answers: Answers;
}

/** The answers an account saved, most recent first. */
export async function savedAnswersOf(db: Executor, userId: string): Promise<OwnSavedAnswers[]> {
  const rows = await db
    .selectFrom('navigator_saved_answers')
    .select(['id', 'life_event', 'created_at', 'expires_at', 'answers'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    lifeEvent: r.life_event,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    answers: r.answers,
  }));
}

/** One entry of the audit journal: identifiers and dates, no content. */
export interface JournalLine {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  reason: string;
}

/**
 * The journal entries about a person: what they did, what was done to their account, and to the answers they
 * saved. Oldest first; `limit` keeps the most recent ones.
 */
export async function journalAbout(
  db: Executor,
  userId: string,
  answerIds: string[],
  limit?: number,
): Promise<{ lines: JournalLine[]; total: number }> {
  const about = db
    .selectFrom('audit_journal')
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', userId),
        eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', userId)]),
        eb.and([eb('subject_type', '=', 'resident-file'), eb('subject_id', '=', userId)]),
        ...(answerIds.length > 0
          ? [eb.and([eb('subject_type', '=', 'navigator-answers'), eb('subject_id', 'in', answerIds)])]
          : []),
      ]),
    );
  const total = await about.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let query = about
    .select(['id', 'at', 'actor_id', 'actor_role', 'action', 'subject_type', 'subject_id', 'reason'])
    .orderBy('id', 'desc');
  if (limit != null) query = query.limit(limit);
  const rows = (await query.execute()).reverse();
  return {
    total: Number(total.n),
    lines: rows.map((r) => ({
      at: new Date(r.at),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      reason: r.reason,
    })),
  };
}

/** A mail of the queue addressed to the person: its subject and dates (the text may hold a login link). */
export interface QueuedMail {
  subject: string;
  status: string;
  createdAt: Date;
}

/** The mails of the durable queue addressed to an e-mail address (sent ones are kept 30 days). */
export async function queuedMailsTo(db: Executor, email: string): Promise<QueuedMail[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['payload', 'status', 'created_at'])
    .where('kind', '=', 'mail.send')
    .where(sql<string>`lower(payload->>'to')`, '=', email.toLowerCase())
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    subject: typeof r.payload.subject === 'string' ? r.payload.subject : '',
    status: r.status,
    createdAt: new Date(r.created_at),
  }));
}

/** Deletes the mails of the queue addressed to an e-mail address; returns how many. */
export async function deleteQueuedMailsTo(db: Executor, email: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('kind', '=', 'mail.send')
    .where(sql<string>`lower(payload->>'to')`, '=', email.toLowerCase())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes an account and what hangs on it: saved answers, sessions, login links (the foreign keys would
 * cascade; saying it here keeps the list in one place). Journal rows stay: the table is append-only.
 */
export async function deleteAccount(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('navigator_saved_answers').where('user_id', '=', userId).execute();
  // The file's documents and the signed mandates are encrypted files owned by text ids (no foreign key): they go
  // first. The file, its mandates, requests, shares and aller-vers rows then cascade with the account.
  await db
    .deleteFrom('stored_files')
    .where((eb) =>
      eb.or([
        eb.and([eb('owner_type', '=', 'resident-file'), eb('owner_id', '=', userId)]),
        eb.and([
          eb('owner_type', '=', 'mandate'),
          eb(
            'owner_id',
            'in',
            eb
              .selectFrom('mandates')
              .select(sql<string>`id::text`.as('id'))
              .where('user_id', '=', userId),
          ),
        ]),
      ]),
    )
    .execute();
  await db.deleteFrom('resident_files').where('user_id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('login_tokens').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_territories').where('user_id', '=', userId).execute();
  await db.deleteFrom('users').where('id', '=', userId).where('role', '=', 'resident').execute();
}
