// Mandates end to end on PGlite and PostgreSQL, at parity with Aidants Connect: scopes and a duration of one day
// to twelve months, given at the counter (code by mail or SMS — three wrong codes lock it —, or a signed printed
// mandate) or from the account; the helper sees only what the scopes open; each action under the mandate is in
// the resident's journal with who, when and why; a revoked or expired mandate is refused at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  testConfig,
  type TestApp,
  multipartBody,
  samplePdf,
  demoUser,
  factsOf,
  fileJournalOf,
  getPage,
  postForm,
  type TestUser,
} from '../../../test/helpers.ts';
import { addDays, addMonths, todayInParis } from '../../platform/dates.ts';
import { newResident } from '../../../test/factories.ts';

const today = todayInParis();

for (const kind of databaseKinds) {
  describe(`mandates on ${kind}`, () => {
    let t: TestApp;
    let helper: TestUser;
    beforeAll(async () => {
      // A real local SMTP server receives the codes sent by mail.
      t = await buildTestApp({ kind, config: { devMailbox: true, smtp: { ...testConfig().smtp, port: 0 } } });
      helper = await demoUser(t, 'aidant@demo.localhost');
    });
    afterAll(async () => {
      await t?.close();
    });

    async function residentWithFile(): Promise<TestUser> {
      const resident = await newResident(t, 'Camille Mandante');
      const saved = await postForm(t, resident, '/mon-dossier/situation', {
        version: '0',
        commune: '46042',
        couple: 'non',
        child1: '2020-02-02',
        earnings: '900',
        annualResources: '15000',
        disabilityPercent: '60',
      });
      expect(saved.statusCode).toBe(303);
      return resident;
    }

    const mandatesOf = (userId: string) =>
      t.db.selectFrom('mandates').selectAll().where('user_id', '=', userId).execute();

    async function propose(resident: TestUser, fields: Record<string, string | string[]>) {
      return postForm(t, helper, '/espace/aidant/mandats', { usager: resident.email, ...fields });
    }

    async function codeFor(resident: TestUser): Promise<string> {
      const mail = await t.app.devMailbox!.waitFor(
        (m) => m.to.includes(resident.email) && m.subject === 'Votre code de confirmation de mandat',
      );
      return /code pour confirmer le mandat donné à votre aidant : (\d{6})/.exec(mail.text)![1]!;
    }

    it('refuses a mandate without scope, over twelve months, or for an address without account, and stores nothing', async () => {
      const resident = await residentWithFile();
      const noScope = await propose(resident, { duree: '3m', confirmation: 'email-code' });
      expect(noScope.statusCode).toBe(400);
      expect(noScope.body).toContain('Choisissez au moins une démarche couverte par le mandat.');
      const tooLong = await propose(resident, {
        demarches: 'famille',
        duree: '13m',
        confirmation: 'email-code',
      });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.body).toContain('La durée d’un mandat va d’un jour à douze mois');
      const stranger = await postForm(t, helper, '/espace/aidant/mandats', {
        usager: 'personne@exemple.localhost',
        demarches: 'famille',
        duree: '3m',
        confirmation: 'email-code',
      });
      expect(stranger.statusCode).toBe(400);
      expect(stranger.body).toContain('Aucun compte usager pour cette adresse');
      const noPhone = await propose(resident, {
        demarches: 'famille',
        duree: '3m',
        confirmation: 'sms-code',
        telephone: '12',
      });
      expect(noPhone.body).toContain('Indiquez le numéro de portable de l’usager');
      expect(await mandatesOf(resident.id)).toEqual([]);
      // From the account too.
      const fromAccount = await postForm(t, resident, '/mon-dossier/mandats', { duree: '24m' });
      expect(fromAccount.statusCode).toBe(400);
      expect(fromAccount.body).toContain('Choisissez au moins une démarche couverte par le mandat.');
      expect(fromAccount.body).toContain('La durée d’un mandat va d’un jour à douze mois');
      expect(fromAccount.body).toContain('Choisissez l’organisme de votre aidant dans la liste.');
      expect(await mandatesOf(resident.id)).toEqual([]);
    });

    it('locks a mandate after three wrong codes, for good', async () => {
      const resident = await residentWithFile();
      const proposed = await propose(resident, {
        demarches: 'famille',
        duree: '3m',
        confirmation: 'email-code',
      });
      expect(proposed.statusCode).toBe(303);
      const url = String(proposed.headers.location);
      const code = await codeFor(resident);
      const wrong = code === '000000' ? '111111' : '000000';
      const first = await postForm(t, helper, `${url}/code`, { code: wrong });
      expect(first.statusCode).toBe(400);
      expect(first.body).toContain('Il reste 2 essais avant que le mandat soit bloqué.');
      const second = await postForm(t, helper, `${url}/code`, { code: wrong });
      expect(second.body).toContain('Il reste 1 essai avant que le mandat soit bloqué.');
      const third = await postForm(t, helper, `${url}/code`, { code: wrong });
      expect(third.body).toContain('Trois codes faux : ce mandat est bloqué.');
      // The right code no longer opens anything.
      const late = await postForm(t, helper, `${url}/code`, { code });
      expect(late.body).toContain('Ce mandat est bloqué après trois codes faux.');
      const [mandate] = await mandatesOf(resident.id);
      expect(mandate).toMatchObject({ status: 'locked', code_attempts: 3, code_hash: null });
      expect((await getPage(t, helper, `${url}/situation`)).statusCode).toBe(403);
    });

    it('gives a 3-month "famille" mandate confirmed by SMS code; the helper sees only the family facts, the resident sees who, when and why; revocation refuses at once', async () => {
      const resident = await residentWithFile();
      const proposed = await propose(resident, {
        demarches: 'famille',
        duree: '3m',
        confirmation: 'sms-code',
        telephone: '06 12 34 56 78',
      });
      expect(proposed.statusCode).toBe(303);
      const url = String(proposed.headers.location);
      const sms = t.app.devSms!.for('0612345678').at(-1)!;
      const code = /(\d{6})/.exec(sms.text)![1]!;
      // Before the code, the mandate opens nothing.
      const pending = await getPage(t, helper, url);
      expect(pending.body).toContain('Code lu par l’usager');
      expect((await getPage(t, helper, `${url}/situation`)).statusCode).toBe(403);
      const confirmed = await postForm(t, helper, `${url}/code`, { code });
      expect(confirmed.statusCode).toBe(303);
      const [mandate] = await mandatesOf(resident.id);
      expect(mandate).toMatchObject({
        status: 'active',
        scopes: ['famille'],
        starts_on: today,
        ends_on: addMonths(today, 3),
        given_via: 'sms-code',
      });

      const file = await getPage(t, helper, url);
      expect(file.statusCode).toBe(200);
      expect(file.body).toContain('Dossier de Camille Mandante');
      expect(file.body).toContain('data-fact="children"');
      expect(file.body).toContain('data-fact="annualResources"');
      // The disability rate serves no family procedure: the mandate does not open it.
      expect(file.body).not.toContain('data-fact="disabilityPercent"');

      // The helper completes the situation under the mandate; what the scope does not open is not touched.
      const form = await getPage(t, helper, `${url}/situation`);
      expect(form.body).not.toContain('name="disabilityPercent"');
      const { version } = await factsOf(t, resident.id);
      const saved = await postForm(t, helper, `${url}/situation`, {
        version: String(version),
        commune: '46042',
        couple: 'oui',
        child1: '2020-02-02',
        annualResources: '16000',
        disabilityPercent: '10',
      });
      expect(saved.statusCode).toBe(303);
      const after = await factsOf(t, resident.id);
      expect(after.facts.couple).toMatchObject({
        v: true,
        by: helper.id,
        role: 'helper',
        via: 'mandate',
        mandate: mandate!.id,
      });
      expect(after.facts.annualResources!.v).toBe(16000);
      expect(after.facts.disabilityPercent!.v).toBe(60);

      // The resident's journal says who consulted and changed the file, when and why.
      const journal = await getPage(t, resident, '/mon-dossier/journal');
      expect(journal.body).toMatch(
        /Sam Aidant \(Réseau France Services du Lot\)<\/td><td>consultation<\/td><td>consultation du dossier sous mandat \(Famille\)/,
      );
      expect(journal.body).toContain('modification du dossier sous mandat (Famille)');
      const mine = await getPage(t, resident, '/mon-dossier');
      expect(mine.body).toMatch(
        /data-fact="couple"[\s\S]*?Sam Aidant \(Réseau France Services du Lot\) \(sous mandat\)/,
      );

      // The resident revokes it: the very next request of the helper is refused.
      const revoked = await postForm(t, resident, `/mon-dossier/mandats/${mandate!.id}/revoquer`, {});
      expect(revoked.statusCode).toBe(303);
      const refused = await getPage(t, helper, url);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Ce mandat a été révoqué');
      expect(refused.body).toContain('par l’usager : vous n’avez plus accès à son dossier.');
      const before = await factsOf(t, resident.id);
      const write = await postForm(t, helper, `${url}/situation`, {
        version: String(before.version),
        couple: 'non',
      });
      expect(write.statusCode).toBe(403);
      expect(await factsOf(t, resident.id)).toEqual(before);
      expect((await fileJournalOf(t, resident.id)).map((l) => l.reason)).toContain(
        'révocation par l’usager du mandat donné à Réseau France Services du Lot',
      );
    });

    it('refuses an expired mandate, and lets the helper revoke one', async () => {
      const resident = await residentWithFile();
      const given = await postForm(t, resident, '/mon-dossier/mandats', {
        organisme: (
          await t.db
            .selectFrom('organisations')
            .select('id')
            .where('slug', '=', 'france-services-lot')
            .executeTakeFirstOrThrow()
        ).id,
        demarches: ['famille', 'social'],
        duree: '1j',
      });
      expect(given.statusCode).toBe(303);
      const [mandate] = await mandatesOf(resident.id);
      expect(mandate).toMatchObject({ status: 'active', given_via: 'account', ends_on: addDays(today, 1) });
      expect((await getPage(t, helper, `/espace/aidant/mandats/${mandate!.id}`)).statusCode).toBe(200);
      // A day later it has ended.
      await t.db
        .updateTable('mandates')
        .set({ starts_on: '2026-01-10', ends_on: '2026-01-11' })
        .where('id', '=', mandate!.id)
        .execute();
      const expired = await getPage(t, helper, `/espace/aidant/mandats/${mandate!.id}`);
      expect(expired.statusCode).toBe(403);
      expect(expired.body).toContain('Ce mandat a pris fin le dimanche 11 janvier 2026');

      const other = await postForm(t, resident, '/mon-dossier/mandats', {
        organisme: mandate!.organisation_id,
        demarches: 'logement',
        duree: '12m',
      });
      expect(other.statusCode).toBe(303);
      const live = (await mandatesOf(resident.id)).find(
        (m) => m.status === 'active' && m.id !== mandate!.id,
      )!;
      expect(live.ends_on).toBe(addMonths(today, 12));
      const byHelper = await postForm(t, helper, `/espace/aidant/mandats/${live.id}/revoquer`, {});
      expect(byHelper.statusCode).toBe(303);
      expect((await getPage(t, helper, `/espace/aidant/mandats/${live.id}`)).statusCode).toBe(403);
      const list = await getPage(t, resident, '/mon-dossier/mandats');
      expect(list.body).toContain('révoqué');
      expect(list.body).toContain('par l’aidant');
      // Another organisation's helper never sees it.
      const mairie = await demoUser(t, 'mairie@demo.localhost');
      expect((await getPage(t, mairie, `/espace/aidant/mandats/${live.id}`)).statusCode).toBe(404);
    });

    it('activates a printed mandate once its signed copy is filed, and refuses a forbidden type', async () => {
      const resident = await residentWithFile();
      const proposed = await propose(resident, {
        demarches: 'famille',
        duree: '6m',
        confirmation: 'printed',
      });
      const url = String(proposed.headers.location);
      const printable = await getPage(t, helper, `${url}/imprimer`);
      expect(printable.body).toContain('Je soussigné(e) <strong>Camille Mandante</strong>');
      const file = (content: Buffer, filename: string) => {
        const body = multipartBody(
          [['_csrf', helper.csrf]],
          [{ field: 'mandat', filename, type: 'application/pdf', content }],
        );
        return t.app.inject({
          method: 'POST',
          url: `${url}/signe`,
          payload: body.payload,
          headers: { ...body.headers, cookie: helper.cookie },
        });
      };
      const bad = await file(Buffer.from('<html><script>alert(1)</script></html>'), 'mandat.pdf');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('n’est ni un PDF ni une image PNG, JPEG ou WebP');
      expect((await mandatesOf(resident.id))[0]).toMatchObject({ status: 'pending', signed_file_id: null });
      const good = await file(samplePdf, 'mandat-signe.pdf');
      expect(good.statusCode).toBe(303);
      const [mandate] = await mandatesOf(resident.id);
      expect(mandate!.status).toBe('active');
      const stored = await t.db
        .selectFrom('stored_files')
        .select(['owner_type', 'owner_id'])
        .where('id', '=', mandate!.signed_file_id!)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ owner_type: 'mandate', owner_id: mandate!.id });
    });
  });
}
