// The resident's commune on a shared case, on PGlite and PostgreSQL: chosen on the opening form among the territory's
// communes (an unknown code is refused beside the field, nothing stored), shown on the case page, journaled with the
// case. The indicators by commune and EPCI: src/features/pilotage/cases-by-commune.integration.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  multipartBody,
  sessionCookieFor,
  type TestApp,
} from '../../../test/helpers.ts';
import { openCaseThroughForm, validCaseFields } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`the resident's commune on a case, on ${kind}`, () => {
    let t: TestApp;
    let helper: string;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = await sessionCookieFor(t, 'aidant@demo.localhost');
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    async function postCase(extra: [string, string][]) {
      const { csrf } = await formContext(t, '/dossiers/nouveau', helper);
      const body = multipartBody([...(await validCaseFields(t, csrf)), ...extra]);
      return t.app.inject({
        method: 'POST',
        url: '/dossiers',
        payload: body.payload,
        headers: { ...body.headers, cookie: helper },
      });
    }

    it('offers the territory’s communes on the opening form and refuses any other code beside the field, storing nothing', async () => {
      const form = await t.app.inject({ url: '/dossiers/nouveau', headers: { cookie: helper } });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('Commune de l’usager (facultatif)');
      expect(form.body).toMatch(/<option value="46148"[^>]*>Lalbenque<\/option>/);
      // Figeac is a real commune, of another territory: not offered, and refused when sent anyway.
      expect(form.body).not.toContain('value="46102"');
      const before = await t.db.selectFrom('cases').select('id').execute();
      for (const code of ['46102', '99999', 'Cahors']) {
        const refused = await postCase([['commune', code]]);
        expect(refused.statusCode, code).toBe(400);
        expect(refused.body).toMatch(
          /<p class="fr-error-text" id="commune-error">Cette commune n’est pas une commune du territoire : choisissez-la dans la liste, ou laissez le champ vide\.<\/p>/,
        );
        // The rest of what the helper typed is kept.
        expect(refused.body).toContain('value="Jeanne"');
      }
      expect(await t.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
    });

    it('stores the chosen commune, shows it on the case page, and journals the case’s opening and reading', async () => {
      const id = await openCaseThroughForm(t, ['caf-lot'], [], { commune: '46148' });
      const row = await t.db
        .selectFrom('cases')
        .select('resident_commune')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.resident_commune).toBe('46148');
      const page = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helper } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/<dt>Commune<\/dt><dd>Lalbenque \(46148\)<\/dd>/);
      const journal = await t.db
        .selectFrom('audit_journal')
        .select(['action', 'reason'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', id)
        .execute();
      expect(journal).toEqual(
        expect.arrayContaining([
          { action: 'create', reason: 'ouverture de la saisine' },
          { action: 'read', reason: 'consultation du dossier' },
        ]),
      );
      // Left empty, it is not said: stored as null, and the page shows no commune.
      const unsaid = await openCaseThroughForm(t, ['caf-lot'], [], { commune: '' });
      const unsaidRow = await t.db
        .selectFrom('cases')
        .select('resident_commune')
        .where('id', '=', unsaid)
        .executeTakeFirstOrThrow();
      expect(unsaidRow.resident_commune).toBeNull();
      const unsaidPage = await t.app.inject({ url: `/dossiers/${unsaid}`, headers: { cookie: helper } });
      expect(unsaidPage.body).not.toContain('<dt>Commune</dt>');
    });
  });
}
