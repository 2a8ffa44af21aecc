// The resident's rights on a shared case, through the organisation that opened it, on a real database: the
// export (identity, consent, messages, file list; other organisations' internal notes left out; journaled), the
// erasure at the resident's request (the retention job's erasure: identity and texts gone, files deleted,
// statistics kept, an open case closed, journaled; a second request harmless), and who is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  databaseKinds,
  formContext,
  sessionCookieFor,
  userIdByEmail,
  whileJournalRefuses,
  type TestApp,
  samplePdf,
  samplePng,
} from '../../../test/helpers.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { openCase, type OpenCaseInput } from './open-case.ts';
import { closeCase, postMessage, takeCase } from './case-actions.ts';
import { eraseExpiredPersonalData } from './case-jobs.ts';
import {
  eraseCaseOnResidentRequest,
  erasedOnRequestOutcome,
  type CaseResidentExport,
} from './resident-request.ts';
import { confirmByResident, organisationId } from '../../../test/factories.ts';

for (const kind of databaseKinds) {
  describe(`the resident’s rights on a case, on ${kind}`, () => {
    let t: TestApp;
    let helper: Actor;
    let caf: Actor;
    let helperCookie: string;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
      helper = {
        id: await userIdByEmail(t.db, 'aidant@demo.localhost'),
        role: 'helper',
        organisationId: await organisationId(t, 'france-services-lot'),
        territoryIds: ['cahors'],
      };
      caf = {
        id: await userIdByEmail(t.db, 'caf@demo.localhost'),
        role: 'partnerAgent',
        organisationId: await organisationId(t, 'caf-lot'),
        territoryIds: ['cahors'],
      };
      helperCookie = await sessionCookieFor(t, 'aidant@demo.localhost');
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    const deps = () => ({ db: t.db, filesKey: t.config.filesKey, publicUrl: 'http://sc.test' });
    const today = () => new Date().toISOString().slice(0, 10);

    /** A case of the France Services helper, CAF invited, consent by e-mail, one file; CAF answers with a file and an internal note. */
    async function caseWithThread(): Promise<string> {
      const input: OpenCaseInput = {
        resident: {
          firstName: 'Odile',
          lastName: 'Exportée',
          birthDate: '1962-05-17',
          cafNumber: '7654321',
          socialSecurityNumber: '262057512345609',
          taxNumber: null,
          commune: '46042',
        },
        lifeEvent: 'retirement',
        question: 'Pension de réversion bloquée depuis trois mois.',
        organisationIds: [await organisationId(t, 'caf-lot')],
        consent: {
          kind: 'email',
          givenOn: today(),
          scope: 'Partage avec la CAF',
          expiresOn: new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10),
          contact: 'odile@exemple.fr',
          mandate: null,
        },
        attachments: [{ name: 'avis.pdf', mediaType: 'application/pdf', content: samplePdf }],
      };
      const { id } = await openCase(deps(), helper, input);
      await confirmByResident(t, id);
      await takeCase(deps(), caf, id);
      await postMessage(deps(), caf, id, {
        kind: 'answer',
        body: 'Dossier de réversion débloqué pour Mme Exportée.',
        attachments: [{ name: 'attestation.png', mediaType: 'image/png', content: samplePng }],
      });
      await postMessage(deps(), caf, id, {
        kind: 'internal',
        body: 'Note interne CAF : vérifier le RIB.',
        attachments: [{ name: 'rib-interne.pdf', mediaType: 'application/pdf', content: samplePdf }],
      });
      await postMessage(deps(), helper, id, {
        kind: 'internal',
        body: 'Note de l’aidant : rappeler Mme Exportée.',
        attachments: [],
      });
      return id;
    }

    const postForm = async (url: string, cookie: string, fields: Record<string, string>, pageUrl: string) => {
      const { csrf } = await formContext(t, pageUrl, cookie);
      return t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
    };
    const journalOf = (id: string, action: string) =>
      t.db
        .selectFrom('audit_journal')
        .selectAll()
        .where('subject_id', '=', id)
        .where('action', '=', action)
        .execute();

    it('offers the two actions on the case page to the helper’s organisation only', async () => {
      const id = await caseWithThread();
      const page = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helperCookie } });
      expect(page.body).toContain('Exporter les données de l’usager');
      expect(page.body).toContain(`href="/dossiers/${id}/effacement"`);
      const partner = await t.app.inject({
        url: `/dossiers/${id}`,
        headers: { cookie: await sessionCookieFor(t, 'caf@demo.localhost') },
      });
      expect(partner.statusCode).toBe(200);
      expect(partner.body).not.toContain('Exporter les données de l’usager');
      expect(partner.body).not.toContain('/effacement');
    });

    it('exports the resident’s identity, consent, messages and file list as a JSON download, journaled', async () => {
      const id = await caseWithThread();
      const response = await postForm(`/dossiers/${id}/donnees-usager`, helperCookie, {}, `/dossiers/${id}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="donnees-usager-${id.slice(0, 8).toUpperCase()}.json"`,
      );
      expect(response.headers['cache-control']).toContain('no-store');
      const data = JSON.parse(response.body) as CaseResidentExport;
      expect(data.usager).toEqual({
        prenom: 'Odile',
        nom: 'Exportée',
        dateDeNaissance: '1962-05-17',
        numeroCaf: '7654321',
        numeroSecuriteSociale: '262057512345609',
        numeroFiscal: null,
        commune: 'Cahors (46042)',
      });
      expect(data.dossier).toMatchObject({
        reference: id.slice(0, 8).toUpperCase(),
        momentDeVie: 'Départ à la retraite',
        question: 'Pension de réversion bloquée depuis trois mois.',
        organismeDeLAidant: 'Réseau France Services du Lot',
        organismesInvites: ['CAF du Lot'],
        donneesPersonnellesEffaceesLe: null,
      });
      expect(data.consentement).toMatchObject({
        donneLe: today(),
        portee: 'Partage avec la CAF',
        contactPourConfirmer: 'odile@exemple.fr',
      });
      // Confirmed by the resident before the CAF could read the case.
      expect(data.consentement?.confirmeLe).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const texts = data.messages.map((m) => m.texte);
      expect(texts).toContain('Dossier de réversion débloqué pour Mme Exportée.');
      expect(texts).toContain('Note de l’aidant : rappeler Mme Exportée.');
      // Another organisation's internal note, and its file, stay with that organisation.
      expect(response.body).not.toContain('Note interne CAF');
      expect(data.piecesJointes.map((f) => f.nom).sort()).toEqual(['attestation.png', 'avis.pdf']);
      expect(response.body).not.toContain('rib-interne');
      // Agents' names and token hashes never leave.
      expect(response.body).not.toContain('Sam Aidant');
      expect(response.body).not.toContain('confirmation_token');
      const entries = await journalOf(id, 'export');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor_id: helper.id,
        actor_role: 'helper',
        subject_type: 'case',
        reason: 'export des données à la demande de l’usager',
      });
    });

    it('erases an open case at the resident’s request: identity and texts gone, files deleted, case closed, statistics kept, journaled', async () => {
      const id = await caseWithThread();
      const fileIds = (
        await t.db.selectFrom('case_attachments').select('file_id').where('case_id', '=', id).execute()
      ).map((f) => f.file_id);
      expect(fileIds.length).toBe(3);
      const confirm = await t.app.inject({
        url: `/dossiers/${id}/effacement`,
        headers: { cookie: helperCookie },
      });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('name="confirmation"');
      expect(confirm.body).toContain('l’effacement le clôt');
      expect(confirm.body).not.toContain('Exportée');
      // No count of messages or files: it would betray the CAF's internal note and its file.
      expect(confirm.body).toContain('y compris les notes internes des organismes invités');
      expect(confirm.body).not.toMatch(/\d+ (messages?|pièces? jointes?)/);

      // Without the box ticked: the page again, with the message next to the box; nothing erased.
      const unticked = await postForm(
        `/dossiers/${id}/effacement`,
        helperCookie,
        {},
        `/dossiers/${id}/effacement`,
      );
      expect(unticked.statusCode).toBe(400);
      expect(unticked.body).toContain('fr-checkbox-group--error');
      expect(unticked.body).toContain('Cochez la case');
      expect(unticked.body).toMatch(/<title>Erreur — /);
      expect(unticked.body).toContain('href="#confirmation"');
      expect(
        (
          await t.db
            .selectFrom('cases')
            .select('resident_last_name')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).resident_last_name,
      ).toBe('Exportée');

      const shown = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helperCookie } });
      expect(shown.body).toContain('Cahors (46042)');
      const erased = await postForm(
        `/dossiers/${id}/effacement`,
        helperCookie,
        { confirmation: 'oui' },
        `/dossiers/${id}/effacement`,
      );
      expect(erased.statusCode).toBe(303);
      expect(erased.headers.location).toBe(`/dossiers/${id}?ok=effacement`);

      const c = await t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(c).toMatchObject({
        resident_first_name: null,
        resident_last_name: null,
        resident_birth_date: null,
        caf_number: null,
        social_security_number: null,
        tax_number: null,
        question: null,
        status: 'closed',
        outcome: erasedOnRequestOutcome,
        life_event: 'retirement',
        // Kept for the indicators by commune, like the life event (docs/rgpd.md); no longer shown with the case.
        resident_commune: '46042',
        helper_organisation_id: helper.organisationId,
      });
      expect(c.closed_at).not.toBeNull();
      expect(c.personal_data_erased_at).not.toBeNull();
      const erasedPage = await t.app.inject({ url: `/dossiers/${id}`, headers: { cookie: helperCookie } });
      expect(erasedPage.statusCode).toBe(200);
      expect(erasedPage.body).not.toContain('Cahors (46042)');
      const messages = await t.db
        .selectFrom('case_messages')
        .select(['kind', 'body'])
        .where('case_id', '=', id)
        .orderBy('id')
        .execute();
      const last = messages.pop()!;
      expect(last).toEqual({
        kind: 'event',
        body: 'a effacé les données personnelles à la demande de l’usager et clos le dossier.',
      });
      expect(messages.length).toBeGreaterThanOrEqual(4);
      expect(messages.every((m) => m.body == null)).toBe(true);
      expect(
        await t.db.selectFrom('case_attachments').select('file_id').where('case_id', '=', id).execute(),
      ).toEqual([]);
      expect(await t.db.selectFrom('stored_files').select('id').where('id', 'in', fileIds).execute()).toEqual(
        [],
      );
      const consent = await t.db
        .selectFrom('case_consents')
        .selectAll()
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(consent).toMatchObject({
        contact: null,
        scope: null,
        confirmation_token_hash: null,
        kind: 'email',
      });
      // Statistics: who took part and when stays.
      const participants = await t.db
        .selectFrom('case_participants')
        .select(['organisation_id', 'taken_at', 'first_answer_at'])
        .where('case_id', '=', id)
        .execute();
      expect(participants).toHaveLength(1);
      expect(participants[0]!.organisation_id).toBe(caf.organisationId);
      expect(participants[0]!.taken_at).not.toBeNull();
      expect(participants[0]!.first_answer_at).not.toBeNull();
      const entries = await journalOf(id, 'delete');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor_id: helper.id,
        actor_role: 'helper',
        subject_type: 'case',
        reason: 'effacement à la demande de l’usager',
      });

      const page = await t.app.inject({
        url: `/dossiers/${id}?ok=effacement`,
        headers: { cookie: helperCookie },
      });
      expect(page.body).toContain('Les données personnelles de l’usager sont effacées');
      expect(page.body).toContain('à la demande de l’usager');
      expect(page.body).not.toContain('Exportée');
      expect(page.body).not.toContain('Exporter les données de l’usager');

      // The nightly retention job leaves it alone: nothing is erased twice.
      await eraseExpiredPersonalData(
        t.db,
        { reminderWorkingDays: 5, retentionMonths: 6 },
        new Date(Date.now() + 400 * 86400_000),
      );
      expect(await journalOf(id, 'delete')).toHaveLength(1);
    });

    it('makes a second erasure harmless: nothing changes, nothing more is journaled', async () => {
      const id = await caseWithThread();
      expect(await eraseCaseOnResidentRequest(deps(), helper, id)).toBe('erased');
      const before = await t.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const messageCount = (
        await t.db.selectFrom('case_messages').select('id').where('case_id', '=', id).execute()
      ).length;
      expect(await eraseCaseOnResidentRequest(deps(), helper, id)).toBe('already-erased');
      const again = await postForm(
        `/dossiers/${id}/effacement`,
        helperCookie,
        { confirmation: 'oui' },
        `/dossiers/${id}`,
      );
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe(`/dossiers/${id}?ok=deja-efface`);
      const confirm = await t.app.inject({
        url: `/dossiers/${id}/effacement`,
        headers: { cookie: helperCookie },
      });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('déjà effacées');
      expect(confirm.body).not.toContain('name="confirmation"');
      expect(
        await t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      ).toEqual(before);
      expect(
        await t.db.selectFrom('case_messages').select('id').where('case_id', '=', id).execute(),
      ).toHaveLength(messageCount);
      expect(await journalOf(id, 'delete')).toHaveLength(1);
    });

    it('erases all or nothing: when the journal cannot be written, the case, its texts and its files stay', async () => {
      const id = await caseWithThread();
      const caseBefore = await t.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const messagesBefore = await t.db
        .selectFrom('case_messages')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('id')
        .execute();
      const consentBefore = await t.db
        .selectFrom('case_consents')
        .selectAll()
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow();
      const filesBefore = await t.db
        .selectFrom('stored_files')
        .select('id')
        .where('owner_type', '=', 'case')
        .where('owner_id', '=', id)
        .orderBy('id')
        .execute();
      expect(filesBefore).toHaveLength(3);
      // The journal line is the erasure's last write: refusing it must undo the erasure, the closing and the event.
      await whileJournalRefuses(t.db, 'case', 'delete', () =>
        expect(eraseCaseOnResidentRequest(deps(), helper, id)).rejects.toThrow(/journal indisponible/),
      );
      expect(
        await t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      ).toEqual(caseBefore);
      expect(
        await t.db.selectFrom('case_messages').selectAll().where('case_id', '=', id).orderBy('id').execute(),
      ).toEqual(messagesBefore);
      expect(
        await t.db
          .selectFrom('case_consents')
          .selectAll()
          .where('case_id', '=', id)
          .executeTakeFirstOrThrow(),
      ).toEqual(consentBefore);
      expect(
        await t.db
          .selectFrom('stored_files')
          .select('id')
          .where('owner_type', '=', 'case')
          .where('owner_id', '=', id)
          .orderBy('id')
          .execute(),
      ).toEqual(filesBefore);
      expect(
        await t.db.selectFrom('case_attachments').select('file_id').where('case_id', '=', id).execute(),
      ).toHaveLength(3);
      expect(await journalOf(id, 'delete')).toEqual([]);
    });

    it('erases a closed case, keeping its closing date and usefulness', async () => {
      const id = await caseWithThread();
      await closeCase(deps(), helper, id, {
        usefulness: 'partly',
        outcome: 'Réversion versée à Mme Exportée',
      });
      const closedAt = (
        await t.db.selectFrom('cases').select('closed_at').where('id', '=', id).executeTakeFirstOrThrow()
      ).closed_at;
      const response = await postForm(
        `/dossiers/${id}/effacement`,
        helperCookie,
        { confirmation: 'oui' },
        `/dossiers/${id}`,
      );
      expect(response.statusCode).toBe(303);
      const c = await t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(c).toMatchObject({
        status: 'closed',
        usefulness: 'partly',
        outcome: erasedOnRequestOutcome,
        resident_last_name: null,
      });
      expect(new Date(c.closed_at!).getTime()).toBe(new Date(closedAt!).getTime());
      const last = await t.db
        .selectFrom('case_messages')
        .select('body')
        .where('case_id', '=', id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(last.body).toBe('a effacé les données personnelles à la demande de l’usager.');
    });

    it('refuses other roles and other organisations without leaking the case, and a form without its CSRF token', async () => {
      const id = await caseWithThread();
      const journalBefore = (
        await t.db.selectFrom('audit_journal').select('id').where('subject_id', '=', id).execute()
      ).length;
      const cases: [string, number][] = [
        ['caf@demo.localhost', 403], // invited organisation: sees the case, may not act for the resident
        ['responsable-caf@demo.localhost', 403],
        ['mairie@demo.localhost', 404], // another helper's organisation: the case does not exist for them
        ['cpam@demo.localhost', 404],
        ['admin@demo.localhost', 404], // metadata only
        ['usager@demo.localhost', 403],
        ['pilote@demo.localhost', 403],
      ];
      for (const [email, status] of cases) {
        const cookie = await sessionCookieFor(t, email);
        const { csrf } = await formContext(t, '/', cookie);
        for (const [method, url, fields] of [
          ['POST', `/dossiers/${id}/donnees-usager`, {}],
          ['GET', `/dossiers/${id}/effacement`, null],
          ['POST', `/dossiers/${id}/effacement`, { confirmation: 'oui' }],
        ] as const) {
          const response =
            method === 'GET'
              ? await t.app.inject({ url, headers: { cookie } })
              : await t.app.inject({
                  method,
                  url,
                  payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
                  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
                });
          expect(response.statusCode, `${email} ${method} ${url}`).toBe(status);
          expect(response.body, `${email} ${method} ${url}`).not.toContain('Exportée');
        }
      }
      const anonymous = await t.app.inject({
        method: 'POST',
        url: `/dossiers/${id}/effacement`,
        payload: '_csrf=faux&confirmation=oui',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(anonymous.statusCode).toBe(403);
      const anonymousPage = await t.app.inject({ url: `/dossiers/${id}/effacement` });
      expect(anonymousPage.statusCode).toBe(401);
      // The helper's own session, with a wrong or missing CSRF token.
      for (const payload of ['_csrf=faux&confirmation=oui', 'confirmation=oui']) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/dossiers/${id}/effacement`,
          payload,
          headers: { cookie: helperCookie, 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect([400, 403]).toContain(response.statusCode);
        expect(response.body).toContain('lang="fr"');
      }
      const forged = await t.app.inject({
        method: 'POST',
        url: `/dossiers/${id}/donnees-usager`,
        payload: '_csrf=faux',
        headers: { cookie: helperCookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(forged.statusCode).toBe(403);
      expect(forged.body).not.toContain('Exportée');
      const c = await t.db
        .selectFrom('cases')
        .select(['resident_last_name', 'personal_data_erased_at', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(c).toMatchObject({ resident_last_name: 'Exportée', personal_data_erased_at: null });
      expect(c.status).not.toBe('closed');
      // Refusals read nothing: no export, no deletion journaled.
      const after = await t.db
        .selectFrom('audit_journal')
        .select(['action'])
        .where('subject_id', '=', id)
        .execute();
      expect(after.length).toBe(journalBefore);
    });
  });
}
