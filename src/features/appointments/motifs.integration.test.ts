// Motifs edited in pages, on PGlite and PostgreSQL: a manager creates and changes their organisation's motifs (each
// change journaled), bad input says what to correct beside the field and stores nothing, a manager of another
// organisation is refused, a new duration leaves booked appointments where they are, a motif with appointments is
// archived rather than deleted, and the public slots offer a new motif once a range carries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/roles.ts';
import {
  buildTestApp,
  databaseKinds,
  demoUser,
  getPage,
  postForm,
  type TestApp,
} from '../../../test/helpers.ts';
import { newAgent } from '../../../test/factories.ts';
import {
  checkMotifForm,
  createMotif,
  editMotif,
  motifOrganisation,
  removeMotif,
  setMotifArchived,
} from './edit-motifs.ts';
import { createRange } from './agenda.ts';
import { findMotif } from './store.ts';

// The demo setup (demo.ts): the CAF's motif, 30 minutes, public, booked 24 h to 45 days ahead, offered by the CAF's
// agent on Thursdays 14:00–17:00 at France Services de Catus.
const cafMotif = '0a0b0c00-0000-4000-8000-000000000003';

const goodForm = {
  libelle: 'Déclaration de ressources trimestrielle',
  duree: '20',
  modalite: 'phone',
  reservation: 'public',
  delai_min: '4',
  delai_max: '30',
  consignes_avant: 'Ayez vos bulletins de salaire des trois derniers mois.',
  consignes_apres: 'L’agent vous appelle au numéro donné.',
};

async function actorOf(t: TestApp, email: string): Promise<Actor> {
  const u = await t.db
    .selectFrom('users')
    .select(['id', 'role', 'organisation_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const territories = await t.db
    .selectFrom('user_territories')
    .select('territory_id')
    .where('user_id', '=', u.id)
    .execute();
  return {
    id: u.id,
    role: u.role as Actor['role'],
    organisationId: u.organisation_id,
    territoryIds: territories.map((r) => r.territory_id),
  };
}

for (const kind of databaseKinds) {
  describe(`motifs on ${kind}`, () => {
    let t: TestApp;
    let manager: Actor;
    beforeAll(async () => {
      // Sunday 6 December 2026.
      t = await buildTestApp({
        kind,
        config: { fixedToday: '2026-12-06' },
        env: { RATE_LIMIT_BOOKING_PER_MINUTE: '1000' },
      });
      manager = await actorOf(t, 'responsable-caf@demo.localhost');
    });
    afterAll(async () => {
      await t?.close();
    });

    const motifRows = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from appointment_motifs`.execute(t.db)).rows[0]!.n;
    const journalOf = (id: string) =>
      t.db
        .selectFrom('audit_journal')
        .select(['actor_id', 'action', 'reason'])
        .where('subject_type', '=', 'appointment-motif')
        .where('subject_id', '=', id)
        .orderBy('id')
        .execute();

    it('checks a motif form field by field, in French', () => {
      const fields = (form: Record<string, string>) =>
        checkMotifForm({ ...goodForm, ...form }).errors.map((e) => e.field);
      expect(checkMotifForm(goodForm).errors).toEqual([]);
      expect(fields({ duree: '0' })).toEqual(['duree']);
      expect(fields({ duree: 'abc' })).toEqual(['duree']);
      expect(fields({ duree: '481' })).toEqual(['duree']);
      expect(fields({ duree: '12.5' })).toEqual(['duree']);
      expect(fields({ libelle: '   ' })).toEqual(['libelle']);
      expect(fields({ modalite: 'bus' })).toEqual(['modalite']);
      expect(fields({ reservation: '' })).toEqual(['reservation']);
      // 48 hours at least before, 2 days at most before: no time left to book.
      expect(fields({ delai_min: '48', delai_max: '2' })).toEqual(['delai_min']);
      expect(checkMotifForm({ ...goodForm, delai_min: '48', delai_max: '2' }).errors[0]!.message).toBe(
        'Le délai minimum (48 h) doit être plus court que le délai maximum (2 jours, soit 48 h).',
      );
      expect(fields({ delai_min: '47', delai_max: '2' })).toEqual([]);
      expect(fields({ delai_max: '0' })).toEqual(['delai_max']);
      expect(fields({ consignes_apres: 'x'.repeat(1001) })).toEqual(['consignes_apres']);
    });

    it('creates a motif of the manager’s organisation and journals it in the same transaction', async () => {
      const { chosen } = await motifOrganisation(t.db, manager, undefined);
      expect(chosen?.slug).toBe('caf-lot');
      const id = await createMotif(t.db, manager, chosen!, goodForm);
      const motif = await findMotif(t.db, id);
      expect(motif).toMatchObject({
        organisationId: manager.organisationId,
        name: 'Déclaration de ressources trimestrielle',
        durationMinutes: 20,
        channel: 'phone',
        publicBooking: true,
        minDelayHours: 4,
        maxDelayDays: 30,
        instructionsBefore: 'Ayez vos bulletins de salaire des trois derniers mois.',
        instructionsAfter: 'L’agent vous appelle au numéro donné.',
        active: true,
      });
      expect(await journalOf(id)).toEqual([
        { actor_id: manager.id, action: 'create', reason: 'motif créé pour caf-lot' },
      ]);
    });

    it('refuses bad input with the message beside each field and in the summary, storing nothing', async () => {
      const user = await demoUser(t, 'responsable-caf@demo.localhost');
      const before = await motifRows();
      const journalBefore = await t.db
        .selectFrom('audit_journal')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      const response = await postForm(t, user, '/agenda/motifs', {
        ...goodForm,
        organisme: 'caf-lot',
        libelle: '',
        duree: 'abc',
        delai_min: '100',
        delai_max: '3',
      });
      expect(response.statusCode).toBe(400);
      const html = response.body;
      expect(html).toContain('id="libelle-error"');
      expect(html).toContain('id="duree-error"');
      expect(html).toContain('id="delai_min-error"');
      expect(html).toMatch(/Le formulaire contient 3 erreurs/);
      expect(html).toContain('href="#duree"');
      expect(html).toContain('La durée est un nombre de minutes entre 5 et 480, par exemple 30.');
      // What was typed stays in the form.
      expect(html).toContain('value="abc"');
      const zero = await postForm(t, user, '/agenda/motifs', {
        ...goodForm,
        organisme: 'caf-lot',
        duree: '0',
      });
      expect(zero.statusCode).toBe(400);
      expect(zero.body).toContain('id="duree-error"');
      expect(await motifRows()).toBe(before);
      const journalAfter = await t.db
        .selectFrom('audit_journal')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(journalAfter.n).toBe(journalBefore.n);
    });

    it('creates through the page and lists the motif', async () => {
      const user = await demoUser(t, 'responsable-caf@demo.localhost');
      const response = await postForm(t, user, '/agenda/motifs', {
        ...goodForm,
        organisme: 'caf-lot',
        libelle: 'Premier accueil par téléphone',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/agenda/motifs?organisme=caf-lot&ok=cree');
      const list = await getPage(t, user, String(response.headers.location));
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Premier accueil par téléphone');
      expect(list.body).toContain('Motif ajouté');
    });

    it('refuses the motifs of another organisation to its manager (403), and leaves them unchanged', async () => {
      const other = await newAgent(t, { role: 'organisationManager', organisation: 'cpam-lot' });
      const before = await findMotif(t.db, cafMotif);
      expect((await getPage(t, other, `/agenda/motifs/${cafMotif}`)).statusCode).toBe(403);
      expect((await getPage(t, other, '/agenda/motifs?organisme=caf-lot')).statusCode).toBe(403);
      const post = await postForm(t, other, `/agenda/motifs/${cafMotif}`, { ...goodForm, duree: '90' });
      expect(post.statusCode).toBe(403);
      expect((await postForm(t, other, `/agenda/motifs/${cafMotif}/archiver`, {})).statusCode).toBe(403);
      expect(
        (await postForm(t, other, '/agenda/motifs', { ...goodForm, organisme: 'caf-lot' })).statusCode,
      ).toBe(403);
      expect(await findMotif(t.db, cafMotif)).toEqual(before);
      // Their own organisation's page is theirs.
      const own = await getPage(t, other, '/agenda/motifs');
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('CPAM');
      // An agent who is not a manager has no motifs page.
      const agent = await demoUser(t, 'caf@demo.localhost');
      expect((await getPage(t, agent, '/agenda/motifs')).statusCode).toBe(403);
    });

    it('lets the territory’s pilot choose an organisation of their territory only', async () => {
      const pilot = await demoUser(t, 'pilote@demo.localhost');
      const choice = await getPage(t, pilot, '/agenda/motifs');
      expect(choice.statusCode).toBe(200);
      expect(choice.body).toContain('href="/agenda/motifs?organisme=caf-lot"');
      expect((await getPage(t, pilot, '/agenda/motifs?organisme=caf-lot')).statusCode).toBe(200);
      const figeac = await demoUser(t, 'pilote-figeac@demo.localhost');
      expect((await getPage(t, figeac, `/agenda/motifs/${cafMotif}`)).statusCode).toBe(403);
    });

    it('changes the duration for the slots to come, never for the appointments already booked', async () => {
      // Thursday 10 December 2026, 14:00 at Catus with the CAF's agent: booked by the public for 30 minutes.
      const slots = await t.app.inject(
        `/api/v1/slots?place=france-services-catus&from=2026-12-10&days=1&motif=${cafMotif}`,
      );
      const list = slots.json<{ slots: { id: string; start: string; end: string }[] }>().slots;
      // 14:00–17:00 in 30 minutes: 6 slots.
      expect(list).toHaveLength(6);
      const booked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: {
          slot: list[0]!.id,
          person: { firstName: 'Inès', lastName: 'Roux', email: 'ines@exemple.localhost' },
          consent: true,
        },
      });
      expect(booked.statusCode).toBe(201);
      const id = booked.json<{ id: string }>().id;
      const before = await t.db
        .selectFrom('appointments')
        .select(['starts_at', 'ends_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

      // A bad change first: nothing moves.
      const stored = await findMotif(t.db, cafMotif);
      await expect(
        editMotif(t.db, manager, cafMotif, { ...goodForm, libelle: stored!.name, duree: '0' }),
      ).rejects.toMatchObject({ code: 'validation', fields: [{ field: 'duree' }] });
      expect(await findMotif(t.db, cafMotif)).toEqual(stored);

      await editMotif(t.db, manager, cafMotif, {
        libelle: stored!.name,
        duree: '60',
        modalite: 'on-site',
        reservation: 'public',
        delai_min: '24',
        delai_max: '45',
        consignes_avant: stored!.instructionsBefore,
        consignes_apres: stored!.instructionsAfter,
      });
      expect((await findMotif(t.db, cafMotif))!.durationMinutes).toBe(60);
      const after = await t.db
        .selectFrom('appointments')
        .select(['starts_at', 'ends_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      expect(after.ends_at.getTime() - after.starts_at.getTime()).toBe(30 * 60_000);
      // The slots to come last an hour, on the range's grid (14:00, 15:00, 16:00): 14:00–15:00 overlaps the
      // booked 14:00–14:30, so 15:00–16:00 and 16:00–17:00 are left.
      const again = (
        await t.app.inject(
          `/api/v1/slots?place=france-services-catus&from=2026-12-10&days=1&motif=${cafMotif}`,
        )
      ).json<{ slots: { start: string; end: string }[] }>().slots;
      expect(again.map((s) => [s.start, s.end])).toEqual([
        ['2026-12-10T15:00:00+01:00', '2026-12-10T16:00:00+01:00'],
        ['2026-12-10T16:00:00+01:00', '2026-12-10T17:00:00+01:00'],
      ]);
      expect((await journalOf(cafMotif)).at(-1)).toEqual({
        actor_id: manager.id,
        action: 'update',
        reason: 'motif modifié (durée 30 → 60 min)',
      });
    });

    it('archives a motif with appointments instead of deleting it, and deletes an unused one', async () => {
      await expect(removeMotif(t.db, manager, cafMotif)).rejects.toMatchObject({ code: 'conflict' });
      expect(await findMotif(t.db, cafMotif)).toBeDefined();
      await setMotifArchived(t.db, manager, cafMotif, true);
      expect((await findMotif(t.db, cafMotif))!.active).toBe(false);
      const slots = await t.app.inject('/api/v1/slots?place=france-services-catus&from=2026-12-10&days=1');
      expect(
        slots.json<{ slots: { motif: { id: string } }[] }>().slots.some((s) => s.motif.id === cafMotif),
      ).toBe(false);
      // Its appointment is still there.
      expect(
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from appointments where motif_id = ${cafMotif}`.execute(t.db)
        ).rows[0]!.n,
      ).toBe(1);
      await setMotifArchived(t.db, manager, cafMotif, false);
      expect((await findMotif(t.db, cafMotif))!.active).toBe(true);

      const { chosen } = await motifOrganisation(t.db, manager, 'caf-lot');
      const unused = await createMotif(t.db, manager, chosen!, { ...goodForm, libelle: 'À supprimer' });
      await removeMotif(t.db, manager, unused);
      expect(await findMotif(t.db, unused)).toBeUndefined();
      expect((await journalOf(unused)).map((j) => j.action)).toEqual(['create', 'delete']);
      expect((await journalOf(cafMotif)).map((j) => j.reason).slice(-2)).toEqual([
        'motif archivé',
        'motif réactivé',
      ]);
    });

    it('offers a new motif on the public slots page once a range of the organisation carries it', async () => {
      const { chosen } = await motifOrganisation(t.db, manager, undefined);
      const id = await createMotif(t.db, manager, chosen!, {
        ...goodForm,
        libelle: 'Aide à la déclaration en ligne',
        duree: '45',
        modalite: 'on-site',
      });
      const page = () => t.app.inject('/rendez-vous?lieu=france-services-catus').then((r) => r.body);
      expect(await page()).not.toContain('Aide à la déclaration en ligne');
      // The manager holds a Wednesday range at Catus with it.
      await createRange(
        t.db,
        manager,
        { lieu: 'france-services-catus', jour: '3', debut: '09:00', fin: '12:00', motifs: [id] },
        '2026-12-06',
      );
      const html = await page();
      expect(html).toContain('Aide à la déclaration en ligne (45 min, sur place)');
      const slots = (
        await t.app.inject(`/api/v1/slots?place=france-services-catus&from=2026-12-09&days=1&motif=${id}`)
      ).json<{ slots: { start: string }[] }>().slots;
      // 9:00–12:00 in 45 minutes: 9:00, 9:45, 10:30, 11:15.
      expect(slots.map((s) => s.start.slice(11, 16))).toEqual(['09:00', '09:45', '10:30', '11:15']);
    });
  });
}
