// Booking from a shared case, on PGlite and PostgreSQL: the case page offers it, the booking form takes the
// resident's name and contact from the case when the agent may reuse them (journaled), the booking writes
// "a pris rendez-vous pour l'usager le …" on the case's thread in its transaction and keeps the case's
// reference; strangers to the case, an invited organisation before the resident's confirmation and a closed
// case are refused with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  buildTestApp,
  databaseKinds,
  demoUser,
  getPage,
  postForm,
  type TestApp,
  type TestUser,
} from '../../../test/helpers.ts';
import { openCaseThroughForm } from '../../../test/factories.ts';

// The demo setup (demo.ts): France Services de Catus, Tuesday 9:00–12:00 with the France Services agent, the
// 30-minute public motif "Aide à une démarche administrative".
const fsMotif = '0a0b0c00-0000-4000-8000-000000000001';

/** Opens a case as the France Services helper through the real form, with the resident's contact. */
const openCase = (t: TestApp, change: Record<string, string> = {}) =>
  openCaseThroughForm(t, ['caf-lot'], [], {
    telephone: '06 11 22 33 44',
    courriel: 'jeanne.martin@exemple.localhost',
    ...change,
  });

for (const kind of databaseKinds) {
  describe(`booking from a shared case on ${kind}`, () => {
    let t: TestApp;
    let aidant: TestUser;
    let slots: string[];
    beforeAll(async () => {
      // Sunday 6 December 2026: Tuesday 8 December is open for booking.
      t = await buildTestApp({ kind, config: { fixedToday: '2026-12-06' } });
      aidant = await demoUser(t, 'aidant@demo.localhost');
      slots = (
        await t.app.inject(
          `/api/v1/slots?place=france-services-catus&from=2026-12-08&days=1&motif=${fsMotif}`,
        )
      )
        .json<{ slots: { id: string }[] }>()
        .slots.map((s) => s.id);
    });
    afterAll(async () => {
      await t?.close();
    });

    const appointments = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from appointments`.execute(t.db)).rows[0]!.n;
    const events = (caseId: string) =>
      t.db
        .selectFrom('case_messages')
        .select(['author_id', 'body'])
        .where('case_id', '=', caseId)
        .where('kind', '=', 'event')
        .orderBy('id')
        .execute();
    const book = (user: TestUser, caseId: string, slot: string) =>
      postForm(t, user, '/agenda/rdv/reserver', {
        creneau: slot,
        dossier: caseId,
        prenom: 'Jeanne',
        nom: 'Martin',
        courriel: 'jeanne.martin@exemple.localhost',
        telephone: '06 11 22 33 44',
        consentement: 'oui',
      });

    it('books from the case with the resident’s contact, writes the thread and keeps the case', async () => {
      const caseId = await openCase(t);
      const page = await getPage(t, aidant, `/dossiers/${caseId}`);
      expect(page.body).toContain(`href="/agenda/rdv?dossier=${caseId}"`);
      expect(page.body).toContain('Prendre un rendez-vous pour cette personne');
      const reference = caseId.slice(0, 8).toUpperCase();
      const places = await getPage(t, aidant, `/agenda/rdv?dossier=${caseId}`);
      expect(places.statusCode).toBe(200);
      expect(places.body).toContain(`Prendre rendez-vous pour l’usager du dossier ${reference}`);
      expect(places.body).toContain(`lieu=france-services-catus&amp;dossier=${caseId}`);

      const form = await getPage(t, aidant, `/agenda/rdv/reserver?creneau=${slots[0]}&dossier=${caseId}`);
      expect(form.statusCode).toBe(200);
      for (const value of ['Jeanne', 'Martin', 'jeanne.martin@exemple.localhost', '06 11 22 33 44'])
        expect(form.body).toContain(`value="${value}"`);
      expect(form.body).toContain('ses coordonnées sont reprises du dossier');
      expect(form.body).toContain(`name="dossier" value="${caseId}"`);
      const read = await t.db
        .selectFrom('audit_journal')
        .select(['actor_id', 'action'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('reason', '=', 'coordonnées de l’usager pour prendre un rendez-vous')
        .execute();
      expect(read).toEqual([{ actor_id: aidant.id, action: 'read' }]);

      const response = await book(aidant, caseId, slots[0]!);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/dossiers/${caseId}?ok=rendez-vous`);
      const row = await t.db
        .selectFrom('appointments')
        .select(['case_id', 'booked_via', 'booked_by', 'phone', 'starts_at'])
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        case_id: caseId,
        booked_via: 'agent',
        booked_by: aidant.id,
        phone: '0611223344',
      });
      expect(row.starts_at.toISOString()).toBe('2026-12-08T08:00:00.000Z');
      expect(await events(caseId)).toEqual([
        {
          author_id: aidant.id,
          body: 'a pris rendez-vous pour l’usager le mardi 8 décembre 2026 à 9 h, France Services de Catus (Aide à une démarche administrative).',
        },
      ]);
      const after = await getPage(t, aidant, `/dossiers/${caseId}?ok=rendez-vous`);
      expect(after.body).toContain('Le rendez-vous est pris');
      expect(after.body).toContain('a pris rendez-vous pour l’usager le mardi 8 décembre 2026 à 9 h');
      const journal = await t.db
        .selectFrom('audit_journal')
        .select('action')
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('reason', '=', 'rendez-vous pris pour l’usager')
        .execute();
      expect(journal).toEqual([{ action: 'update' }]);
    });

    it('lets an invited organisation book once the resident has agreed, without the contact once consent expired', async () => {
      const caseId = await openCase(t);
      const caf = await demoUser(t, 'caf@demo.localhost');
      const form = await getPage(t, caf, `/agenda/rdv/reserver?creneau=${slots[1]}&dossier=${caseId}`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="Jeanne"');
      await t.db
        .updateTable('case_consents')
        .set({ given_on: '2026-06-01', expires_on: '2026-12-01' })
        .where('case_id', '=', caseId)
        .execute();
      const expired = await getPage(t, caf, `/agenda/rdv/reserver?creneau=${slots[1]}&dossier=${caseId}`);
      expect(expired.statusCode).toBe(200);
      expect(expired.body).not.toContain('value="Jeanne"');
      expect(expired.body).not.toContain('jeanne.martin@exemple.localhost');
      expect(expired.body).toContain('ses coordonnées ne sont pas reprises');
    });

    it('refuses strangers to the case, an organisation waiting for consent and a closed case; nothing stored', async () => {
      const caseId = await openCase(t);
      const before = await appointments();
      // Another organisation's helper: the case is not theirs to see.
      const mairie = await demoUser(t, 'mairie@demo.localhost');
      expect((await getPage(t, mairie, `/agenda/rdv?dossier=${caseId}`)).statusCode).toBe(404);
      expect(
        (await getPage(t, mairie, `/agenda/rdv/reserver?creneau=${slots[2]}&dossier=${caseId}`)).statusCode,
      ).toBe(404);
      expect((await book(mairie, caseId, slots[2]!)).statusCode).toBe(404);
      // A case that does not exist.
      expect((await book(aidant, '5c0a5e00-0000-4000-8000-0000000000ff', slots[2]!)).statusCode).toBe(404);

      // Consent by e-mail not yet confirmed: the invited CAF sees nothing of the case.
      const pending = await openCase(t, {
        consentement_type: 'email',
        consentement_contact: 'jeanne.martin@exemple.localhost',
      });
      const caf = await demoUser(t, 'caf@demo.localhost');
      expect((await getPage(t, caf, `/agenda/rdv?dossier=${pending}`)).statusCode).toBe(403);
      expect((await book(caf, pending, slots[2]!)).statusCode).toBe(403);

      // A closed case: no button, no booking.
      await t.db
        .updateTable('cases')
        .set({ status: 'closed', closed_at: new Date() })
        .where('id', '=', caseId)
        .execute();
      expect((await getPage(t, aidant, `/dossiers/${caseId}`)).body).not.toContain('/agenda/rdv?dossier=');
      expect((await getPage(t, aidant, `/agenda/rdv?dossier=${caseId}`)).statusCode).toBe(409);
      expect((await book(aidant, caseId, slots[2]!)).statusCode).toBe(409);

      expect(await appointments()).toBe(before);
      expect(await events(caseId)).toEqual([]);
      expect(await events(pending)).toEqual([]);
    });

    it('keeps only references to real cases (a foreign key)', async () => {
      const row = await t.db
        .selectFrom('appointments')
        .selectAll()
        .where('case_id', 'is not', null)
        .executeTakeFirstOrThrow();
      await expect(
        sql`update appointments set case_id = ${'5c0a5e00-0000-4000-8000-0000000000ff'} where id = ${row.id}`.execute(
          t.db,
        ),
      ).rejects.toMatchObject({ code: '23503' });
    });
  });
}
