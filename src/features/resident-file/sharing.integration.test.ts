// Sharing the file end to end on PGlite and PostgreSQL: "faire suivre à France Services" from a birth plan (the
// plan and the chosen parts of the file, with consent), the site's inbox, an appointment proposed, a shared case
// opened from the request and linked to the file (identity pre-filled, documents attached, the invited CAF seeing
// only what the resident allowed), what each organisation sees, and the withdrawal that stops access at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  cookiesOf,
  databaseKinds,
  type TestApp,
  multipartBody,
  samplePdf,
  demoUser,
  fileJournalOf,
  getPage,
  postForm,
  type TestUser,
} from '../../../test/helpers.ts';
import { addMonths, todayInParis } from '../../platform/dates.ts';
import { reuseCounts } from './reuse.ts';
import { newResident } from '../../../test/factories.ts';

const today = todayInParis();

for (const kind of databaseKinds) {
  describe(`sharing the file on ${kind}`, () => {
    let t: TestApp;
    let helper: TestUser;
    let caf: TestUser;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = await demoUser(t, 'aidant@demo.localhost');
      caf = await demoUser(t, 'caf@demo.localhost');
    });
    afterAll(async () => {
      await t?.close();
    });

    /** A resident whose file answers a birth's questions, with one document, and a birth plan in their browser. */
    async function residentWithPlan(): Promise<{ resident: TestUser; cookie: string; documentId: string }> {
      const resident = await newResident(t, 'Camille Suivie');
      await postForm(t, resident, '/mon-dossier/situation', {
        version: '0',
        firstName: 'Camille',
        lastName: 'Suivie',
        commune: '46042',
        birthDate: '1994-05-06',
        couple: 'non',
        earnings: '700',
        replacementIncome: '0',
        student: 'non',
        housingStatus: 'tenant',
        monthlyRent: '480',
        housingAid: '0',
        annualResources: '9000',
        referenceTaxIncome: '8000',
      });
      const upload = multipartBody(
        [
          ['_csrf', resident.csrf],
          ['type', 'avis-imposition'],
        ],
        [{ field: 'fichier', filename: 'avis.pdf', type: 'application/pdf', content: samplePdf }],
      );
      await t.app.inject({
        method: 'POST',
        url: '/mon-dossier/documents',
        payload: upload.payload,
        headers: { ...upload.headers, cookie: resident.cookie },
      });
      const documentId = (
        await t.db
          .selectFrom('resident_documents')
          .select('file_id')
          .where('user_id', '=', resident.id)
          .executeTakeFirstOrThrow()
      ).file_id;
      const start = await getPage(t, resident, '/moments-de-vie/birth/questions');
      const dated = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/questions/eventDate',
        { eventDate: addMonths(today, 3) },
        cookiesOf(start),
      );
      // The file answered everything else but the child support a lone parent receives (the ASF's question: this
      // file does not hold it); then the summary.
      expect(dated.headers.location).toBe('/moments-de-vie/birth/questions/childSupport');
      const supported = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/questions/childSupport',
        { childSupport: '0' },
        cookiesOf(dated),
      );
      expect(supported.headers.location).toBe('/moments-de-vie/birth/recapitulatif');
      return { resident, cookie: cookiesOf(supported), documentId };
    }

    /** A resident's birth plan sent to Catus with their situation only (not their identity); the request's id. */
    async function situationSent(): Promise<{ resident: TestUser; requestId: string }> {
      const { resident, cookie } = await residentWithPlan();
      const sent = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/faire-suivre',
        { lieu: 'france-services-catus', parties: 'situation', accord: 'oui' },
        cookie,
      );
      return { resident, requestId: String(sent.headers.location).match(/demandes\/([0-9a-f-]{36})/)![1]! };
    }

    it('sends the plan and the chosen parts of the file to a France Services site, with consent, and nothing without it', async () => {
      const { resident, cookie, documentId } = await residentWithPlan();
      const page = await getPage(t, resident, '/moments-de-vie/birth/faire-suivre', cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('value="france-services-catus"');
      const refused = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/faire-suivre',
        { lieu: 'france-services-catus', parties: ['identite', 'situation'] },
        cookie,
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(
        'Cochez la case pour donner votre accord : sans lui, rien n’est envoyé.',
      );
      const unknownSite = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/faire-suivre',
        { lieu: 'caf-lot-accueil', accord: 'oui' },
        cookie,
      );
      expect(unknownSite.body).toContain('Choisissez l’espace France Services qui suivra votre demande.');
      expect(
        await t.db.selectFrom('file_requests').select('id').where('user_id', '=', resident.id).execute(),
      ).toEqual([]);

      const documentsBefore =
        (await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today })).find(
          (r) => r.lifeEvent === 'birth',
        )?.documentsAvoided ?? 0;
      const sent = await postForm(
        t,
        resident,
        '/moments-de-vie/birth/faire-suivre',
        {
          lieu: 'france-services-catus',
          parties: ['identite', 'situation'],
          documents: documentId,
          accord: 'oui',
          partage_organismes: 'oui',
          message: 'Je voudrais de l’aide pour la PAJE.',
        },
        cookie,
      );
      expect(sent.statusCode).toBe(303);
      const requestId = String(sent.headers.location).match(/demandes\/([0-9a-f-]{36})/)![1]!;
      const share = await t.db
        .selectFrom('file_shares')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow();
      expect(share).toMatchObject({
        parts: ['identite', 'situation'],
        document_ids: [documentId],
        expires_on: addMonths(today, 3),
        withdrawn_at: null,
      });
      const mails = await t.db
        .selectFrom('jobs')
        .select('idempotency_key')
        .where('idempotency_key', 'like', `mail:file-request:${requestId}:%`)
        .execute();
      // One mail per active helper of the site's organisation (France Services du Lot: the Catus helper and the
      // bus's counsellor of the demo accounts).
      const { organisation_id: siteOrganisation } = await t.db
        .selectFrom('users')
        .select('organisation_id')
        .where('id', '=', helper.id)
        .executeTakeFirstOrThrow();
      const helpersOfSite = await t.db
        .selectFrom('users')
        .select('id')
        .where('organisation_id', '=', siteOrganisation)
        .where('role', '=', 'helper')
        .where('status', '=', 'active')
        .execute();
      expect(helpersOfSite.length).toBeGreaterThan(0);
      expect(mails).toHaveLength(helpersOfSite.length);
      const documentsAfter = (
        await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today })
      ).find((r) => r.lifeEvent === 'birth')!.documentsAvoided;
      expect(documentsAfter - documentsBefore).toBe(1);
      const follow = await getPage(t, resident, `/mon-dossier/demandes/${requestId}?envoyee=1`);
      expect(follow.body).toContain('Votre demande est envoyée.');
      expect(follow.body).toContain('envoyée, pas encore lue');

      // The site's inbox: the request, the plan rebuilt, what the resident shared; another organisation: nothing.
      const inbox = await getPage(t, helper, '/espace/aidant/demandes');
      expect(inbox.body).toContain(`href="/espace/aidant/demandes/${requestId}"`);
      const request = await getPage(t, helper, `/espace/aidant/demandes/${requestId}`);
      expect(request.statusCode).toBe(200);
      expect(request.body).toContain('Je voudrais de l’aide pour la PAJE.');
      expect(request.body).toContain('Prime à la naissance');
      expect(request.body).toMatch(/Loyer mensuel[\s\S]*?480\s€/);
      expect(
        (
          await getPage(t, helper, `/espace/aidant/demandes/${requestId}/documents/${documentId}`)
        ).rawPayload.equals(samplePdf),
      ).toBe(true);
      const mairie = await demoUser(t, 'mairie@demo.localhost');
      expect((await getPage(t, mairie, `/espace/aidant/demandes/${requestId}`)).statusCode).toBe(404);
      expect((await getPage(t, resident, `/mon-dossier/demandes/${requestId}`)).body).toContain(
        'lue par France Services',
      );

      // An appointment proposed: the resident sees it and gets a mail.
      const empty = await postForm(t, helper, `/espace/aidant/demandes/${requestId}/rendez-vous`, {
        rendez_vous: '',
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('Écrivez le rendez-vous proposé');
      const proposed = await postForm(t, helper, `/espace/aidant/demandes/${requestId}/rendez-vous`, {
        rendez_vous: 'Mardi 15 décembre à 10 h, France Services de Catus',
      });
      expect(proposed.statusCode).toBe(303);
      const followed = await getPage(t, resident, `/mon-dossier/demandes/${requestId}`);
      expect(followed.body).toContain('Mardi 15 décembre à 10 h, France Services de Catus');
      expect(followed.body).toContain('href="/rendez-vous"');

      // A shared case opened from the request: identity from the file, the document attached, the case linked.
      const caseForm = await getPage(t, helper, `/espace/aidant/demandes/${requestId}/saisine`);
      expect(caseForm.body).toContain('value="Camille"');
      expect(caseForm.body).toContain('value="1994-05-06"');
      // The resident's commune, from the file they shared: Cahors, chosen in the list of the territory's communes.
      expect(caseForm.body).toMatch(/<option value="46042" selected[^>]*>Cahors<\/option>/);
      const cafId = (
        await t.db
          .selectFrom('organisations')
          .select('id')
          .where('slug', '=', 'caf-lot')
          .executeTakeFirstOrThrow()
      ).id;
      const noOrganisation = await postForm(t, helper, `/espace/aidant/demandes/${requestId}/saisine`, {
        prenom: 'Camille',
        nom: 'Suivie',
        date_naissance: '1994-05-06',
        // Figeac's commune: not one of Cahors' territory.
        commune: '46102',
        question: 'Aide pour la PAJE et la prime de naissance.',
      });
      expect(noOrganisation.statusCode).toBe(400);
      expect(noOrganisation.body).toContain('Invitez au moins un organisme.');
      expect(noOrganisation.body).toContain('Cette commune n’est pas une commune du territoire');
      expect(
        await t.db.selectFrom('cases').select('id').where('resident_user_id', '=', resident.id).execute(),
      ).toEqual([]);
      const questionsBefore = (
        await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today })
      ).find((r) => r.lifeEvent === 'birth')!.questionsAvoided;
      const opened = await postForm(t, helper, `/espace/aidant/demandes/${requestId}/saisine`, {
        prenom: 'Camille',
        nom: 'Suivie',
        date_naissance: '1994-05-06',
        commune: '46042',
        question: 'Aide pour la PAJE et la prime de naissance.',
        organismes: cafId,
        pieces: documentId,
      });
      expect(opened.statusCode).toBe(303);
      const linked = await t.db
        .selectFrom('cases')
        .select(['id', 'resident_first_name', 'resident_commune'])
        .where('resident_user_id', '=', resident.id)
        .executeTakeFirstOrThrow();
      expect(linked.resident_first_name).toBe('Camille');
      expect(linked.resident_commune).toBe('46042');
      expect(
        await t.db
          .selectFrom('case_attachments')
          .select('file_id')
          .where('case_id', '=', linked.id)
          .where('purpose', '=', 'attachment')
          .execute(),
      ).toHaveLength(1);
      const consent = await t.db
        .selectFrom('case_consents')
        .select(['kind', 'contact'])
        .where('case_id', '=', linked.id)
        .executeTakeFirstOrThrow();
      expect(consent).toEqual({ kind: 'email', contact: resident.email });
      const request2 = await t.db
        .selectFrom('file_requests')
        .select(['status', 'case_id'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      expect(request2).toEqual({ status: 'case-opened', case_id: linked.id });
      // Three identity questions not asked again (first name, name, birth date), one document not asked again.
      const reuse = (await reuseCounts(t.db, { territoryId: 'cahors', from: today, to: today })).find(
        (r) => r.lifeEvent === 'birth',
      )!;
      expect(reuse.questionsAvoided - questionsBefore).toBe(3);

      // The invited CAF sees what the resident allowed, and the resident sees it per organisation.
      const cafShare = await t.db
        .selectFrom('file_shares')
        .select(['id', 'parts'])
        .where('case_id', '=', linked.id)
        .where('organisation_id', '=', cafId)
        .executeTakeFirstOrThrow();
      expect(cafShare.parts).toEqual(['identite', 'situation']);
      const cafList = await getPage(t, caf, '/espace/dossiers-partages');
      expect(cafList.body).toContain(`href="/espace/dossiers-partages/${cafShare.id}"`);
      const cafView = await getPage(t, caf, `/espace/dossiers-partages/${cafShare.id}`);
      expect(cafView.statusCode).toBe(200);
      expect(cafView.body).toContain('Dossier partagé de Camille Suivie');
      const access = await getPage(t, resident, '/mon-dossier/partages');
      expect(access.body).toContain('CAF du Lot');
      expect(access.body).toContain('Réseau France Services du Lot');
      expect(access.body).toContain('Votre identité (nom, prénom, date de naissance, commune)');
      expect((await fileJournalOf(t, resident.id)).map((l) => l.reason)).toContain(
        'consultation des parties du dossier partagées avec l’organisme',
      );

      // Withdrawn: the CAF sees nothing at once.
      const withdrawn = await postForm(t, resident, `/mon-dossier/partages/${cafShare.id}/retirer`, {});
      expect(withdrawn.statusCode).toBe(303);
      const refused2 = await getPage(t, caf, `/espace/dossiers-partages/${cafShare.id}`);
      expect(refused2.statusCode).toBe(403);
      expect(refused2.body).toContain('L’usager a retiré son accord');
      expect(
        (await getPage(t, caf, `/espace/dossiers-partages/${cafShare.id}/documents/${documentId}`))
          .statusCode,
      ).toBe(403);
      expect((await getPage(t, caf, '/espace/dossiers-partages')).body).not.toContain(cafShare.id);
      // Another organisation never sees a share that is not its own.
      const cpam = await demoUser(t, 'cpam@demo.localhost');
      expect((await getPage(t, cpam, `/espace/dossiers-partages/${share.id}`)).statusCode).toBe(404);
    });

    it('withdraws a request not yet handled: it leaves the inbox and its file is no longer shown', async () => {
      const { resident, requestId } = await situationSent();
      const share = await t.db
        .selectFrom('file_shares')
        .select('id')
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow();
      await postForm(t, resident, `/mon-dossier/partages/${share.id}/retirer`, {});
      expect(
        (
          await t.db
            .selectFrom('file_requests')
            .select('status')
            .where('id', '=', requestId)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('withdrawn');
      expect((await getPage(t, helper, '/espace/aidant/demandes')).body).not.toContain(requestId);
      expect((await getPage(t, helper, `/espace/aidant/demandes/${requestId}`)).statusCode).toBe(404);
    });

    it('prefills the case’s commune from the plan sent when the resident kept their identity to themselves', async () => {
      const { requestId } = await situationSent();
      const form = await getPage(t, helper, `/espace/aidant/demandes/${requestId}/saisine`);
      expect(form.statusCode).toBe(200);
      // The identity was not shared: not prefilled. The plan's commune (the questionnaire's answer) is.
      expect(form.body).not.toContain('value="Camille"');
      expect(form.body).toMatch(/<option value="46042" selected[^>]*>Cahors<\/option>/);
    });
  });
}
