// The authorisation matrix, generated from the route table: every route × anonymous and the seven roles
// (demo accounts), checked against the access written once per route in access-table.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sessionCookieFor, type TestApp } from '../helpers.ts';
import { anonymousForm, buildAppWithRoutes, routeKind, sessionForm, type RouteInfo } from './route-table.ts';
import {
  expectations,
  matrixActors,
  otherOrganisationActors,
  type MatrixActor,
  type RouteExpectation,
} from './access-table.ts';

let t: TestApp;
let routes: RouteInfo[];
const forms = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  ({ t, routes } = await buildAppWithRoutes());
  for (const actor of [...matrixActors, ...otherOrganisationActors]) {
    forms.set(
      actor.email ?? 'anonymous',
      actor.email ? sessionForm(t.config, await sessionCookieFor(t, actor.email)) : anonymousForm(t.config),
    );
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
});

/** Sends the request an actor would send to a route, with a valid CSRF token for forms. */
async function call(
  route: RouteInfo,
  expectation: RouteExpectation,
  actor: MatrixActor,
  url: string,
  remoteAddress?: string,
): Promise<LightMyRequestResponse> {
  const { cookie, csrf } = forms.get(actor.email ?? 'anonymous')!;
  const kind = routeKind(route);
  const headers: Record<string, string> = { cookie };
  if (route.method === 'GET' || route.method === 'DELETE') {
    return t.app.inject({ method: route.method, url, headers, ...(remoteAddress ? { remoteAddress } : {}) });
  }
  if (kind === 'api') {
    return t.app.inject({
      method: route.method as 'POST',
      url,
      headers,
      payload: expectation.body ?? {},
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  }
  const form = new URLSearchParams({
    ...Object.fromEntries(Object.entries(expectation.body ?? {}).map(([k, v]) => [k, String(v)])),
    _csrf: csrf,
  });
  return t.app.inject({
    method: route.method as 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

/** True when the answer refuses an anonymous visitor: 401, or a redirect to the login page. */
function refusesAnonymous(response: LightMyRequestResponse): boolean {
  if (response.statusCode === 401) return true;
  return (
    [302, 303].includes(response.statusCode) &&
    String(response.headers.location ?? '').startsWith('/connexion')
  );
}

/** True when the answer refuses a connected user: 403, or 404 (the resource is not disclosed). */
function refusesUser(response: LightMyRequestResponse): boolean {
  return response.statusCode === 403 || response.statusCode === 404;
}

describe('authorisation matrix', () => {
  it('finds the routes of every feature in the route table', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => r.key)).toContain('GET /api/v1/places');
  });

  it('has an expected access written for every route (declare new routes in test/harness/access-table.ts)', () => {
    const missing = routes.filter((r) => routeKind(r) !== 'static' && !expectations[r.key]).map((r) => r.key);
    expect(missing).toEqual([]);
    const stale = Object.keys(expectations).filter((key) => !routes.some((r) => r.key === key));
    expect(stale).toEqual([]);
  });

  it('never declares a personal route open to anonymous visitors', () => {
    for (const [key, e] of Object.entries(expectations)) {
      if (e.personal) expect(e.access.kind, key).toBe('roles');
    }
  });

  it('answers every route as declared, for anonymous visitors and each of the seven roles', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const expectation = expectations[route.key];
      if (!expectation || routeKind(route) === 'static') continue;
      const url = expectation.sample ?? route.url;
      for (const actor of matrixActors) {
        const response = await call(route, expectation, actor, url);
        // A form may end the session (logout): every actor starts each route with a live one.
        if (route.method !== 'GET' && actor.email)
          forms.set(actor.email, sessionForm(t.config, await sessionCookieFor(t, actor.email)));
        const status = response.statusCode;
        const where = `${route.key} as ${actor.role}: ${status}`;
        if (status >= 500) {
          failures.push(`${where} (server error)`);
          continue;
        }
        const access = expectation.access;
        const answers = (s: number) => s < 400 || (expectation.answers ?? []).includes(s);
        if (access.kind === 'public' || access.kind === 'loopback') {
          // Loopback routes are open here (inject comes from 127.0.0.1); the remote case is checked below.
          if (status === 401 || status === 403) failures.push(`${where} (should be open)`);
          if (route.method === 'GET' && !answers(status))
            failures.push(`${where} (public page should answer)`);
        } else if (actor.role === 'anonymous') {
          if (!refusesAnonymous(response)) failures.push(`${where} (anonymous should be refused)`);
        } else if (access.roles.includes(actor.role)) {
          if (status === 401 || status === 403) failures.push(`${where} (role should be allowed)`);
          if (route.method === 'GET' && !answers(status))
            failures.push(`${where} (allowed page should answer)`);
        } else if (!refusesUser(response)) {
          failures.push(`${where} (role should be refused)`);
        }
        if (expectation.personal && actor.role === 'anonymous' && status < 300)
          failures.push(`${where} (personal data to anonymous)`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses a resource of one organisation to the agents of another, whatever their role allows', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const expectation = expectations[route.key];
      if (!expectation?.organisationScoped || expectation.access.kind !== 'roles') continue;
      for (const actor of otherOrganisationActors) {
        const response = await call(route, expectation, actor, expectation.sample ?? route.url);
        checked++;
        if (!refusesUser(response))
          failures.push(`${route.key} as ${actor.role} of another organisation: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('opens operator routes to remote clients only with the bearer token, never with a session', async () => {
    for (const route of routes) {
      const expectation = expectations[route.key];
      if (expectation?.access.kind !== 'loopback') continue;
      for (const actor of matrixActors) {
        const response = await call(
          route,
          expectation,
          actor,
          expectation.sample ?? route.url,
          '203.0.113.7',
        );
        expect(response.statusCode, `${route.key} as ${actor.role}`).toBe(403);
      }
    }
  });
});
