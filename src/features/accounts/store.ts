// Queries of the accounts feature. The use-cases own the transactions and the audit journal.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { OrganisationRef } from './rules.ts';

/** A user account as the accounts feature sees it. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  status: string;
  oidcSubject: string | null;
}

const accountColumns = [
  'id',
  'email',
  'display_name',
  'role',
  'organisation_id',
  'status',
  'oidc_subject',
] as const;

function toAccount(row: {
  id: string;
  email: string;
  display_name: string;
  role: string;
  organisation_id: string | null;
  status: string;
  oidc_subject: string | null;
}): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    status: row.status,
    oidcSubject: row.oidc_subject,
  };
}

/** The account of an e-mail address (case-insensitive), if any. */
export async function findAccountByEmail(db: Executor, email: string): Promise<Account | null> {
  const row = await db
    .selectFrom('users')
    .select(accountColumns)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The account linked to an OpenID Connect subject, if any. */
export async function findAccountByOidcSubject(db: Executor, subject: string): Promise<Account | null> {
  const row = await db
    .selectFrom('users')
    .select(accountColumns)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** An account by id. */
export async function findAccount(db: Executor, id: string): Promise<Account | null> {
  const row = await db.selectFrom('users').select(accountColumns).where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Stores a login token's hash. */
export async function insertLoginToken(
  db: Executor,
  row: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('login_tokens')
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      expires_at: row.expiresAt,
      used_at: null,
      redirect_to: null,
    })
    .execute();
}

/** A login token by hash, whatever its state. */
export async function findLoginToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('login_tokens')
    .select(['user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a valid token used, atomically: only one of two concurrent uses gets the user id. */
export async function useLoginToken(db: Executor, tokenHash: string): Promise<string | null> {
  const row = await db
    .updateTable('login_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Activates an invited account on its first login. */
export async function activateAccount(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ status: 'active' })
    .where('id', '=', userId)
    .where('status', '=', 'invited')
    .execute();
}

/** Links an account to its OpenID Connect subject. */
export async function setOidcSubject(db: Executor, userId: string, subject: string): Promise<void> {
  await db.updateTable('users').set({ oidc_subject: subject }).where('id', '=', userId).execute();
}

/** Every organisation, by name. */
export async function listOrganisationRefs(db: Executor): Promise<OrganisationRef[]> {
  return db.selectFrom('organisations').select(['id', 'slug', 'name']).orderBy('name').execute();
}

/** Every territory, by name. */
export async function listTerritoryRefs(db: Executor): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('territories').select(['id', 'name']).orderBy('name').execute();
}

/** The territories an organisation serves. */
export async function organisationTerritories(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_territories')
    .select('territory_id')
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => r.territory_id);
}

/** Which of these (normalised) e-mails already have an account. */
export async function existingEmails(db: Executor, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select(sql<string>`lower(email)`.as('email'))
    .where(sql<string>`lower(email)`, 'in', emails)
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** Creates an invited account with its territories; returns its id. */
export async function insertInvitedAccount(
  db: Executor,
  row: {
    email: string;
    displayName: string;
    role: string;
    organisationId: string | null;
    territoryIds: string[];
  },
): Promise<string> {
  const inserted = await db
    .insertInto('users')
    .values({
      email: row.email,
      display_name: row.displayName,
      role: row.role,
      organisation_id: row.organisationId,
      status: 'invited',
      oidc_subject: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (row.territoryIds.length > 0) {
    await db
      .insertInto('user_territories')
      .values(row.territoryIds.map((t) => ({ user_id: inserted.id, territory_id: t })))
      .execute();
  }
  return inserted.id;
}

/** One line of the users list. */
export interface UserListItem {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationName: string | null;
  status: string;
  lastLoginAt: Date | null;
}

/** The users of one organisation, or of all when organisationId is null. */
export async function listUsers(db: Executor, organisationId: string | null): Promise<UserListItem[]> {
  let query = db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'organisations.name as organisation_name',
      'users.status',
      'users.last_login_at',
    ])
    .orderBy('users.display_name');
  if (organisationId) query = query.where('users.organisation_id', '=', organisationId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    organisationName: r.organisation_name,
    status: r.status,
    lastLoginAt: r.last_login_at,
  }));
}

/** Expired login links are kept this long, so that a late click reads "ce lien a expiré", not "inconnu". */
export const expiredLinkKeptMs = 7 * 86400_000;

/**
 * Retention of the credentials (nightly job `accounts.purge`): sessions past their expiry are deleted (they
 * can no longer be used), and login links a week after they expired or were used.
 */
export async function purgeExpiredCredentials(
  db: Executor,
  now: Date,
): Promise<{ sessions: number; links: number }> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  const before = new Date(now.getTime() - expiredLinkKeptMs);
  const links = await db
    .deleteFrom('login_tokens')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('used_at', '<', before)]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), links: Number(links.numDeletedRows) };
}

// ── Account management (administrators) ─────────────────────────────────────────────────────────────

/** An account as its edit page shows it. */
export interface ManagedAccount {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  siteId: string | null;
  status: string;
  territoryIds: string[];
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

/** An account with its territories, for its edit page. */
export async function findManagedAccount(db: Executor, id: string): Promise<ManagedAccount | null> {
  const row = await db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'organisation_id',
      'site_id',
      'status',
      'last_login_at',
      'disabled_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const territories = await db
    .selectFrom('user_territories')
    .select('territory_id')
    .where('user_id', '=', id)
    .execute();
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    siteId: row.site_id,
    status: row.status,
    territoryIds: territories.map((t) => t.territory_id),
    lastLoginAt: row.last_login_at,
    disabledAt: row.disabled_at,
  };
}

/** Locks an account's row for the rest of the transaction. */
export async function lockAccount(db: Executor, id: string): Promise<void> {
  await db.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
}

/** How many administrators are active (locked: two deactivations at once cannot both pass). */
export async function activeAdministrators(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** Writes an account's name, role, organisation, site and territories. */
export async function updateAccount(
  db: Executor,
  id: string,
  values: {
    displayName: string;
    role: string;
    organisationId: string | null;
    siteId: string | null;
    territoryIds: string[];
  },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      display_name: values.displayName,
      role: values.role,
      organisation_id: values.organisationId,
      site_id: values.siteId,
    })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('user_territories').where('user_id', '=', id).execute();
  if (values.territoryIds.length > 0)
    await db
      .insertInto('user_territories')
      .values(values.territoryIds.map((t) => ({ user_id: id, territory_id: t })))
      .execute();
}

/** Deactivates an account and ends its sessions (it can no longer log in). */
export async function disableAccount(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ status: 'disabled', disabled_at: now }).where('id', '=', id).execute();
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
}

/** Reactivates an account: active again, its inactivity clock starting now. */
export async function enableAccount(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ status: 'active', disabled_at: null, inactivity_warned_at: null, last_login_at: now })
    .where('id', '=', id)
    .execute();
}

/** The places an agent may work at: the France Services counters, with their organisation. */
export async function siteChoices(
  db: Executor,
): Promise<{ id: string; name: string; organisationId: string }[]> {
  const rows = await db
    .selectFrom('places')
    .select(['id', 'name', 'organisation_id'])
    .where('kind', 'like', 'france-services%')
    .where('organisation_id', 'is not', null)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, organisationId: r.organisation_id! }));
}

/** Agents whose last activity (login, else creation) is older than `before`, still active or invited. */
export async function inactiveAgents(
  db: Executor,
  before: Date,
  warned: 'not-warned' | { warnedBefore: Date },
) {
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'inactivity_warned_at'])
    .where('status', 'in', ['active', 'invited'])
    .where('role', '<>', 'resident')
    .where(sql<Date>`coalesce(last_login_at, created_at)`, '<', before);
  query =
    warned === 'not-warned'
      ? query.where('inactivity_warned_at', 'is', null)
      : query.where('inactivity_warned_at', '<', warned.warnedBefore);
  return query.orderBy('id').limit(500).execute();
}

/** Dates the inactivity warning of an account. */
export async function markInactivityWarned(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ inactivity_warned_at: now }).where('id', '=', id).execute();
}
