// Helpers for the resident's file tests: a fresh resident account with its session, forms posted as a browser
// posts them (with the session's CSRF token), and the journal lines of a file.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { createSession } from '../../platform/auth/session.ts';
import { hashToken, sign } from '../../platform/auth/tokens.ts';
import type { TestApp } from '../../../test/helpers.ts';

/** A signed-in user as the tests drive them. */
export interface TestUser {
  id: string;
  email: string;
  cookie: string;
  csrf: string;
}

/** The CSRF token the app derives for a session cookie. */
function csrfFor(t: TestApp, token: string): string {
  return sign(t.config.sessionSecret, 'csrf:session:' + hashToken(token));
}

/** A fresh, active resident account with a session. */
export async function newResident(t: TestApp, name = 'Camille Dossier'): Promise<TestUser> {
  const email = `usager-${randomBytes(5).toString('hex')}@exemple.localhost`;
  const user = await t.db
    .insertInto('users')
    .values({
      email,
      display_name: name,
      role: 'resident',
      organisation_id: null,
      status: 'active',
      oidc_subject: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = await createSession(t.db, t.config, user.id, 'test');
  return { id: user.id, email, cookie: `sc_session=${token}`, csrf: csrfFor(t, token) };
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
