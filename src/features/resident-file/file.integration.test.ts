// "Mon dossier" end to end on PGlite and PostgreSQL: the situation said once (each fact with its date and its
// author), refused impossible answers with nothing stored, two tabs (the later save shows the conflict instead of
// erasing the earlier), documents encrypted and typed by content, the questionnaire that asks only what is missing
// or too old, the one page confirming a questionnaire's changes, and the count of what the file spared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  cookiesOf,
  databaseKinds,
  type TestApp,
  multipartBody,
  samplePdf,
  factsOf,
  fileJournalOf,
  getPage,
  postForm,
  type TestUser,
} from '../../../test/helpers.ts';
import { addMonths, frenchDate, todayInParis } from '../../platform/dates.ts';
import { reuseCounts } from './reuse.ts';
import { newResident } from '../../../test/factories.ts';

const today = todayInParis();

/** Everything the birth questionnaire may ask, as the file's form posts it. */
const fullSituation: Record<string, string> = {
  firstName: 'Camille',
  lastName: 'Martin',
  commune: '46042',
  birthDate: '1992-03-14',
  couple: 'oui',
  partnerBirthDate: '1990-07-01',
  partnerEarnings: '1500',
  partnerReplacementIncome: '0',
  earnings: '1100',
  replacementIncome: '0',
  student: 'non',
  housingStatus: 'tenant',
  monthlyRent: '520',
  housingAid: '0',
  annualResources: '28000',
  referenceTaxIncome: '26000',
  child1: '2021-09-01',
};

/** The same, for a parent living alone (the partner's pages left empty). */
const aloneSituation: Record<string, string> = {
  ...fullSituation,
  couple: 'non',
  partnerBirthDate: '',
  partnerEarnings: '',
  partnerReplacementIncome: '',
};

for (const kind of databaseKinds) {
  describe(`the resident's file on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    });
    afterAll(async () => {
      await t?.close();
    });

    async function saveSituation(user: TestUser, fields: Record<string, string | string[]>, version: number) {
      return postForm(t, user, '/mon-dossier/situation', { ...fields, version: String(version) });
    }

    it('keeps the situation said once, each fact with its date and its author, and journals it', async () => {
      const resident = await newResident(t);
      const form = await getPage(t, resident, '/mon-dossier/situation');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="version" value="0"');
      const saved = await saveSituation(resident, fullSituation, 0);
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/mon-dossier?fait=enregistre');
      const { facts, version } = await factsOf(t, resident.id);
      expect(version).toBe(1);
      expect(facts.earnings).toMatchObject({ v: 1100, by: resident.id, role: 'resident', via: 'resident' });
      expect(facts.children!.v).toEqual(['2021-09-01']);
      expect(facts.housingStatus!.v).toBe('tenant');
      expect(facts.firstName!.v).toBe('Camille');
      expect(new Date(facts.couple!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);

      const page = await getPage(t, resident, '/mon-dossier?fait=enregistre');
      expect(page.body).toContain('Votre dossier est enregistré.');
      expect(page.body).toMatch(
        /data-fact="earnings"[\s\S]*?1\s100\s€[\s\S]*?par vous\.\s*À confirmer avant le/,
      );
      expect(page.body).toMatch(/data-fact="birthDate"[\s\S]*?Sans limite de validité/);
      expect((await fileJournalOf(t, resident.id)).map((l) => l.reason)).toContain(
        'modification de son dossier par l’usager',
      );
    });

    it('refuses a birth date in the future and a negative income next to their fields, and stores nothing', async () => {
      const resident = await newResident(t);
      await saveSituation(resident, { commune: '46042', earnings: '800' }, 0);
      const before = await factsOf(t, resident.id);
      const refused = await saveSituation(
        resident,
        { commune: '46042', birthDate: '2031-01-01', earnings: '-50', housingAid: '12' },
        before.version,
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('<title>Erreur — Ma situation');
      expect(refused.body).toMatch(
        /id="birthDate-error"[^>]*>La date de naissance ne peut pas être dans le futur\./,
      );
      expect(refused.body).toMatch(/id="earnings-error"[^>]*>Le montant ne peut pas être négatif\./);
      // What was typed is kept.
      expect(refused.body).toContain('value="-50"');
      expect(await factsOf(t, resident.id)).toEqual(before);
    });

    it('shows the conflict when a second tab saves after the first, and erases nothing', async () => {
      const resident = await newResident(t);
      await saveSituation(resident, { commune: '46042', earnings: '800', couple: 'non' }, 0);
      // Two tabs open the form at version 1.
      const tabA = await getPage(t, resident, '/mon-dossier/situation');
      const tabB = await getPage(t, resident, '/mon-dossier/situation');
      expect(tabA.body).toContain('name="version" value="1"');
      expect(tabB.body).toContain('name="version" value="1"');
      const first = await saveSituation(resident, { commune: '46042', earnings: '950', couple: 'non' }, 1);
      expect(first.statusCode).toBe(303);
      const second = await saveSituation(resident, { commune: '46042', earnings: '1200', couple: 'non' }, 1);
      expect(second.statusCode).toBe(409);
      expect(second.body).toContain('Votre dossier a été modifié entre-temps');
      expect(second.body).toMatch(
        /Combien gagnez-vous par mois en travaillant \?<\/strong> : enregistré « 950\s€ », votre\s+saisie « 1\s200\s€ »/,
      );
      // The earlier save stands; the page offers the current version to save over it deliberately.
      expect((await factsOf(t, resident.id)).facts.earnings!.v).toBe(950);
      expect(second.body).toContain('name="version" value="2"');
      const deliberate = await saveSituation(
        resident,
        { commune: '46042', earnings: '1200', couple: 'non' },
        2,
      );
      expect(deliberate.statusCode).toBe(303);
      expect((await factsOf(t, resident.id)).facts.earnings!.v).toBe(1200);
    });

    it('keeps documents encrypted, typed by their content, refuses a forbidden type, and serves them only to their owner', async () => {
      const resident = await newResident(t);
      const other = await newResident(t);
      const upload = (content: Buffer, filename: string, type = 'avis-imposition') => {
        const body = multipartBody(
          [
            ['_csrf', resident.csrf],
            ['type', type],
          ],
          [{ field: 'fichier', filename, type: 'application/octet-stream', content }],
        );
        return t.app.inject({
          method: 'POST',
          url: '/mon-dossier/documents',
          payload: body.payload,
          headers: { ...body.headers, cookie: resident.cookie },
        });
      };
      const forbidden = await upload(Buffer.from('MZ\x90\x00 un programme, pas un document'), 'avis.pdf');
      expect(forbidden.statusCode).toBe(400);
      expect(forbidden.body).toMatch(
        /id="fichier-error"[^>]*>Le fichier « avis\.pdf » n’est ni un PDF ni une image PNG, JPEG ou WebP\./,
      );
      const badKind = await upload(samplePdf, 'avis.pdf', 'passeport-secret');
      expect(badKind.statusCode).toBe(400);
      expect(badKind.body).toContain('Choisissez le type du document.');
      expect(
        await t.db
          .selectFrom('resident_documents')
          .select('file_id')
          .where('user_id', '=', resident.id)
          .execute(),
      ).toEqual([]);

      const ok = await upload(samplePdf, 'avis-impot.exe');
      expect(ok.statusCode).toBe(303);
      const doc = await t.db
        .selectFrom('resident_documents')
        .innerJoin('stored_files', 'stored_files.id', 'resident_documents.file_id')
        .select(['file_id', 'kind', 'stored_files.name', 'stored_files.media_type', 'stored_files.content'])
        .where('user_id', '=', resident.id)
        .executeTakeFirstOrThrow();
      expect(doc).toMatchObject({
        kind: 'avis-imposition',
        name: 'avis-impot.pdf',
        media_type: 'application/pdf',
      });
      expect(Buffer.from(doc.content).includes(Buffer.from('%PDF'))).toBe(false);
      const download = await getPage(t, resident, `/mon-dossier/documents/${doc.file_id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toContain('attachment');
      expect(download.rawPayload.equals(samplePdf)).toBe(true);
      expect((await getPage(t, other, `/mon-dossier/documents/${doc.file_id}`)).statusCode).toBe(404);
      const removed = await postForm(t, resident, `/mon-dossier/documents/${doc.file_id}/supprimer`, {});
      expect(removed.statusCode).toBe(303);
      expect(
        await t.db.selectFrom('stored_files').select('id').where('id', '=', doc.file_id).execute(),
      ).toEqual([]);
    });

    it('starts a birth questionnaire from the file: asks nothing known, asks again an income older than 3 months, counts what it spared', async () => {
      const resident = await newResident(t);
      await saveSituation(resident, fullSituation, 0);
      // The earnings were said four months ago: too old for a monthly amount.
      const { facts } = await factsOf(t, resident.id);
      facts.earnings = { ...facts.earnings!, at: `${addMonths(today, -4)}T08:00:00.000Z` };
      await t.db
        .updateTable('resident_files')
        .set({ facts: JSON.stringify(facts) })
        .where('user_id', '=', resident.id)
        .execute();
      const before = await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today });
      const birthBefore = before.find((r) => r.lifeEvent === 'birth')?.questionsAvoided ?? 0;

      const start = await getPage(t, resident, '/moments-de-vie/birth/questions');
      expect(start.statusCode).toBe(303);
      expect(start.headers.location).toBe('/moments-de-vie/birth/questions/eventDate');
      let cookie = cookiesOf(start);
      expect(cookie).toContain('sc_nav_birth=');
      const eventDate = addMonths(today, 2);
      const dated = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/questions/eventDate',
        { eventDate },
        cookie,
      );
      expect(dated.statusCode).toBe(303);
      // Only the income too old to trust is asked: everything else comes from the file.
      expect(dated.headers.location).toBe('/moments-de-vie/birth/questions/earnings');
      cookie = cookiesOf(dated);
      const answered = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/questions/earnings',
        { earnings: '1150' },
        cookie,
      );
      expect(answered.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
      cookie = cookiesOf(answered);

      // Counted once, per moment of life: the pages the birth questionnaire would have asked without the file —
      // commune, birth date, couple, partner, allowances, children, housing, housing aid, resources N-2 (9); not
      // the earnings (too old: asked), nor the student page (assumed « non » when not said: never asked), nor the
      // tax income (none of a birth's benefits reads it), nor the identity (not a question of the questionnaire).
      const after = await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today });
      const spared = (after.find((r) => r.lifeEvent === 'birth')?.questionsAvoided ?? 0) - birthBefore;
      expect(spared).toBe(9);
      expect((await fileJournalOf(t, resident.id)).map((l) => l.reason)).toContain(
        'reprise de son dossier pour le questionnaire « Avoir un enfant »',
      );

      // The plan offers to keep the new income in the file, in one page.
      const plan = await getPage(t, resident, '/moments-de-vie/birth/plan', cookie);
      expect(plan.statusCode).toBe(200);
      expect(plan.body).toContain('Une de vos réponses est nouvelle ou différente de votre dossier.');
      expect(plan.body).toContain('href="/moments-de-vie/birth/faire-suivre"');
      const confirm = await getPage(t, resident, '/moments-de-vie/birth/mon-dossier', cookie);
      expect(confirm.body).toMatch(
        /Combien gagnez-vous par mois en travaillant \?<\/strong> — Modifié :\s*« 1\s100\s€ » devient « 1\s150\s€ »/,
      );
      const { version } = await factsOf(t, resident.id);
      // A stale version is refused with the conflict shown, and nothing is written.
      const stale = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/mon-dossier',
        { version: String(version - 1) },
        cookie,
      );
      expect(stale.statusCode).toBe(409);
      expect((await factsOf(t, resident.id)).facts.earnings!.v).toBe(1100);
      const saved = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/mon-dossier',
        { version: String(version) },
        cookie,
      );
      expect(saved.statusCode).toBe(303);
      expect((await factsOf(t, resident.id)).facts.earnings).toMatchObject({ v: 1150, via: 'resident' });
      const again = await getPage(t, resident, '/moments-de-vie/birth/mon-dossier', cookie);
      expect(again.body).toContain('Votre dossier contient déjà toutes ces réponses.');
    });

    it('keeps the answers about the children as facts: a lone parent’s birth plan asks none of them, asks the child support again after 3 months and the MDPH rates after 12', async () => {
      // A lone parent of two children: the other parent pays nothing (the ASF's question), the elder has a 60 %
      // rate with care recommended, the younger none (the AEEH's questions).
      const loneParent: Record<string, string> = {
        ...aloneSituation,
        // The elder first: the file keeps the children by birth date, oldest first, whatever the order typed.
        child1: '2016-03-10',
        child2: '2021-09-01',
      };
      const children = { childSupport: '0', childRate1: '60', childCare1: 'oui', childRate2: '0' };
      const resident = await newResident(t);
      // Wrong answers first: refused next to their fields, nothing stored.
      const refused = await saveSituation(
        resident,
        { ...loneParent, childSupport: '-5', childRate1: '60', childRate2: '0' },
        0,
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toMatch(/id="childSupport-error"[^>]*>Le montant ne peut pas être négatif\./);
      expect(refused.body).toContain('Pour un taux de 50 à 79 %, répondez oui ou non.');
      expect((await factsOf(t, resident.id)).version).toBe(0);

      expect((await saveSituation(resident, { ...loneParent, ...children }, 0)).statusCode).toBe(303);
      const { facts } = await factsOf(t, resident.id);
      expect(facts.childSupport).toMatchObject({ v: 0, by: resident.id, role: 'resident', via: 'resident' });
      expect(facts.childRates).toMatchObject({ v: [60, 0], by: resident.id, via: 'resident' });
      expect(facts.childCare).toMatchObject({ v: [true, null], by: resident.id, via: 'resident' });
      const page = await getPage(t, resident, '/mon-dossier');
      expect(page.body).toMatch(
        new RegExp(
          `data-fact="childSupport"[\\s\\S]*?0\\s€[\\s\\S]*?par vous\\.\\s*À confirmer avant le ${frenchDate(addMonths(today, 3))}`,
        ),
      );
      expect(page.body).toMatch(
        new RegExp(
          `data-fact="childRates"[\\s\\S]*?1er enfant : 60 % ; 2e enfant : 0 %[\\s\\S]*?À confirmer avant le ${frenchDate(addMonths(today, 12))}`,
        ),
      );
      expect(page.body).toMatch(/data-fact="childCare"[\s\S]*?1er enfant : Oui</);
      // The form shows them again, to be changed.
      const form = await getPage(t, resident, '/mon-dossier/situation');
      expect(form.body).toMatch(/id="childRate1"[^>]*value="60"|value="60"[^>]*id="childRate1"/);

      const spared = async () =>
        (await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today })).find(
          (r) => r.lifeEvent === 'birth',
        )?.questionsAvoided ?? 0;
      const birthPlan = async () => {
        const start = await getPage(t, resident, '/moments-de-vie/birth/questions');
        return postForm(
          t,
          resident,
          '/moments-de-vie/birth/questions/eventDate',
          { eventDate: addMonths(today, 2) },
          cookiesOf(start),
        );
      };

      // The one-page form starts from the file too: the answers about the children are filled in.
      const before = await spared();
      const onePage = await getPage(t, resident, '/moments-de-vie/birth/formulaire');
      expect(onePage.statusCode).toBe(200);
      expect(onePage.body).toMatch(/id="childSupport"[^>]*value="0"|value="0"[^>]*id="childSupport"/);
      expect(onePage.body).toMatch(/id="childRate1"[^>]*value="60"|value="60"[^>]*id="childRate1"/);
      expect(onePage.body).toMatch(/id="childCare1-oui"[^>]*checked|checked[^>]*id="childCare1-oui"/);
      expect((await spared()) - before).toBe(11);

      // Nothing known is asked: from the date straight to the summary.
      const beforeSteps = await spared();
      const full = await birthPlan();
      expect(full.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
      // Counted: the pages a lone parent's birth questionnaire would ask without the file — commune, birth date,
      // couple, earnings, allowances, children, the child support, the children's disability, housing, housing
      // aid, resources N-2: 11, the child support and the children's disability among them (the student page is
      // assumed « non », the tax income read by none of a birth's benefits).
      expect((await spared()) - beforeSteps).toBe(11);

      // The child support said four months ago is too old (a monthly amount); the rates still hold.
      const aged = async (keys: string[], months: number) => {
        const current = (await factsOf(t, resident.id)).facts;
        for (const key of keys)
          current[key] = { ...current[key]!, at: `${addMonths(today, -months)}T08:00:00.000Z` };
        await t.db
          .updateTable('resident_files')
          .set({ facts: JSON.stringify(current) })
          .where('user_id', '=', resident.id)
          .execute();
      };
      await aged(['childSupport'], 4);
      const stale = await birthPlan();
      expect(stale.headers.location).toBe('/moments-de-vie/birth/questions/childSupport');
      const answered = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/questions/childSupport',
        { childSupport: '0' },
        cookiesOf(stale),
      );
      expect(answered.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
      // Confirmed in the one page of changes: the same amount, its date renewed.
      const confirm = await getPage(t, resident, '/moments-de-vie/birth/mon-dossier', cookiesOf(answered));
      expect(confirm.body).toMatch(
        /Combien l’autre parent verse-t-il pour chaque enfant, par mois \?<\/strong> — Confirmé :\s*« 0\s€ » \(date renouvelée\)/,
      );
      const { version } = await factsOf(t, resident.id);
      const saved = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/mon-dossier',
        { version: String(version) },
        cookiesOf(answered),
      );
      expect(saved.statusCode).toBe(303);
      const renewed = (await factsOf(t, resident.id)).facts.childSupport!;
      expect(renewed).toMatchObject({ v: 0, via: 'resident' });
      expect(new Date(renewed.at).getTime()).toBeGreaterThan(Date.now() - 60_000);

      // The MDPH rates given 13 months ago are too old: the children's disability is asked again, and only it.
      await aged(['childRates', 'childCare'], 13);
      const oldRates = await birthPlan();
      expect(oldRates.headers.location).toBe('/moments-de-vie/birth/questions/childDisability');
      const rates = await getPage(
        t,
        resident,
        '/moments-de-vie/birth/questions/childDisability',
        cookiesOf(oldRates),
      );
      expect(rates.body).toContain('Taux d’incapacité de l’enfant né le 01/09/2021, en pourcentage');
      const again = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/questions/childDisability',
        { childRate1: '85', childRate2: '0' },
        cookiesOf(oldRates),
      );
      expect(again.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
    });

    it('keeps each MDPH rate with its child when the children are typed in another order, and moves a rate corrected from one child to the other', async () => {
      // Two children: the elder (10 March 2016) has a 60 % rate with care recommended, the younger (1 September
      // 2021) none.
      const base: Record<string, string> = { ...aloneSituation, childSupport: '0' };
      const resident = await newResident(t);
      const rateOf = async () => {
        const { facts } = await factsOf(t, resident.id);
        const children = facts.children!.v as string[];
        const rates = facts.childRates!.v as number[];
        const care = facts.childCare!.v as (boolean | null)[];
        return Object.fromEntries(children.map((date, i) => [date, { rate: rates[i], care: care[i] }]));
      };
      // Typed younger first: kept oldest first, each rate with its child.
      const first = { child1: '2021-09-01', childRate1: '0', child2: '2016-03-10', childRate2: '60' };
      expect((await saveSituation(resident, { ...base, ...first, childCare2: 'oui' }, 0)).statusCode).toBe(
        303,
      );
      expect((await factsOf(t, resident.id)).facts.children!.v).toEqual(['2016-03-10', '2021-09-01']);
      expect(await rateOf()).toEqual({
        '2016-03-10': { rate: 60, care: true },
        '2021-09-01': { rate: 0, care: null },
      });
      const page = await getPage(t, resident, '/mon-dossier');
      expect(page.body).toMatch(/data-fact="childRates"[\s\S]*?1er enfant : 60 % ; 2e enfant : 0 %/);

      // The same children typed in the other order, the same rates: nothing changes (no new version).
      const reordered = { child1: '2016-03-10', childRate1: '60', child2: '2021-09-01', childRate2: '0' };
      expect(
        (await saveSituation(resident, { ...base, ...reordered, childCare1: 'oui' }, 1)).statusCode,
      ).toBe(303);
      expect((await factsOf(t, resident.id)).version).toBe(1);
      expect(await rateOf()).toEqual({
        '2016-03-10': { rate: 60, care: true },
        '2021-09-01': { rate: 0, care: null },
      });

      // A correction: the rate is the younger's, not the elder's. The same values, on the other child: saved
      // (compared as sets, as the children's dates are, it would have been taken for "unchanged" and lost).
      const corrected = { child1: '2016-03-10', childRate1: '0', child2: '2021-09-01', childRate2: '60' };
      expect(
        (await saveSituation(resident, { ...base, ...corrected, childCare2: 'oui' }, 1)).statusCode,
      ).toBe(303);
      expect((await factsOf(t, resident.id)).version).toBe(2);
      expect(await rateOf()).toEqual({
        '2016-03-10': { rate: 0, care: null },
        '2021-09-01': { rate: 60, care: true },
      });
    });

    it('does not prefill for an anonymous visitor nor change a questionnaire already started', async () => {
      const anonymous = await t.app.inject('/moments-de-vie/birth/questions');
      expect(anonymous.headers.location).toBe('/moments-de-vie/birth/questions/eventDate');
      expect(cookiesOf(anonymous)).not.toContain('sc_nav_birth');
      const plan = await t.app.inject('/moments-de-vie/birth/mon-dossier');
      expect(plan.statusCode).toBe(401);
    });

    it('erases the file and its documents with the account', async () => {
      const resident = await newResident(t);
      await saveSituation(resident, { commune: '46042', earnings: '800' }, 0);
      const body = multipartBody(
        [
          ['_csrf', resident.csrf],
          ['type', 'identite'],
        ],
        [{ field: 'fichier', filename: 'id.pdf', type: 'application/pdf', content: samplePdf }],
      );
      await t.app.inject({
        method: 'POST',
        url: '/mon-dossier/documents',
        payload: body.payload,
        headers: { ...body.headers, cookie: resident.cookie },
      });
      const erased = await postForm(t, resident, '/compte/mes-donnees/effacement', { confirmation: 'oui' });
      expect(erased.statusCode).toBe(303);
      expect(
        await t.db
          .selectFrom('resident_files')
          .select('user_id')
          .where('user_id', '=', resident.id)
          .execute(),
      ).toEqual([]);
      expect(
        await t.db
          .selectFrom('stored_files')
          .select('id')
          .where('owner_type', '=', 'resident-file')
          .where('owner_id', '=', resident.id)
          .execute(),
      ).toEqual([]);
    });
  });
}
