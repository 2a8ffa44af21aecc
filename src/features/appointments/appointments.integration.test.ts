// The public appointments API on PGlite and PostgreSQL: free slots (holidays, closures, agents-only motifs), booking
// without an account, the database refusing a double booking even under concurrency, bad input with nothing
// stored, cancelling once with the link's token, and the reminder 48 hours before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildTestApp, databaseKinds, type TestApp } from '../../../test/helpers.ts';
import { encodeSlotId } from './slots.ts';

// The demo setup (src/features/appointments/demo.ts): at France Services de Catus, the France Services agent
// holds Monday, Tuesday and Friday 9:00–12:00 (30-minute public motif, and a 45-minute agents-only one); the CAF's
// agent holds Thursday 14:00–17:00 (30-minute public motif, booked at least 24 h ahead).
const fsMotif = '0a0b0c00-0000-4000-8000-000000000001';
const socialMotif = '0a0b0c00-0000-4000-8000-000000000002';

interface SlotJson {
  id: string;
  start: string;
  end: string;
  motif: { id: string; label: string };
  place: string;
}

const person = { firstName: 'Camille', lastName: 'Martin', email: 'camille@exemple.localhost' };

for (const kind of databaseKinds) {
  describe(`appointments API on ${kind}`, () => {
    let t: TestApp;
    let rangeId: string;
    beforeAll(async () => {
      // Sunday 6 December 2026: the week after is open for booking.
      // The booking rate limit (20 a minute per address) is raised here: every request comes from one address.
      t = await buildTestApp({
        kind,
        config: { fixedToday: '2026-12-06' },
        env: { RATE_LIMIT_BOOKING_PER_MINUTE: '1000' },
      });
      const range = await t.db
        .selectFrom('opening_ranges')
        .innerJoin('places', 'places.id', 'opening_ranges.place_id')
        .select('opening_ranges.id')
        .where('places.slug', '=', 'france-services-catus')
        .where('opening_ranges.weekday', '=', 1)
        .executeTakeFirstOrThrow();
      rangeId = range.id;
    });
    afterAll(async () => {
      await t?.close();
    });

    const slots = async (query: string) => t.app.inject(`/api/v1/slots?${query}`);
    const book = (body: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/appointments', payload: body as object });
    const count = async () =>
      Number((await sql<{ n: number }>`select count(*) as n from appointments`.execute(t.db)).rows[0]!.n);

    it('lists the free public slots of a week, in Paris time', async () => {
      const response = await slots('place=france-services-catus&from=2026-12-07&days=7');
      expect(response.statusCode).toBe(200);
      const list = response.json<{ slots: SlotJson[] }>().slots;
      // Monday, Tuesday, Friday 9:00–12:00 in 30 minutes: 3 × 6 = 18; Thursday 14:00–17:00 for the CAF: 6.
      // The agents-only motif never shows to the public.
      expect(list).toHaveLength(24);
      expect(list[0]).toMatchObject({
        start: '2026-12-07T09:00:00+01:00',
        end: '2026-12-07T09:30:00+01:00',
        motif: { id: fsMotif, label: 'Aide à une démarche administrative' },
        place: 'france-services-catus',
      });
      expect(list.some((s) => s.motif.id === socialMotif)).toBe(false);
      const filtered = (
        await slots(`place=france-services-catus&from=2026-12-07&days=7&motif=${fsMotif}`)
      ).json<{
        slots: SlotJson[];
      }>().slots;
      expect(filtered).toHaveLength(18);
    });

    it('has no slot on a public holiday nor during a closure, and refuses bad queries in French', async () => {
      // Friday 25 December 2026 is Noël.
      expect(
        (await slots('place=france-services-catus&from=2026-12-25&days=1')).json<{ slots: SlotJson[] }>()
          .slots,
      ).toEqual([]);
      const agentsOnly = await slots(
        `place=france-services-catus&from=2026-12-07&days=7&motif=${socialMotif}`,
      );
      expect(agentsOnly.statusCode).toBe(400);
      expect(agentsOnly.headers['content-type']).toContain('application/problem+json');
      expect(agentsOnly.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('motif');
      expect((await slots('place=france-services-catus&from=2026-02-30&days=7')).statusCode).toBe(400);
      expect((await slots('place=nulle-part&from=2026-12-07&days=7')).statusCode).toBe(400);
      expect((await slots('place=france-services-catus&from=2026-12-07&days=400')).statusCode).toBe(400);
    });

    it('books a slot without an account, queues the confirmation with its calendar, and journals it', async () => {
      const first = (await slots('place=france-services-catus&from=2026-12-08&days=1')).json<{
        slots: SlotJson[];
      }>().slots[0]!;
      const response = await book({ slot: first.id, person, consent: true });
      expect(response.statusCode).toBe(201);
      const body = response.json<{
        id: string;
        start: string;
        end: string;
        place: string;
        cancelUrl: string;
      }>();
      expect(body).toMatchObject({ start: first.start, end: first.end, place: 'france-services-catus' });
      expect(body.cancelUrl).toMatch(/\/rendez-vous\/gerer\/[A-Za-z0-9_-]{43}$/);
      const row = await t.db
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'booked', booked_via: 'public', first_name: 'Camille' });
      const mail = await t.db
        .selectFrom('jobs')
        .select('payload')
        .where('idempotency_key', '=', `mail:appointment-confirmation:${body.id}`)
        .executeTakeFirstOrThrow();
      const payload = mail.payload as { to: string; text: string; attachments: { content: string }[] };
      expect(payload.to).toBe(person.email);
      expect(payload.text).toContain(body.cancelUrl);
      expect(payload.attachments[0]!.content).toContain('DTSTART:20261208T080000Z');
      const journal = await t.db
        .selectFrom('audit_journal')
        .select('reason')
        .where('subject_type', '=', 'appointment')
        .where('subject_id', '=', body.id)
        .execute();
      expect(journal).toHaveLength(1);
      // The slot is gone from the list.
      const again = (await slots('place=france-services-catus&from=2026-12-08&days=1')).json<{
        slots: SlotJson[];
      }>().slots;
      expect(again.some((s) => s.id === first.id)).toBe(false);
    });

    it('lets exactly one of twenty simultaneous bookings of one slot through', async () => {
      const slot = (await slots('place=france-services-catus&from=2026-12-11&days=1')).json<{
        slots: SlotJson[];
      }>().slots[0]!;
      const before = await count();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          book({ slot: slot.id, person: { ...person, email: `p${i}@exemple.localhost` }, consent: true }),
        ),
      );
      expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
      const refused = answers.filter((a) => a.statusCode === 409);
      expect(refused).toHaveLength(19);
      expect(refused[0]!.headers['content-type']).toContain('application/problem+json');
      expect(refused[0]!.json<{ detail: string }>().detail).toMatch(/vient d’être réservé/);
      expect(await count()).toBe(before + 1);
    });

    it('refuses the database an overlapping appointment of the same agent, whatever the code does', async () => {
      const row = await t.db
        .selectFrom('appointments')
        .selectAll()
        .where('status', '=', 'booked')
        .executeTakeFirstOrThrow();
      await expect(
        sql`insert into appointments (motif_id, place_id, agent_id, starts_at, ends_at, consent_at, booked_via)
            values (${row.motif_id}, ${row.place_id}, ${row.agent_id}, ${new Date(row.starts_at.getTime() + 10 * 60_000)},
                    ${new Date(row.ends_at.getTime() + 10 * 60_000)}, now(), 'agent')`.execute(t.db),
      ).rejects.toMatchObject({ code: '23P01' });
    });

    it('refuses bad bookings with a French message naming the field, and stores nothing', async () => {
      const before = await count();
      const slot = (await slots('place=france-services-catus&from=2026-12-14&days=1')).json<{
        slots: SlotJson[];
      }>().slots[0]!;
      const cases: [unknown, string, RegExp][] = [
        [{ slot: slot.id, person: { ...person, phone: 'abc' }, consent: true }, 'person.phone', /téléphone/],
        [
          { slot: slot.id, person: { ...person, email: 'pas-un-courriel' }, consent: true },
          'person.email',
          /courriel/,
        ],
        [
          { slot: slot.id, person: { firstName: 'A', lastName: 'B' }, consent: true },
          'person.email',
          /courriel ou un numéro/,
        ],
        [{ slot: slot.id, person, consent: false }, 'consent', /Cochez/],
        [{ slot: 'n-importe-quoi', person, consent: true }, 'slot', /n’existe pas/],
        // Monday 30 November 2026, before today.
        [
          {
            slot: encodeSlotId({ rangeId, date: '2026-11-30', time: '09:00', motifId: fsMotif }),
            person,
            consent: true,
          },
          'slot',
          /passé/,
        ],
        // Monday 7 December at 13:00: the range is 9:00–12:00.
        [
          {
            slot: encodeSlotId({ rangeId, date: '2026-12-07', time: '13:00', motifId: fsMotif }),
            person,
            consent: true,
          },
          'slot',
          /horaires/,
        ],
        // 9:10 is not on the 30-minute grid.
        [
          {
            slot: encodeSlotId({ rangeId, date: '2026-12-07', time: '09:10', motifId: fsMotif }),
            person,
            consent: true,
          },
          'slot',
          /horaires/,
        ],
        // Monday 28 December is fine, but the agents-only motif is not bookable by the public.
        [
          {
            slot: encodeSlotId({ rangeId, date: '2026-12-28', time: '09:00', motifId: socialMotif }),
            person,
            consent: true,
          },
          'slot',
          /agent/,
        ],
      ];
      for (const [body, field, message] of cases) {
        const response = await book(body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const errors = response.json<{ errors: { field: string; message: string }[] }>().errors;
        expect(errors.find((e) => e.field === field)?.message).toMatch(message);
      }
      // A closure of the place on Monday 14 December.
      const place = await t.db
        .selectFrom('places')
        .select('id')
        .where('slug', '=', 'france-services-catus')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('place_closures')
        .values({
          place_id: place.id,
          starts_on: '2026-12-14',
          ends_on: '2026-12-14',
          reason: 'formation de l’équipe',
        })
        .execute();
      const closed = await book({ slot: slot.id, person, consent: true });
      expect(closed.statusCode).toBe(400);
      expect(closed.json<{ detail: string }>().detail).toMatch(/fermé ce jour-là \(formation de l’équipe\)/);
      // Lundi de Pâques 2027 (29 March), a Monday: a public holiday.
      const holiday = await book({
        slot: encodeSlotId({ rangeId, date: '2027-03-29', time: '09:00', motifId: fsMotif }),
        person,
        consent: true,
      });
      expect(holiday.statusCode).toBe(400);
      expect(holiday.json<{ detail: string }>().detail).toMatch(/fermé ce jour-là \(Lundi de Pâques\)/);
      expect(await count()).toBe(before);
    });

    it('cancels once with the link’s token, frees the slot, and says so when the link is used again', async () => {
      const slot = (await slots('place=france-services-catus&from=2026-12-15&days=1')).json<{
        slots: SlotJson[];
      }>().slots[0]!;
      const booked = (await book({ slot: slot.id, person, consent: true })).json<{
        id: string;
        cancelUrl: string;
      }>();
      const token = booked.cancelUrl.split('/').pop()!;
      const cancel = () =>
        t.app.inject({ method: 'POST', url: '/api/v1/appointments/cancellations', payload: { token } });
      const first = await cancel();
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ id: booked.id, status: 'cancelled-by-resident' });
      const second = await cancel();
      expect(second.statusCode).toBe(409);
      expect(second.json<{ detail: string }>().detail).toMatch(/déjà annulé/);
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/appointments/cancellations',
        payload: { token: 'A'.repeat(43) },
      });
      expect(unknown.statusCode).toBe(404);
      const list = (await slots('place=france-services-catus&from=2026-12-15&days=1')).json<{
        slots: SlotJson[];
      }>().slots;
      expect(list.some((s) => s.id === slot.id)).toBe(true);
    });

    it('queues the reminder 48 hours before, once', async () => {
      const slot = (await slots('place=france-services-catus&from=2026-12-18&days=1')).json<{
        slots: SlotJson[];
      }>().slots[0]!;
      const booked = (await book({ slot: slot.id, person, consent: true })).json<{
        id: string;
        start: string;
        cancelUrl: string;
      }>();
      const start = new Date(booked.start);
      const reminderKey = `mail:appointment-reminder:${booked.id}`;
      const reminder = () =>
        t.db.selectFrom('jobs').select('payload').where('idempotency_key', '=', reminderKey).execute();
      // 50 hours before: too early.
      await t.app.jobs.tick(new Date(start.getTime() - 50 * 3_600_000));
      expect(await reminder()).toHaveLength(0);
      // 47 hours before: the reminder is queued, with the same link as the confirmation.
      await t.app.jobs.tick(new Date(start.getTime() - 47 * 3_600_000));
      const rows = await reminder();
      expect(rows).toHaveLength(1);
      expect((rows[0]!.payload as { text: string }).text).toContain(booked.cancelUrl);
      await t.app.jobs.tick(new Date(start.getTime() - 46 * 3_600_000));
      expect(await reminder()).toHaveLength(1);
    });
  });
}
