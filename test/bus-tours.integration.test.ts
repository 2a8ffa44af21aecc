// The bus's tours edited in pages, on PGlite and PostgreSQL: bad input refused beside its field with nothing stored
// (unknown INSEE code, a commune of another territory, 25:00, an end before the start, a rhythm of 0, reversed
// dates); the pilot adds a stop, changes one (the commune's bus page, the resident's plan and the bookable slots
// follow), cancels a passage (shown like a closure, no slot that day) and restores it, removes a stop; a change that
// would leave a booked appointment without a bus is refused with the list of those appointments; every change is
// journaled; another organisation's manager and another territory's pilot are refused; the seed applied again
// leaves an edited tour alone.
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
} from './helpers.ts';
import { encodeSlotId } from '../src/features/appointments/slots.ts';
import { buildPlan } from '../src/features/navigator/plan.ts';
import { applyTerritorySeed, readTerritorySeed, territorySeedFiles } from '../src/features/territory/seed.ts';

const tour = 'bus-france-services-grand-cahors';
// The demo motif the public books in the bus: 30 minutes, at least 2 hours ahead (appointments/demo.ts).
const fsMotif = '0a0b0c00-0000-4000-8000-000000000001';
const person = { firstName: 'Camille', lastName: 'Martin', email: 'camille@exemple.localhost' };
// A stop added in 46010, a commune of the bassin de vie of Cahors where the bus does not stop yet.
const newStop = {
  commune: '46010',
  adresse: 'Place de la mairie',
  premier: '2026-12-11',
  rythme: '2',
  debut: '09:30',
  fin: '11:30',
  dernier: '',
};

interface SlotJson {
  id: string;
  start: string;
}

for (const kind of databaseKinds) {
  describe(`bus tours edited in pages (${kind})`, () => {
    let t: TestApp;
    let pilot: TestUser;
    let arcambal: string;
    let arcambalRange: string;
    beforeAll(async () => {
      // Sunday 6 December 2026. Arcambal's demo stop: every other Monday 9:00–12:00 from Monday 7 December; the
      // bus crew's demo range there is the same (every other Monday 9:00–12:00 from 7 December).
      t = await buildTestApp({
        kind,
        config: { fixedToday: '2026-12-06' },
        env: { RATE_LIMIT_BOOKING_PER_MINUTE: '1000' },
      });
      pilot = await demoUser(t, 'pilote@demo.localhost');
      arcambal = (
        await t.db
          .selectFrom('bus_stops')
          .innerJoin('places', 'places.id', 'bus_stops.place_id')
          .select('bus_stops.id')
          .where('places.slug', '=', 'arret-bus-arcambal')
          .executeTakeFirstOrThrow()
      ).id;
      arcambalRange = (
        await t.db
          .selectFrom('opening_ranges')
          .innerJoin('places', 'places.id', 'opening_ranges.place_id')
          .select('opening_ranges.id')
          .where('places.slug', '=', 'arret-bus-arcambal')
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(async () => {
      await t?.close();
    });

    const stopUrl = () => `/offre/bus/${tour}/arrets/${arcambal}`;
    const count = async (table: string, where = sql`true`) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(t.db))
          .rows[0]!.n,
      );
    const stored = async () => ({
      stops: await count('bus_stops'),
      places: await count('places'),
      cancellations: await count('bus_passage_cancellations'),
      journal: await count('audit_journal', sql`subject_type like 'bus-%'`),
      arcambal: await t.db.selectFrom('bus_stops').selectAll().where('id', '=', arcambal).executeTakeFirst(),
    });
    const slotStarts = async (from: string, days: number) =>
      (await t.app.inject(`/api/v1/slots?place=arret-bus-arcambal&from=${from}&days=${days}`))
        .json<{ slots: SlotJson[] }>()
        .slots.map((s) => s.start);
    const journalOf = (subjectType: string, action: string) =>
      t.db
        .selectFrom('audit_journal')
        .select(['actor_id', 'reason', 'subject_id'])
        .where('subject_type', '=', subjectType)
        .where('action', '=', action)
        .execute();

    it('refuses bad input beside its field in French, and stores nothing', async () => {
      const before = await stored();
      const cases: [Record<string, string>, string, string][] = [
        [{ commune: '99999' }, 'commune', 'ne correspond à aucune commune'],
        [{ commune: 'Cahors' }, 'commune', 'ne correspond à aucune commune'],
        [{ commune: '46102' }, 'commune', 'Figeac (46102) n’est pas une commune du territoire de ce bus'],
        [{ debut: '25:00' }, 'debut', 'Heure de début invalide'],
        [{ debut: '12:00', fin: '09:00' }, 'fin', 'L’heure de fin doit être après l’heure de début'],
        [{ rythme: '0' }, 'rythme', 'entre 1 et 8'],
        [{ premier: '2027-02-01', dernier: '2027-01-04' }, 'dernier', 'ne peut pas être avant le premier'],
        [{ premier: '2026-11-30' }, 'premier', 'ne peut pas être passé'],
      ];
      for (const [bad, field, message] of cases) {
        const response = await postForm(t, pilot, `/offre/bus/${tour}/arrets`, { ...newStop, ...bad });
        expect(response.statusCode, JSON.stringify(bad)).toBe(400);
        expect(response.body).toContain(`id="${field}-error"`);
        expect(response.body).toContain(message);
        // The summary links to the field, and what was typed is kept.
        expect(response.body).toContain(`href="#${field}"`);
        expect(response.body).toContain(`value="${Object.values(bad)[0]}"`);
      }
      const edit = await postForm(t, pilot, stopUrl(), {
        premier: '2026-12-07',
        rythme: '2',
        debut: '25:00',
        fin: '12:00',
      });
      expect(edit.statusCode).toBe(400);
      expect(edit.body).toContain('id="debut-error"');
      expect(await stored()).toEqual(before);
    });

    it('lets only the bus’s organisation, the pilot and administrators change the tour', async () => {
      for (const email of ['responsable-caf@demo.localhost', 'pilote-figeac@demo.localhost']) {
        const other = await demoUser(t, email);
        expect((await getPage(t, other, `/offre/bus/${tour}`)).statusCode).toBe(403);
        expect((await postForm(t, other, `/offre/bus/${tour}/arrets`, newStop)).statusCode).toBe(403);
      }
      const admin = await demoUser(t, 'admin@demo.localhost');
      const page = await getPage(t, admin, `/offre/bus/${tour}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Arcambal');
      const offer = await getPage(t, pilot, '/offre');
      expect(offer.body).toContain(`href="/offre/bus/${tour}"`);
    });

    it('adds a stop: the commune’s bus page shows its next passage, journaled with the pilot', async () => {
      const response = await postForm(t, pilot, `/offre/bus/${tour}/arrets`, newStop);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/offre/bus/${tour}?ok=1`);
      const place = await t.db
        .selectFrom('places')
        .innerJoin('organisations', 'organisations.id', 'places.organisation_id')
        .select(['places.kind', 'places.address_line', 'organisations.slug'])
        .where('places.commune_insee', '=', '46010')
        .executeTakeFirstOrThrow();
      expect(place).toEqual({
        kind: 'bus-stop',
        address_line: 'Place de la mairie',
        slug: 'france-services-lot',
      });
      // Friday 11 December 2026, then every other Friday.
      const page = await t.app.inject('/bus/46010');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('data-next-passage="2026-12-11"');
      expect(page.body).toContain('un vendredi sur deux, de 9 h 30 à 11 h 30');
      const lines = await journalOf('bus-stop', 'create');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.actor_id).toBe(pilot.id);
      expect(lines[0]!.reason).toContain('un vendredi sur deux de 9 h 30 à 11 h 30');
      const edited = await t.db
        .selectFrom('bus_tours')
        .select('edited_at')
        .where('slug', '=', tour)
        .executeTakeFirstOrThrow();
      expect(edited.edited_at).not.toBeNull();
    });

    it('changes a stop: the bus page, the resident’s plan and the bookable slots follow', async () => {
      expect((await t.app.inject('/bus/46007')).body).toContain('data-next-passage="2026-12-07"');
      expect((await slotStarts('2026-12-07', 1))[0]).toBe('2026-12-07T09:00:00+01:00');
      const oldSlot = encodeSlotId({
        rangeId: arcambalRange,
        date: '2026-12-07',
        time: '09:00',
        motifId: fsMotif,
      });

      // Every Monday from 14 December, 10:00–11:00.
      const response = await postForm(t, pilot, stopUrl(), {
        premier: '2026-12-14',
        rythme: '1',
        debut: '10:00',
        fin: '11:00',
        dernier: '',
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Jours et heures enregistrés');
      const page = (await t.app.inject('/bus/46007')).body;
      expect(page).toContain('data-next-passage="2026-12-14"');
      expect(page).toContain('chaque lundi, de 10 h à 11 h');

      // A resident of Arcambal who lost their job is sent to the bus, and told its new next passage.
      const plan = await buildPlan(
        t.db,
        {
          lifeEvent: 'job-loss',
          eventDate: '2026-12-01',
          request: {
            month: '2026-12',
            commune: '46007',
            household: { members: [{ role: 'applicant', birthDate: '1985-03-14' }] },
          },
          today: '2026-12-06',
        },
        new Date('2026-12-06T10:00:00Z'),
      );
      const atBus = plan.procedures.map((p) => p.place).filter((p) => p?.slug === 'arret-bus-arcambal');
      expect(atBus.length).toBeGreaterThan(0);
      expect(atBus[0]!.nextPassage).toEqual({
        date: '2026-12-14',
        text: 'lundi 14 décembre 2026, de 10 h à 11 h',
      });

      // The crew's range (every other Monday 9:00–12:00 from 7 December) meets the bus (every Monday 10:00–11:00
      // from 14 December) on 21 December only, 10:00–11:00: two slots of 30 minutes over these three weeks.
      expect(await slotStarts('2026-12-07', 21)).toEqual([
        '2026-12-21T10:00:00+01:00',
        '2026-12-21T10:30:00+01:00',
      ]);
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: { slot: oldSlot, person, consent: true },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Le bus ne passe pas à cet arrêt ce jour-là');
      const lines = await journalOf('bus-stop', 'update');
      expect(lines.map((l) => l.subject_id)).toEqual([arcambal]);
      expect(lines[0]!.reason).toContain('chaque lundi de 10 h à 11 h');
      expect(lines[0]!.reason).toContain('avant : un lundi sur deux de 9 h à 12 h');
    });

    it('cancels a passage like a closure, restores it, and never leaves a booked appointment without a bus', async () => {
      // Monday 4 January 2027: the crew's range and the bus meet, 10:00–11:00.
      expect(await slotStarts('2027-01-04', 1)).toHaveLength(2);
      const booked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/appointments',
        payload: { slot: (await slotFor('2026-12-21')).id, person, consent: true },
      });
      expect(booked.statusCode).toBe(201);
      const before = await stored();

      // The 21 December passage holds Camille's appointment at 10:00: cancelling it, shortening the hours or
      // removing the stop is refused, naming the appointment (not the person), and nothing changes.
      const cancel = await postForm(t, pilot, `${stopUrl()}/annulations`, { date: '2026-12-21', motif: '' });
      expect(cancel.statusCode).toBe(400);
      expect(cancel.body).toContain('Un rendez-vous pris ne serait plus dans un passage du bus');
      expect(cancel.body).toContain('lundi 21 décembre 2026 à 10 h (Aide à une démarche administrative)');
      expect(cancel.body).not.toContain('Camille');
      const shorter = await postForm(t, pilot, stopUrl(), {
        premier: '2026-12-14',
        rythme: '1',
        debut: '10:30',
        fin: '11:00',
      });
      expect(shorter.statusCode).toBe(400);
      expect(shorter.body).toContain('id="rendez-vous"');
      expect(shorter.body).toContain('href="#rendez-vous"');
      const removed = await postForm(t, pilot, `${stopUrl()}/supprimer`, {});
      expect(removed.statusCode).toBe(400);
      expect(await stored()).toEqual(before);

      // Not a passage, or already past: said beside the field.
      for (const [date, message] of [
        ['2026-12-22', 'Le bus ne passe pas à Arcambal le mardi 22 décembre 2026'],
        ['2026-11-30', 'Ce passage est déjà passé'],
      ] as const) {
        const wrong = await postForm(t, pilot, `${stopUrl()}/annulations`, { date, motif: '' });
        expect(wrong.statusCode).toBe(400);
        expect(wrong.body).toContain('id="date-error"');
        expect(wrong.body).toContain(message);
      }

      // 4 January holds no appointment: cancelled, residents see it, no slot that day, the calendar says so.
      const ok = await postForm(t, pilot, `${stopUrl()}/annulations`, {
        date: '2027-01-04',
        motif: 'Bus en révision',
      });
      expect(ok.statusCode).toBe(200);
      const page = (await t.app.inject('/bus/46007')).body;
      expect(page).toContain('data-cancelled-passages');
      expect(page).toContain('lundi 4 janvier 2027, de 10 h à 11 h : Bus en révision');
      expect(page).toContain('data-next-passage="2026-12-14"');
      expect((await t.app.inject('/lieux/arret-bus-arcambal')).body).toContain('data-cancelled="2027-01-04"');
      expect((await t.app.inject('/bus/46007/passages.ics')).body).toContain('STATUS:CANCELLED');
      expect(await slotStarts('2027-01-04', 1)).toEqual([]);
      const created = await journalOf('bus-passage-cancellation', 'create');
      expect(created).toHaveLength(1);
      expect(created[0]!.actor_id).toBe(pilot.id);
      expect(created[0]!.reason).toContain('2027-01-04 annulé : Bus en révision');

      const restore = await postForm(
        t,
        pilot,
        `${stopUrl()}/annulations/${created[0]!.subject_id}/retablir`,
        {},
      );
      expect(restore.statusCode).toBe(200);
      expect(await slotStarts('2027-01-04', 1)).toHaveLength(2);
      expect(await journalOf('bus-passage-cancellation', 'delete')).toHaveLength(1);
    });

    it('removes a stop, and the seed applied again leaves the edited tour as people left it', async () => {
      const stop = await t.db
        .selectFrom('bus_stops')
        .innerJoin('places', 'places.id', 'bus_stops.place_id')
        .select('bus_stops.id')
        .where('places.commune_insee', '=', '46010')
        .executeTakeFirstOrThrow();
      const response = await postForm(t, pilot, `/offre/bus/${tour}/arrets/${stop.id}/supprimer`, {});
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/offre/bus/${tour}?ok=2`);
      expect((await t.app.inject('/bus/46010')).statusCode).toBe(404);
      expect((await journalOf('bus-stop', 'delete')).map((l) => l.subject_id)).toEqual([stop.id]);

      const before = await stored();
      for (const file of territorySeedFiles()) await applyTerritorySeed(t.db, readTerritorySeed(file));
      expect(await stored()).toEqual(before);
      expect((await t.app.inject('/bus/46007')).body).toContain('chaque lundi, de 10 h à 11 h');
    });

    async function slotFor(date: string): Promise<SlotJson> {
      const slots = (await t.app.inject(`/api/v1/slots?place=arret-bus-arcambal&from=${date}&days=1`)).json<{
        slots: SlotJson[];
      }>().slots;
      return slots[0]!;
    }
  });
}
