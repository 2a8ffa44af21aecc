// The route table, as the application itself declares it: every route registered by build() is captured
// through Fastify's `fastify.initialization` diagnostics channel (an onRoute hook added before any plugin),
// so a route added by any feature joins the harness (fuzzing, authorisation matrix, CSRF) on its own.
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { build } from '../../src/app.ts';
import { hashToken, sign } from '../../src/platform/auth/tokens.ts';
import { anonCookie, sessionCookie } from '../../src/platform/auth/session.ts';
import type { Config } from '../../src/config.ts';
import { testConfig, testDatabase, type DatabaseKind, type TestApp } from '../helpers.ts';

/** One route of the table: method, URL pattern, and its schemas. */
export interface RouteInfo {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  /** `GET /lieux/:slug` — the key used in the expectation tables. */
  key: string;
}

/** What kind of route it is, from its URL and method. */
export type RouteKind = 'api' | 'page' | 'form' | 'static';

/** The kind of a route: JSON API, page (GET), form handler (state-changing, non-API) or static files. */
export function routeKind(route: Pick<RouteInfo, 'method' | 'url'>): RouteKind {
  if (route.url.endsWith('*')) return 'static';
  if (route.url.startsWith('/api/')) return 'api';
  return route.method === 'GET' ? 'page' : 'form';
}

const initialization = diagnostics.channel('fastify.initialization');

/**
 * Builds the real application (as buildTestApp does) and returns it with every route it registered.
 * `extend` may register extra routes before the app is ready (the harness's own probes).
 */
export async function buildAppWithRoutes(
  options: {
    kind?: DatabaseKind;
    config?: Partial<Config>;
    logger?: boolean | Record<string, unknown>;
    extend?: (app: FastifyInstance) => void;
  } = {},
): Promise<{ t: TestApp; routes: RouteInfo[] }> {
  const routes: RouteInfo[] = [];
  let captured = false;
  const onInit = (message: unknown) => {
    if (captured) return;
    captured = true;
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        // HEAD routes are Fastify's automatic twins of GET routes: the GET stands for both.
        if (method === 'HEAD') continue;
        routes.push({ method, url: route.url, schema: route.schema, key: `${method} ${route.url}` });
      }
    });
  };
  const database = await testDatabase(options.kind);
  const defaults = testConfig();
  const config = testConfig({
    rateLimit: { loginPerMinute: 1_000_000, apiPerMinute: 10_000_000 },
    appointments: { ...defaults.appointments, bookingsPerMinute: 10_000_000 },
    ...options.config,
  });
  initialization.subscribe(onInit);
  let app: FastifyInstance;
  try {
    app = await build({ config, database, logger: options.logger ?? false });
  } finally {
    initialization.unsubscribe(onInit);
  }
  options.extend?.(app);
  await app.ready();
  const unique = new Map(routes.map((r) => [r.key, r]));
  return {
    t: {
      app,
      db: database.db,
      database,
      config,
      close: async () => {
        await app.close();
        await database.close();
      },
    },
    routes: [...unique.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** Cookie header and CSRF token of an anonymous visitor (the token is derived as the app derives it). */
export function anonymousForm(config: Config): { cookie: string; csrf: string } {
  const anon = 'harness' + 'A'.repeat(36);
  return { cookie: `${anonCookie}=${anon}`, csrf: sign(config.sessionSecret, 'csrf:anon:' + anon) };
}

/** CSRF token bound to a session cookie header made by sessionCookieFor. */
export function sessionForm(config: Config, cookie: string): { cookie: string; csrf: string } {
  const token = cookie.slice(sessionCookie.length + 1);
  return { cookie, csrf: sign(config.sessionSecret, 'csrf:session:' + hashToken(token)) };
}
