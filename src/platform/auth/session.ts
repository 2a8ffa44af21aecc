// Sessions stored in the database (only the hash of the cookie's token), the connected actor on each
// request, and CSRF protection for every form: a token bound to the session (or to an anonymous cookie).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { isRole, type Actor, type Role } from './roles.ts';
import { hashToken, newToken, safeEqual, sign } from './tokens.ts';

export const sessionCookie = 'sc_session';
export const anonCookie = 'sc_anon';

export interface SessionUser extends Actor {
  displayName: string;
  email: string;
  organisationName: string | null;
  /** Names of the user's territories, in the order of territoryIds (for the page frame). */
  territoryNames: string[];
  /** The name of the agent's site (a France Services counter), if they are bound to one. */
  siteName: string | null;
  sessionHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The connected user, or null. Loaded once per request. */
    user: SessionUser | null;
    /** The CSRF token to embed in forms of this request's page. */
    csrfToken: string;
  }
  interface FastifyReply {
    /** Opens a session for a user and sets the cookie (rotates any previous session: no fixation). */
    startSession(userId: string, via: string): Promise<void>;
    /** Ends the current session and clears the cookie. */
    endSession(): Promise<void>;
  }
}

/** Cookie options: httpOnly, SameSite=Lax (magic links and OIDC arrive by top-level GET), Secure outside plain-HTTP development. */
export function cookieOptions(config: Config, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.env === 'production' || config.publicUrl.startsWith('https://'),
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** Creates a session row; returns the raw token for the cookie. */
export async function createSession(db: Db, config: Config, userId: string, via: string): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      expires_at: new Date(Date.now() + config.sessionTtlHours * 3600_000),
      via,
    })
    .execute();
  // A login is activity: the inactivity warning, if one was sent, no longer holds.
  await db
    .updateTable('users')
    .set({ last_login_at: sql`now()`, inactivity_warned_at: null })
    .where('id', '=', userId)
    .execute();
  return token;
}

/** The user of a session token, if the session is valid and the account active. */
export async function findSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const idHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .leftJoin('places', 'places.id', 'users.site_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.organisation_id',
      'users.status',
      'organisations.name as organisation_name',
      'users.site_id',
      'places.name as site_name',
      'sessions.last_seen_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row || row.status !== 'active' || !isRole(row.role)) return null;
  const territories = await db
    .selectFrom('user_territories')
    .innerJoin('territories', 'territories.id', 'user_territories.territory_id')
    .select(['user_territories.territory_id', 'territories.name'])
    .where('user_territories.user_id', '=', row.id)
    .orderBy('territories.name')
    .execute();
  if (Date.now() - new Date(row.last_seen_at).getTime() > 5 * 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()` })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    siteId: row.site_id,
    siteName: row.site_name,
    territoryIds: territories.map((t) => t.territory_id),
    territoryNames: territories.map((t) => t.name),
    sessionHash: idHash,
  };
}

function csrfFor(config: Config, binding: string): string {
  return sign(config.sessionSecret, 'csrf:' + binding);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Checks the CSRF token of a state-changing request; use directly for multipart forms. */
export function assertCsrf(request: FastifyRequest, submitted: unknown): void {
  if (typeof submitted !== 'string' || !safeEqual(submitted, request.csrfToken)) {
    throw new AppError(
      'csrf',
      'Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.',
    );
  }
}

async function sessionPlugin(app: FastifyInstance, opts: { db: Db; config: Config }) {
  const { db, config } = opts;
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/dsfr/') || request.url.startsWith('/assets/')) return;
    const token = request.cookies[sessionCookie];
    request.user = token ? await findSessionUser(db, token) : null;
    if (token && !request.user) reply.clearCookie(sessionCookie, cookieOptions(config));
    // The JSON API has no forms: no anonymous cookie, no CSRF token (nothing to bind, nothing to remember).
    if (!request.user && request.url.startsWith('/api/')) return;
    let binding: string;
    if (request.user) {
      binding = 'session:' + request.user.sessionHash;
    } else {
      let anon = request.cookies[anonCookie];
      if (!anon || !/^[A-Za-z0-9_-]{43}$/.test(anon)) {
        anon = newToken();
        reply.setCookie(anonCookie, anon, cookieOptions(config));
        request.cookies[anonCookie] = anon;
      }
      binding = 'anon:' + anon;
    }
    request.csrfToken = csrfFor(config, binding);
  });

  // Every form post carries _csrf; the JSON API is cookie-less (anonymous or token-authenticated) and exempt.
  app.addHook('preHandler', async (request) => {
    if (safeMethods.has(request.method) || request.url.startsWith('/api/')) return;
    if (request.headers['content-type']?.startsWith('multipart/form-data')) return; // checked by the route itself with assertCsrf once the stream is read
    const body = request.body as Record<string, unknown> | undefined;
    assertCsrf(request, body?._csrf ?? request.headers['x-csrf-token']);
  });

  app.decorateReply('startSession', async function (this: FastifyReply, userId: string, via: string) {
    const previous = this.request.cookies[sessionCookie];
    if (previous) await db.deleteFrom('sessions').where('id_hash', '=', hashToken(previous)).execute();
    const token = await createSession(db, config, userId, via);
    this.setCookie(sessionCookie, token, cookieOptions(config, config.sessionTtlHours * 3600));
  });

  app.decorateReply('endSession', async function (this: FastifyReply) {
    const token = this.request.cookies[sessionCookie];
    if (token) await db.deleteFrom('sessions').where('id_hash', '=', hashToken(token)).execute();
    this.clearCookie(sessionCookie, cookieOptions(config));
  });
}

export default fp(sessionPlugin, { name: 'sessions' });

/** Route guard: the request must come from a connected user with one of the roles. */
export function requireRole(...allowed: Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.user) throw new AppError('unauthenticated', 'Connectez-vous pour accéder à cette page.');
    if (allowed.length > 0 && !allowed.includes(request.user.role)) {
      throw new AppError('forbidden', 'Votre rôle ne permet pas d’accéder à cette page.');
    }
  };
}
