// Test helpers: every test builds the real app on a real database (PGlite from the seeded template, or a
// fresh database on the PostgreSQL server of TEST_DATABASE_URL), then talks to it with inject().
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../src/config.ts';
import { openDatabase, type DatabaseHandle, type Db } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/bootstrap.ts';
import { build } from '../src/app.ts';
import { createSession } from '../src/platform/auth/session.ts';
import { hashToken, sign } from '../src/platform/auth/tokens.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The database kinds to run integration tests on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgresql']
  : ['pglite'];

/** A test configuration: test defaults, overridable per test. */
export function testConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', DEV_MAILBOX: 'false', ...env }), ...overrides };
}

/** Opens a migrated, seeded database of the given kind; `close` drops it. */
export async function testDatabase(kind: DatabaseKind = 'pglite'): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const template = process.env.SANS_COUTURE_TEST_TEMPLATE;
    if (template && fs.existsSync(template)) {
      const blob = new Blob([fs.readFileSync(template)]);
      return openDatabase({ dataDir: 'memory://', loadDataDir: blob });
    }
    const handle = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(handle.db, { demo: true });
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await prepareDatabase(handle.db, { demo: true });
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/** Builds the whole app on a fresh test database. */
export async function buildTestApp(
  options: { kind?: DatabaseKind; config?: Partial<Config>; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const database = await testDatabase(options.kind);
  const config = testConfig(options.config, options.env);
  const app = await build({ config, database, logger: false });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** The id of a seeded demo user by e-mail. */
export async function userIdByEmail(db: Db, email: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** Cookie header of a fresh session for a demo user (skips the login flow, which has its own tests). */
export async function sessionCookieFor(t: TestApp, email: string): Promise<string> {
  const token = await createSession(t.db, t.config, await userIdByEmail(t.db, email), 'test');
  return `sc_session=${token}`;
}

/** Cookies of a response as a Cookie header value (name=value; …). */
export function cookiesOf(response: LightMyRequestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The CSRF token embedded in a page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field in page');
  return match[1]!;
}

/** GETs a page with cookies, and returns its CSRF token and the cookies to send with the form. */
export async function formContext(
  t: TestApp,
  url: string,
  cookie = '',
): Promise<{ csrf: string; cookie: string; html: string }> {
  const page = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const fresh = cookiesOf(page);
  return {
    csrf: csrfTokenOf(page.body),
    cookie: [cookie, fresh].filter(Boolean).join('; '),
    html: page.body,
  };
}

// Driving the app as a browser does: a signed-in user with their CSRF token, forms, multipart bodies.

/** A signed-in user as the tests drive them. */
export interface TestUser {
  id: string;
  email: string;
  cookie: string;
  csrf: string;
}

/** The CSRF token the app derives for a session token. */
export function csrfFor(t: TestApp, token: string): string {
  return sign(t.config.sessionSecret, 'csrf:session:' + hashToken(token));
}

/** A session of a demo account (agents of the seeded territory). */
export async function demoUser(t: TestApp, email: string): Promise<TestUser> {
  const row = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const token = await createSession(t.db, t.config, row.id, 'test');
  return { id: row.id, email, cookie: `sc_session=${token}`, csrf: csrfFor(t, token) };
}

/** Posts a form as a browser does (url-encoded, repeated fields for lists), with the user's CSRF token. */
export async function postForm(
  t: TestApp,
  user: TestUser,
  url: string,
  fields: Record<string, string | string[]>,
  extraCookie = '',
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  body.append('_csrf', user.csrf);
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [user.cookie, extraCookie].filter(Boolean).join('; '),
    },
  });
}

/** GETs a page as the user. */
export function getPage(t: TestApp, user: TestUser | null, url: string, extraCookie = '') {
  const cookie = [user?.cookie ?? '', extraCookie].filter(Boolean).join('; ');
  return t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

/** The journal lines about a resident's file, oldest first. */
export async function fileJournalOf(t: TestApp, userId: string) {
  return t.db
    .selectFrom('audit_journal')
    .select(['actor_id', 'actor_role', 'action', 'reason'])
    .where('subject_type', '=', 'resident-file')
    .where('subject_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** The stored facts of a file (empty when there is none). */
export async function factsOf(t: TestApp, userId: string) {
  const row = await t.db
    .selectFrom('resident_files')
    .select(['facts', 'version'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { facts: row?.facts ?? {}, version: row?.version ?? 0 };
}

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  content: Buffer;
}

/** A multipart/form-data body as a browser sends it. */
export function multipartBody(
  fields: [string, string][],
  files: FilePart[] = [],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sc' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A tiny valid PDF. */
export const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A 1×1 PNG. */
export const samplePng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Runs `fn` while the audit journal refuses the lines of one subject type and action (a trigger raises
 * « journal indisponible (test) »): proves a write that must be journaled is undone with its journal line.
 */
export async function whileJournalRefuses<T>(
  db: Db,
  subjectType: string,
  action: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (!/^[a-z_-]+$/.test(subjectType) || !/^[a-z_]+$/.test(action))
    throw new Error('whileJournalRefuses: nom invalide');
  await sql
    .raw(
      `create function test_refuse_journal() returns trigger language plpgsql as $$
      begin
        if new.subject_type = '${subjectType}' and new.action = '${action}' then
          raise exception 'journal indisponible (test)';
        end if;
        return new;
      end $$`,
    )
    .execute(db);
  await sql`create trigger test_refuse_journal before insert on audit_journal for each row execute function test_refuse_journal()`.execute(
    db,
  );
  try {
    return await fn();
  } finally {
    await sql`drop trigger test_refuse_journal on audit_journal`.execute(db);
    await sql`drop function test_refuse_journal()`.execute(db);
  }
}
