// Sessions and CSRF, over the whole route table: every form route refuses a post without its CSRF token,
// with a wrong one, or with another visitor's, with a French 403 page and nothing written; cookies carry
// their flags. Magic-link replay, expiry, foreign tokens, session fixation, the session cookie's flags and
// the login rate limits are tested by the accounts feature (src/features/accounts/login.integration.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sessionCookieFor, type TestApp } from '../helpers.ts';
import { tableFingerprints } from '../../src/platform/backup.ts';
import { anonymousForm, buildAppWithRoutes, routeKind, sessionForm, type RouteInfo } from './route-table.ts';
import { expectations, matrixActors } from './access-table.ts';

let t: TestApp;
let routes: RouteInfo[];
const forms = new Map<string, { cookie: string; csrf: string }>();

beforeAll(async () => {
  ({ t, routes } = await buildAppWithRoutes());
  for (const actor of matrixActors) {
    forms.set(
      actor.role,
      actor.email ? sessionForm(t.config, await sessionCookieFor(t, actor.email)) : anonymousForm(t.config),
    );
  }
}, 300_000);
afterAll(async () => {
  await t?.close();
});

function expectCsrfRefusal(response: LightMyRequestResponse, context: string): void {
  // A route's own rate limit may refuse first (429): refused all the same, nothing written.
  if (response.statusCode === 429) return;
  expect(response.statusCode, `${context}: ${response.body.slice(0, 200)}`).toBe(403);
  expect(String(response.headers['content-type']), context).toContain('text/html');
  expect(response.body, context).toContain('Formulaire expiré ou invalide');
  expect(response.body, context).toContain('lang="fr"');
}

describe('CSRF on every form route', () => {
  it('finds the form routes in the route table', () => {
    expect(routes.filter((r) => routeKind(r) === 'form').length).toBeGreaterThan(0);
  });

  it('refuses a post without a token, with a wrong one, or with another visitor’s, and writes nothing', async () => {
    const before = await tableFingerprints(t.db);
    const other = anonymousForm({ ...t.config, sessionSecret: t.config.sessionSecret });
    const strangerCsrf = forms.get('admin')!.csrf;
    let checked = 0;
    for (const route of routes.filter((r) => routeKind(r) === 'form')) {
      const access = expectations[route.key]?.access;
      const actor = forms.get(access?.kind === 'roles' ? access.roles[0]! : 'anonymous')!;
      const url = expectations[route.key]?.sample ?? route.url;
      const body = Object.fromEntries(
        Object.entries(expectations[route.key]?.body ?? {}).map(([k, v]) => [k, String(v)]),
      );
      const method = route.method as 'POST';
      const formHeaders = { cookie: actor.cookie, 'content-type': 'application/x-www-form-urlencoded' };
      const attempts: [string, Promise<LightMyRequestResponse>][] = [
        [
          'no token',
          t.app.inject({ method, url, headers: formHeaders, payload: new URLSearchParams(body).toString() }),
        ],
        [
          'wrong token',
          t.app.inject({
            method,
            url,
            headers: formHeaders,
            payload: new URLSearchParams({ ...body, _csrf: 'x'.repeat(43) }).toString(),
          }),
        ],
        [
          'empty token',
          t.app.inject({
            method,
            url,
            headers: formHeaders,
            payload: new URLSearchParams({ ...body, _csrf: '' }).toString(),
          }),
        ],
        [
          'another visitor’s token',
          t.app.inject({
            method,
            url,
            headers: formHeaders,
            payload: new URLSearchParams({
              ...body,
              _csrf: actor === forms.get('admin') ? other.csrf : strangerCsrf,
            }).toString(),
          }),
        ],
        [
          'wrong header token',
          t.app.inject({
            method,
            url,
            headers: { ...formHeaders, 'x-csrf-token': 'faux' },
            payload: new URLSearchParams(body).toString(),
          }),
        ],
        [
          'JSON body without token',
          t.app.inject({ method, url, headers: { cookie: actor.cookie }, payload: body }),
        ],
        [
          'token without its cookie',
          t.app.inject({
            method,
            url,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: new URLSearchParams({ ...body, _csrf: actor.csrf }).toString(),
          }),
        ],
      ];
      for (const [what, pending] of attempts) {
        const response = await pending;
        const requiresToken = (
          (route.schema as { body?: { required?: string[] } } | undefined)?.body?.required ?? []
        ).includes('_csrf');
        if (
          requiresToken &&
          ['no token', 'JSON body without token', 'wrong header token'].includes(what) &&
          response.statusCode === 400
        ) {
          // The route's schema requires the token: refused before the CSRF check, by the validation.
          expect(response.body, `${route.key} ${what}`).toContain('lang="fr"');
        } else if (what === 'token without its cookie' && access?.kind === 'roles') {
          // Without the session cookie the visitor is anonymous: refused by login or by CSRF, never served.
          expect([401, 403, 303, 302], `${route.key} ${what}`).toContain(response.statusCode);
        } else {
          expectCsrfRefusal(response, `${route.key} ${what}`);
        }
        checked++;
      }
      // A multipart post is checked by the route itself (assertCsrf), or refused by the route's body schema
      // or content type: never served.
      const multipart = await t.app.inject({
        method,
        url,
        headers: { cookie: actor.cookie, 'content-type': 'multipart/form-data; boundary=harness' },
        payload:
          '--harness\r\nContent-Disposition: form-data; name="fichier"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nemail\r\nx@y.localhost\r\n--harness--\r\n',
      });
      expect([400, 403, 415, 429], `${route.key} multipart without token: ${multipart.statusCode}`).toContain(
        multipart.statusCode,
      );
    }
    expect(checked).toBeGreaterThan(0);
    expect(await tableFingerprints(t.db)).toEqual(before);
  }, 300_000);
});

describe('cookies', () => {
  it('gives anonymous visitors an HttpOnly, SameSite=Lax cookie for their CSRF binding, not Secure on plain HTTP', async () => {
    const response = await t.app.inject('/');
    const anon = response.cookies.find((c) => c.name === 'sc_anon');
    expect(anon).toBeDefined();
    expect(anon!.httpOnly).toBe(true);
    expect(anon!.sameSite).toBe('Lax');
    expect(anon!.path).toBe('/');
    expect(anon!.secure).toBeFalsy();
    expect(anon!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('marks every cookie Secure behind HTTPS, and clears an unknown session cookie', async () => {
    const secure = await buildAppWithRoutes({
      config: { publicUrl: 'https://sans-couture.example.gouv.fr' },
    });
    try {
      const response = await secure.t.app.inject({ url: '/', headers: { cookie: 'sc_session=inconnu' } });
      expect(response.statusCode).toBe(200);
      for (const name of ['sc_anon', 'sc_session']) {
        const cookie = response.cookies.find((c) => c.name === name);
        expect(cookie, name).toBeDefined();
        expect(cookie!.secure, name).toBe(true);
        expect(cookie!.httpOnly, name).toBe(true);
        expect(cookie!.sameSite, name).toBe('Lax');
      }
      expect(response.cookies.find((c) => c.name === 'sc_session')!.value).toBe('');
    } finally {
      await secure.t.close();
    }
  });

  it('never shows a page of a connected user to a visitor with a forged or expired session cookie', async () => {
    const forged = await t.app.inject({
      url: '/espace/admin',
      headers: { cookie: 'sc_session=' + 'A'.repeat(43) },
    });
    expect([401, 303, 302]).toContain(forged.statusCode);
  });
});
