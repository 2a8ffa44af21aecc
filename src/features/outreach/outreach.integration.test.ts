// Aller-vers end to end on PGlite and PostgreSQL. The households: one person, tenant (rent 400 €, no housing aid),
// 643 € of net earnings a month, nothing else. RSA = montant forfaitaire − ressources, paid when it reaches 6 €
// (the threshold of rules/solidarite/rsa.publicodes): in March 2026 the forfait is 646,52 € (décret n° 2025-293, from 1 April 2025), so
// 646,52 − 643 = 3,52 € < 6 €: nothing paid; from 1 April 2026 it is 651,69 € (décret n° 2026-220), so
// 651,69 − 643 = 8,69 €: paid. The April revaluation makes the RSA newly probable for each of them; the prime
// d'activité and the chèque énergie were already probable in March (found, and notified, then).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  type TestApp,
  demoUser,
  getPage,
  postForm,
  type TestUser,
} from '../../../test/helpers.ts';
import { applyChanges, type StoredFacts } from '../resident-file/facts.ts';
import { parametersFingerprint } from './fingerprint.ts';
import { reestimateResidents } from './reestimate.ts';
import { newResident } from '../../../test/factories.ts';

const situation = {
  commune: '46042',
  birthDate: '1985-01-01',
  couple: false,
  earnings: 643,
  replacementIncome: 0,
  student: false,
  pregnant: false,
  housingStatus: 'tenant',
  monthlyRent: 400,
  housingAid: 0,
  annualResources: 9000,
  referenceTaxIncome: 8000,
  children: [],
};

for (const kind of databaseKinds) {
  describe(`aller-vers on ${kind}`, () => {
    let t: TestApp;
    let helper: TestUser;
    const run = (today: string) =>
      reestimateResidents(t.db, {
        publicUrl: 'http://sans-couture.test',
        today,
        now: new Date(`${today}T01:00:00Z`),
        batchSize: 2,
      });

    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = await demoUser(t, 'aidant@demo.localhost');
    });
    afterAll(async () => {
      await t?.close();
    });

    /** A resident whose file holds the situation above, said on 1 March 2026. */
    async function residentWithSituation(
      name: string,
      at = new Date('2026-03-01T08:00:00Z'),
    ): Promise<TestUser> {
      const resident = await newResident(t, name);
      const facts: StoredFacts = applyChanges(
        {},
        situation,
        { actor: { id: resident.id, role: 'resident' }, via: 'resident' },
        at,
      );
      await t.db
        .insertInto('resident_files')
        .values({ user_id: resident.id, facts: JSON.stringify(facts), version: 1 })
        .execute();
      return resident;
    }

    /** The notifications queued for a resident (mail jobs), by subject and text. */
    async function notificationsOf(resident: TestUser) {
      const rows = await t.db
        .selectFrom('jobs')
        .select(['payload', 'idempotency_key'])
        .where('kind', '=', 'mail.send')
        .where('idempotency_key', 'like', `mail:outreach:${resident.id}:%`)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ key: r.idempotency_key, text: String(r.payload.text) }));
    }

    it('notifies each newly eligible consenting resident exactly once when the month’s parameters change, never one who declined, never one without consent', async () => {
      const consenting = await residentWithSituation('Alix Prévenue');
      const declining = await residentWithSituation('Béa Refus');
      const silent = await residentWithSituation('Cyril Sans Accord');
      const bySms = await residentWithSituation('Dani Texto');
      for (const resident of [consenting, declining])
        expect(
          (await postForm(t, resident, '/mon-dossier/nouvelles-aides', { accord: 'oui' })).statusCode,
        ).toBe(303);
      const refused = await postForm(t, bySms, '/mon-dossier/nouvelles-aides', {
        accord: 'oui',
        telephone: '12 34',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Indiquez un numéro de portable');
      expect(
        await t.db
          .selectFrom('outreach_consents')
          .select('user_id')
          .where('user_id', '=', bySms.id)
          .execute(),
      ).toEqual([]);
      await postForm(t, bySms, '/mon-dossier/nouvelles-aides', {
        accord: 'oui',
        telephone: '07 11 22 33 44',
      });
      // Béa says once and for all that she will not ask for the RSA.
      expect((await postForm(t, declining, '/mon-dossier/nouvelles-aides/rsa/refus', {})).statusCode).toBe(
        303,
      );

      // March: the prime d'activité and the chèque énergie are found (first estimation), one notification each.
      expect(parametersFingerprint('2026-03')).not.toBe(parametersFingerprint('2026-04'));
      const march = await run('2026-03-15');
      expect(march).toMatchObject({ estimated: 3, notified: 3 });
      for (const resident of [consenting, declining, bySms]) {
        const sent = await notificationsOf(resident);
        expect(sent).toHaveLength(1);
        expect(sent[0]!.text).toContain('Prime d’activité');
        expect(sent[0]!.text).not.toContain('Revenu de solidarité active');
      }
      expect(await notificationsOf(silent)).toEqual([]);

      // April: the new forfait makes the RSA newly probable: exactly one more notification each, none for Béa.
      const april = await run('2026-04-02');
      expect(april).toMatchObject({ residents: 3, estimated: 3, notified: 2 });
      const alix = await notificationsOf(consenting);
      expect(alix).toHaveLength(2);
      expect(alix[1]!.text).toContain('Revenu de solidarité active : 8,69');
      expect(alix[1]!.text).toMatch(/Montant garanti moins les ressources : 8,69\s€/);
      expect(alix[1]!.text).not.toContain('Prime d’activité');
      expect(alix[1]!.text).toContain('http://sans-couture.test/rendez-vous');
      expect(alix[1]!.text).toContain('http://sans-couture.test/mon-dossier/nouvelles-aides');
      expect(await notificationsOf(declining)).toHaveLength(1);
      expect(await notificationsOf(silent)).toEqual([]);
      const sms = await t.db
        .selectFrom('jobs')
        .select('payload')
        .where('kind', '=', 'sms.send')
        .where('idempotency_key', 'like', `sms:outreach:${bySms.id}:%`)
        .execute();
      expect(sms.map((s) => s.payload.to)).toEqual(['0711223344', '0711223344']);

      // The same night again, or the next with nothing changed: nobody is estimated, nobody notified.
      expect(await run('2026-04-03')).toMatchObject({ residents: 3, estimated: 0, notified: 0 });
      expect(await notificationsOf(consenting)).toHaveLength(2);

      // A file that changes is estimated again, alone: 650 € of earnings, and the RSA is no longer probable.
      const file = await t.db
        .selectFrom('resident_files')
        .select(['facts', 'version'])
        .where('user_id', '=', consenting.id)
        .executeTakeFirstOrThrow();
      const facts = applyChanges(
        file.facts,
        { earnings: 650 },
        { actor: { id: consenting.id, role: 'resident' }, via: 'resident' },
        new Date('2026-04-05T08:00:00Z'),
      );
      await t.db
        .updateTable('resident_files')
        .set({ facts: JSON.stringify(facts), version: file.version + 1 })
        .where('user_id', '=', consenting.id)
        .execute();
      expect(await run('2026-04-06')).toMatchObject({ estimated: 1, notified: 0 });
      const rsa = await t.db
        .selectFrom('outreach_rights')
        .select(['probable', 'notified_at'])
        .where('user_id', '=', consenting.id)
        .where('benefit_id', '=', 'rsa')
        .executeTakeFirstOrThrow();
      expect(rsa.probable).toBe(false);
      expect(rsa.notified_at).not.toBeNull();
    });

    it('lists consenting residents of the helper’s territory with probable unclaimed rights, records outcomes, respects a refusal and a withdrawn consent', async () => {
      const listed = await residentWithSituation('Eli Liste');
      const unlisted = await residentWithSituation('Fanny Sans Accord');
      await postForm(t, listed, '/mon-dossier/nouvelles-aides', { accord: 'oui' });
      await run('2026-04-02');
      const page = await getPage(t, helper, '/espace/aidant/aller-vers');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Eli Liste');
      expect(page.body).not.toContain('Fanny Sans Accord');
      expect(page.body).toContain(`action="/espace/aidant/aller-vers/${listed.id}/rsa"`);
      // Nobody without consent is in any list, whatever the table holds.
      expect(
        await t.db
          .selectFrom('outreach_rights')
          .select('user_id')
          .where('user_id', '=', unlisted.id)
          .execute(),
      ).toEqual([]);

      const wrong = await postForm(t, helper, `/espace/aidant/aller-vers/${listed.id}/rsa`, {
        issue: 'oublié',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('Choisissez ce qui s’est passé dans la liste.');
      expect(
        (await postForm(t, helper, `/espace/aidant/aller-vers/${listed.id}/rsa`, { issue: 'contacted' }))
          .statusCode,
      ).toBe(303);
      expect((await getPage(t, helper, '/espace/aidant/aller-vers')).body).toContain('État : Contacté');
      expect(
        (await postForm(t, helper, `/espace/aidant/aller-vers/${listed.id}/rsa`, { issue: 'declined' }))
          .statusCode,
      ).toBe(303);
      expect((await getPage(t, helper, '/espace/aidant/aller-vers')).body).not.toContain(
        `/aller-vers/${listed.id}/rsa"`,
      );
      // Declined is never asked again: with the earnings confirmed in June and a later change of parameters
      // (1 July 2026), the RSA is probable again, and not proposed anew.
      const file = await t.db
        .selectFrom('resident_files')
        .select(['facts', 'version'])
        .where('user_id', '=', listed.id)
        .executeTakeFirstOrThrow();
      const confirmed = applyChanges(
        file.facts,
        { earnings: 643, replacementIncome: 0, monthlyRent: 400, housingAid: 0 },
        { actor: { id: listed.id, role: 'resident' }, via: 'resident' },
        new Date('2026-06-15T08:00:00Z'),
      );
      await t.db
        .updateTable('resident_files')
        .set({ facts: JSON.stringify(confirmed), version: file.version + 1 })
        .where('user_id', '=', listed.id)
        .execute();
      const before = await t.db
        .selectFrom('jobs')
        .select('id')
        .where('idempotency_key', 'like', `mail:outreach:${listed.id}:%`)
        .execute();
      await run('2026-07-02');
      const after = await t.db
        .selectFrom('jobs')
        .select('id')
        .where('idempotency_key', 'like', `mail:outreach:${listed.id}:%`)
        .execute();
      expect(after).toHaveLength(before.length);
      expect(
        await t.db
          .selectFrom('outreach_rights')
          .select(['probable', 'outcome'])
          .where('user_id', '=', listed.id)
          .where('benefit_id', '=', 'rsa')
          .executeTakeFirstOrThrow(),
      ).toEqual({ probable: true, outcome: 'declined' });
      expect((await getPage(t, listed, '/mon-dossier/nouvelles-aides')).body).toContain(
        'Vous ne souhaitez pas demander : Revenu de solidarité active',
      );

      // A resident never sees the helpers' list.
      expect((await getPage(t, listed, '/espace/aidant/aller-vers')).statusCode).toBe(403);
      // The consent withdrawn: off every list at once, the refusal kept.
      expect((await postForm(t, listed, '/mon-dossier/nouvelles-aides/retrait', {})).statusCode).toBe(303);
      expect((await getPage(t, helper, '/espace/aidant/aller-vers')).body).not.toContain('Eli Liste');
      const rows = await t.db
        .selectFrom('outreach_rights')
        .select(['benefit_id', 'outcome'])
        .where('user_id', '=', listed.id)
        .execute();
      expect(rows).toEqual([{ benefit_id: 'rsa', outcome: 'declined' }]);
    });

    it('shows the resident the rights their file makes probable with the plan’s explanation, and runs as a nightly durable job', async () => {
      // Said today: what the page estimates is this month's rights.
      const resident = await residentWithSituation('Gaby Page', new Date());
      const page = await getPage(t, resident, '/mon-dossier/nouvelles-aides');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('data-consent="non"');
      expect(page.body).toContain('Pourquoi ce montant ?');
      expect(page.body).toContain('Prime d’activité');
      expect(page.body).toContain('href="/rendez-vous"');
      expect(page.body).toContain(`action="/mon-dossier/nouvelles-aides/prime-activite/aidant"`);
      const asked = await postForm(t, resident, '/mon-dossier/nouvelles-aides/prime-activite/aidant', {
        lieu: 'france-services-catus',
        accord: 'oui',
      });
      expect(asked.statusCode).toBe(303);
      const request = await t.db
        .selectFrom('file_requests')
        .select(['life_event', 'message'])
        .where('user_id', '=', resident.id)
        .executeTakeFirstOrThrow();
      expect(request).toEqual({
        life_event: 'other',
        message:
          'Je voudrais de l’aide pour demander : Prime d’activité (aide probable d’après mon dossier).',
      });

      const runsBefore = await t.db.selectFrom('outreach_runs').select('id').execute();
      const now = new Date();
      await t.app.jobs.tick(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2)));
      const runs = await t.db
        .selectFrom('outreach_runs')
        .select(['month', 'finished_at'])
        .orderBy('id')
        .execute();
      expect(runs.length).toBe(runsBefore.length + 1);
      expect(runs.at(-1)!.finished_at).not.toBeNull();
    });
  });
}
