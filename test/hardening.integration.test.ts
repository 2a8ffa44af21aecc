// What an outside probe found (issue 13), on both databases: a deeply nested or oversized JSON body refused
// before it is parsed, a plan for 9999-12-31 refused on its field instead of a 500, a case message of 9,000 "€"
// stored whole, and account lists never kept in a cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  type TestApp,
  multipartBody,
} from './helpers.ts';
import { openCaseThroughForm } from './factories.ts';

for (const kind of databaseKinds) {
  describe(`hardening, on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const plan = {
      month: '2026-05',
      commune: '46042',
      household: {
        couple: false,
        members: [{ role: 'applicant', birthDate: '1990-04-12', monthlyNetEarnings: 0 }],
      },
      lifeEvent: 'birth',
      eventDate: '2026-06-01',
    };
    const postJson = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/plans',
        payload,
        headers: { 'content-type': 'application/json' },
      });

    it('refuses a JSON body nested too deep or too large before parsing it, naming the body', async () => {
      // 20,000 nested arrays (40 KB): parsing such bodies stalled the server; the limit is 16 levels.
      const nested = await postJson(`{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
      expect(nested.statusCode).toBe(400);
      expect(nested.headers['content-type']).toContain('application/problem+json');
      expect(nested.json().errors[0].field).toBe('(corps)');
      // A megabyte of JSON, whatever its shape.
      const large = await postJson(JSON.stringify({ ...plan, padding: 'x'.repeat(1_000_000) }));
      expect(large.statusCode).toBe(413);
      expect(large.headers['content-type']).toContain('application/problem+json');
    });

    it('answers a plan for 9999-12-31 with a 400 naming eventDate, not a 500', async () => {
      const response = await postJson(JSON.stringify({ ...plan, eventDate: '9999-12-31' }));
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain('eventDate');
    });

    it('stores a case message of 9,000 "€" (27 KB) whole, without replacement characters', async () => {
      const id = await openCaseThroughForm(t, ['caf-lot']);
      const cookie = await sessionCookieFor(t, 'caf@demo.localhost');
      const { csrf } = await formContext(t, `/dossiers/${id}`, cookie);
      const text = '€'.repeat(9000);
      const body = multipartBody([
        ['_csrf', csrf],
        ['type', 'answer'],
        ['texte', text],
      ]);
      const response = await t.app.inject({
        method: 'POST',
        url: `/dossiers/${id}/messages`,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
      expect(response.statusCode).toBe(303);
      const stored = await t.db
        .selectFrom('case_messages')
        .select('body')
        .where('case_id', '=', id)
        .where('kind', '=', 'answer')
        .executeTakeFirstOrThrow();
      expect(stored.body).toBe(text);
    });

    it('keeps the administrators’ list of accounts out of every cache', async () => {
      const response = await t.app.inject({
        url: '/espace/admin/utilisateurs',
        headers: { cookie: await sessionCookieFor(t, 'admin@demo.localhost') },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    });
  });
}
