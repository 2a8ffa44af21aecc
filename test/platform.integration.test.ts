// The platform on a real database: health, errors, OpenAPI, security headers, seed, audit journal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, databaseKinds, type TestApp } from './helpers.ts';
import { journal, withPersonalData } from '../src/platform/audit.ts';
import { applyTerritorySeed, readTerritorySeed, territorySeedFiles } from '../src/features/territory/seed.ts';

for (const kind of databaseKinds) {
  describe(`platform on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('answers /healthz 200 when the database answers', async () => {
      const response = await t.app.inject('/healthz');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok' });
    });

    it('seeds the bassin de vie of Cahors: 59 communes with official names, postal codes and populations', async () => {
      const communes = await t.db
        .selectFrom('territory_communes')
        .where('territory_id', '=', 'cahors')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(communes.n).toBe(59);
      const cahors = await t.db
        .selectFrom('communes')
        .selectAll()
        .where('insee_code', '=', '46042')
        .executeTakeFirstOrThrow();
      expect(cahors.name).toBe('Cahors');
      expect(cahors.postal_codes).toEqual(['46000']);
      expect(cahors.population).toBeGreaterThan(19000);
      expect(cahors.epci_code).toBe('200023737');
    });

    it('seeds the partner organisations, the places and the services given at France Services', async () => {
      const kinds = (await t.db.selectFrom('organisations').select('kind').execute())
        .map((o) => o.kind)
        .sort();
      for (const k of [
        'caf',
        'cpam',
        'msa',
        'france-travail',
        'dgfip',
        'urssaf',
        'carsat',
        'prefecture',
        'departement',
        'mdph',
        'mairie',
        'ccas',
        'france-services',
      ]) {
        expect(kinds).toContain(k);
      }
      const mairie = await t.db
        .selectFrom('places')
        .selectAll()
        .where('slug', '=', 'mairie-cahors')
        .executeTakeFirstOrThrow();
      expect(mairie.address_line).toBe('73 boulevard Gambetta');
      // No place lacks an address any more: the CAF, whose office is not in the open data, is reached through
      // the France Services sites (the network's partners, circular of 1 July 2019) and by phone.
      const withoutAddress = await t.db
        .selectFrom('places')
        .select('slug')
        .where('address_line', 'is', null)
        .execute();
      expect(withoutAddress).toEqual([]);
      const cafAt = await t.db
        .selectFrom('services')
        .innerJoin('service_places', 'service_places.service_id', 'services.id')
        .innerJoin('places', 'places.id', 'service_places.place_id')
        .select('places.slug')
        .where('services.slug', '=', 'caf-prestations')
        .execute();
      expect(cafAt.map((p) => p.slug)).toContain('france-services-catus');
      const cahors = await t.db
        .selectFrom('communes')
        .select(['latitude', 'longitude'])
        .where('insee_code', '=', '46042')
        .executeTakeFirstOrThrow();
      expect(cahors.latitude).toBeCloseTo(44.45, 2);
      expect(cahors.longitude).toBeCloseTo(1.44, 2);
      const fs = await t.db
        .selectFrom('places')
        .select('slug')
        .where('kind', 'like', 'france-services%')
        .where('territory_id', '=', 'cahors')
        .execute();
      expect(fs.map((p) => p.slug).sort()).toEqual([
        'bus-france-services-grand-cahors',
        'france-services-catus',
        'france-services-lalbenque',
        'france-services-saint-gery-vers',
      ]);
    });

    it('re-applies the seed without duplicating anything', async () => {
      const before = await t.db
        .selectFrom('places')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      for (const file of territorySeedFiles()) await applyTerritorySeed(t.db, readTerritorySeed(file));
      const after = await t.db
        .selectFrom('places')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('answers an unknown API URL with a French problem+json', async () => {
      const response = await t.app.inject('/api/v1/inconnu');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        type: expect.stringContaining('not-found'),
        title: 'Page ou ressource introuvable',
        status: 404,
      });
    });

    it('names the bad field of an API call', async () => {
      const response = await t.app.inject('/api/v1/places?territory=%3Cscript%3E&extra=1');
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body.type).toContain('validation');
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'territory']);
    });

    it('serves a DSFR 404 page in French for an unknown page', async () => {
      const response = await t.app.inject('/nulle-part');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Page ou ressource introuvable');
      expect(response.body).toContain('lang="fr"');
    });

    it('sets a strict CSP without inline script, and request ids', async () => {
      const response = await t.app.inject('/');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['x-request-id']).toBeTruthy();
      expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it('sets the same security headers on pages, API answers, problems and 404s', async () => {
      const answers = [
        await t.app.inject('/'),
        await t.app.inject('/nulle-part'),
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/estimations',
          payload: { month: '2025-05', household: { members: [{ role: 'applicant' }] } },
        }),
        await t.app.inject({ method: 'POST', url: '/api/v1/estimations', payload: { month: 'demain' } }),
      ];
      expect(answers.map((r) => r.statusCode)).toEqual([200, 404, 200, 400]);
      for (const response of answers) {
        expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('describes the API in OpenAPI 3.1', async () => {
      const response = await t.app.inject('/api/v1/openapi.json');
      expect(response.statusCode).toBe(200);
      const doc = response.json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toContain('/api/v1/places');
    });

    it('exposes Prometheus metrics', async () => {
      await t.app.inject('/');
      const response = await t.app.inject('/metrics');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('sans_couture_http_requests_total');
    });

    it('serves only the DSFR files pages need, never the source maps', async () => {
      const css = await t.app.inject('/dsfr/1.15.3/dsfr.min.css');
      expect(css.statusCode).toBe(200);
      expect(css.headers['cache-control']).toContain('immutable');
      expect((await t.app.inject('/dsfr/1.15.3/dsfr.min.css.map')).statusCode).toBe(404);
      expect((await t.app.inject('/dsfr/1.15.3/../../package.json')).statusCode).toBe(404);
    });

    it('journals an access together with the work, and refuses to change the journal', async () => {
      const actor = await t.db
        .selectFrom('users')
        .select(['id', 'role'])
        .where('email', '=', 'aidant@demo.localhost')
        .executeTakeFirstOrThrow();
      await withPersonalData(
        t.db,
        {
          actor: { id: actor.id, role: 'helper' },
          action: 'read',
          subjectType: 'user',
          subjectId: actor.id,
          reason: 'test',
        },
        async () => 1,
      );
      const rows = await t.db
        .selectFrom('audit_journal')
        .selectAll()
        .where('actor_id', '=', actor.id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'read', subject_type: 'user', reason: 'test' });
      await expect(t.db.updateTable('audit_journal').set({ reason: 'effacé' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.deleteFrom('audit_journal').execute()).rejects.toThrow(/append-only/);
      // A failed piece of work leaves no journal row behind, and the journal row never exists without the work.
      await expect(
        withPersonalData(
          t.db,
          { actor: null, action: 'update', subjectType: 'user', subjectId: 'x', reason: 'échec' },
          async () => {
            throw new Error('boom');
          },
        ),
      ).rejects.toThrow('boom');
      expect(
        await t.db.selectFrom('audit_journal').selectAll().where('reason', '=', 'échec').execute(),
      ).toHaveLength(0);
      await journal(t.db, {
        actor: null,
        action: 'read',
        subjectType: 'case',
        subjectId: '1',
        reason: 'direct',
      });
    });
  });
}
