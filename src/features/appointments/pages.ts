// The resident's booking pages: no account, no JavaScript. The slots are links, the form posts, the link received
// by mail opens the page to add the appointment to a calendar, cancel or move it. Thin handlers.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { addDays, parseDate } from '../../platform/dates.ts';
import { notFound, type FieldError } from '../../platform/errors.ts';
import { findPlace } from '../territory/store.ts';
import { findFreeSlots, type OfferedSlot } from './find-slots.ts';
import {
  appointmentOfToken,
  attempt,
  bookAppointment,
  cancelByToken,
  describeSlot,
  moveByToken,
  tokenProblem,
  type BookingDeps,
} from './book-appointment.ts';
import { encodeSlotId } from './slots.ts';
import { listMotifs, listRanges } from './store.ts';
import { appointmentCalendar } from './messages.ts';
import { BookingFormPage, ManagePage, MovePage, SlotsPage, type DaySlots } from './views/booking.tsx';

/** Groups slots by day for the pages. */
export function byDay(slots: OfferedSlot[]): DaySlots[] {
  const days: DaySlots[] = [];
  for (const s of slots) {
    let day = days[days.length - 1];
    if (!day || day.date !== s.date) days.push((day = { date: s.date, slots: [] }));
    day.slots.push({ id: encodeSlotId(s), time: s.time, motifName: s.motif.name });
  }
  return days;
}

/** The form's field names for the API's (person.email → courriel). */
export const formFieldOf: Record<string, string> = {
  'person.firstName': 'prenom',
  'person.lastName': 'nom',
  'person.email': 'courriel',
  'person.phone': 'telephone',
  consent: 'consentement',
  slot: 'creneau',
};

export const toFormErrors = (errors: FieldError[]): FieldError[] =>
  errors.map((e) => ({ field: formFieldOf[e.field] ?? e.field, message: e.message }));

const SlotsQuery = Type.Object(
  {
    lieu: Type.String({ maxLength: 80 }),
    motif: Type.Optional(Type.String({ maxLength: 40 })),
    du: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const SlotQuery = Type.Object({ creneau: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const BookingForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    creneau: Type.String({ maxLength: 200 }),
    prenom: Type.Optional(Type.String({ maxLength: 200 })),
    nom: Type.Optional(Type.String({ maxLength: 200 })),
    courriel: Type.Optional(Type.String({ maxLength: 320 })),
    telephone: Type.Optional(Type.String({ maxLength: 40 })),
    consentement: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const ManageQuery = Type.Object(
  {
    confirme: Type.Optional(Type.String({ maxLength: 3 })),
    annule: Type.Optional(Type.String({ maxLength: 3 })),
  },
  { additionalProperties: false },
);
const MoveForm = Type.Object(
  { _csrf: Type.Optional(Type.String()), creneau: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
const CsrfOnly = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false });

/** Registers the resident's booking pages. */
export function registerBookingPages(app: FastifyInstance, deps: () => Omit<BookingDeps, 'requestId'>) {
  const horizon = 14;

  app.get<{ Querystring: Static<typeof SlotsQuery> }>(
    '/rendez-vous',
    { schema: { querystring: SlotsQuery, hide: true } },
    async (request, reply) => {
      const place = await findPlace(app.db, request.query.lieu);
      if (!place) throw notFound('Ce lieu n’existe pas.');
      const today = app.clock.today();
      const from =
        request.query.du && parseDate(request.query.du) && request.query.du > today
          ? request.query.du
          : today;
      const ranges = await listRanges(app.db, { placeIds: [place.id], from });
      const motifs = (
        await listMotifs(app.db, { ids: [...new Set(ranges.flatMap((r) => r.motifIds))] })
      ).filter((m) => m.publicBooking);
      const motif =
        motifs.find((m) => m.id === request.query.motif) ?? (motifs.length === 1 ? motifs[0]! : null);
      const slots = motif
        ? await findFreeSlots(app.db, {
            placeIds: [place.id],
            from,
            days: horizon,
            now: app.clock.now(),
            audience: 'public',
            motifId: motif.id,
          })
        : [];
      const previous = addDays(from, -horizon);
      return reply.page(
        h(SlotsPage, {
          ctx: request.viewContext(),
          place,
          motifs,
          motif,
          days: byDay(slots),
          from,
          nextFrom: addDays(from, horizon),
          previousFrom: from > today ? (previous < today ? today : previous) : null,
          base: '/rendez-vous',
          ...(request.query.motif && !motif
            ? { notice: 'Ce motif n’est pas proposé ici : choisissez-en un dans la liste.' }
            : {}),
        }),
      );
    },
  );

  async function formPage(
    slotId: string,
    values: Record<string, string | undefined>,
    errors: FieldError[],
    taken?: string,
  ) {
    const slot = await describeSlot(app.db, slotId, 'public', app.clock.now());
    if (!slot)
      throw notFound('Ce créneau n’existe pas : choisissez-en un dans la liste des créneaux libres.');
    const place = await findPlace(app.db, slot.range.placeSlug);
    if (!place) throw notFound('Ce lieu n’existe pas.');
    return {
      place,
      props: {
        action: '/rendez-vous/reserver',
        slotId,
        place,
        motif: slot.motif,
        date: slot.date,
        time: slot.time,
        values,
        errors,
        otherSlotsUrl: `/rendez-vous?${new URLSearchParams({ lieu: place.slug, motif: slot.motif.id })}`,
        ...((taken ?? slot.problem) ? { taken: taken ?? slot.problem! } : {}),
      },
    };
  }

  app.get<{ Querystring: Static<typeof SlotQuery> }>(
    '/rendez-vous/reserver',
    { schema: { querystring: SlotQuery, hide: true } },
    async (request, reply) => {
      const { props } = await formPage(request.query.creneau, {}, []);
      return reply
        .status(props.taken ? 409 : 200)
        .page(h(BookingFormPage, { ctx: request.viewContext(), ...props }));
    },
  );

  app.post<{ Body: Static<typeof BookingForm> }>(
    '/rendez-vous/reserver',
    {
      schema: { body: BookingForm, hide: true },
      config: { rateLimit: { max: app.config.appointments.bookingsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await attempt(() =>
        bookAppointment(
          { ...deps(), requestId: request.id },
          {
            slot: b.creneau,
            person: { firstName: b.prenom, lastName: b.nom, email: b.courriel, phone: b.telephone },
            consent: b.consentement === 'oui',
          },
          { kind: 'public' },
        ),
      );
      if (result.ok) return reply.redirect(`/rendez-vous/gerer/${result.value.token}?confirme=1`, 303);
      const { error } = result;
      const slotError = error.fields.find((f) => f.field === 'slot');
      const { props } = await formPage(
        b.creneau,
        b,
        toFormErrors(error.fields),
        error.code === 'conflict' || slotError ? (slotError?.message ?? error.detail) : undefined,
      );
      return reply.status(error.status).page(h(BookingFormPage, { ctx: request.viewContext(), ...props }));
    },
  );

  app.get<{ Params: Static<typeof TokenParams>; Querystring: Static<typeof ManageQuery> }>(
    '/rendez-vous/gerer/:token',
    { schema: { params: TokenParams, querystring: ManageQuery, hide: true } },
    async (request, reply) => {
      const appointment = await appointmentOfToken(app.db, request.params.token);
      reply.header('cache-control', 'no-store');
      return reply.page(
        h(ManagePage, {
          ctx: request.viewContext(),
          token: request.params.token,
          appointment,
          problem: request.query.annule ? null : tokenProblem(appointment, app.clock.now()),
          confirmed: request.query.confirme === '1' && appointment.status === 'booked',
          cancelled: request.query.annule === '1',
          errors: [],
          now: app.clock.now(),
        }),
      );
    },
  );

  app.get<{ Params: Static<typeof TokenParams> }>(
    '/rendez-vous/gerer/:token/rendez-vous.ics',
    { schema: { params: TokenParams, hide: true } },
    async (request, reply) => {
      const appointment = await appointmentOfToken(app.db, request.params.token);
      const url = `${app.config.publicUrl}/rendez-vous/gerer/${request.params.token}`;
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rendez-vous.ics"')
        .header('cache-control', 'no-store')
        .send(appointmentCalendar(appointment, url, app.clock.now()));
    },
  );

  app.post<{ Params: Static<typeof TokenParams>; Body: Static<typeof CsrfOnly> }>(
    '/rendez-vous/gerer/:token/annuler',
    { schema: { params: TokenParams, body: CsrfOnly, hide: true } },
    async (request, reply) => {
      const result = await attempt(() =>
        cancelByToken({ ...deps(), requestId: request.id }, request.params.token),
      );
      if (result.ok) return reply.redirect(`/rendez-vous/gerer/${request.params.token}?annule=1`, 303);
      const appointment = await appointmentOfToken(app.db, request.params.token);
      return reply.status(result.error.status).page(
        h(ManagePage, {
          ctx: request.viewContext(),
          token: request.params.token,
          appointment,
          problem: result.error.detail ?? null,
          confirmed: false,
          cancelled: false,
          errors: [],
        }),
      );
    },
  );

  async function moveSlots(token: string) {
    const appointment = await appointmentOfToken(app.db, token);
    const slots = await findFreeSlots(app.db, {
      placeIds: [appointment.place_id],
      from: app.clock.today(),
      days: 28,
      now: app.clock.now(),
      audience: 'public',
      motifId: appointment.motif_id,
    });
    return { appointment, days: byDay(slots) };
  }

  app.get<{ Params: Static<typeof TokenParams> }>(
    '/rendez-vous/gerer/:token/deplacer',
    { schema: { params: TokenParams, hide: true } },
    async (request, reply) => {
      const { appointment, days } = await moveSlots(request.params.token);
      const problem = tokenProblem(appointment, app.clock.now());
      if (problem)
        return reply.status(409).page(
          h(ManagePage, {
            ctx: request.viewContext(),
            token: request.params.token,
            appointment,
            problem,
            confirmed: false,
            cancelled: false,
            errors: [],
          }),
        );
      return reply.page(
        h(MovePage, { ctx: request.viewContext(), token: request.params.token, appointment, days }),
      );
    },
  );

  app.post<{ Params: Static<typeof TokenParams>; Body: Static<typeof MoveForm> }>(
    '/rendez-vous/gerer/:token/deplacer',
    { schema: { params: TokenParams, body: MoveForm, hide: true } },
    async (request, reply) => {
      const result = await attempt(() =>
        moveByToken({ ...deps(), requestId: request.id }, request.params.token, request.body.creneau),
      );
      if (result.ok) return reply.redirect(`/rendez-vous/gerer/${result.value.token}?confirme=1`, 303);
      const appointment = await appointmentOfToken(app.db, request.params.token);
      return reply.status(result.error.status).page(
        h(ManagePage, {
          ctx: request.viewContext(),
          token: request.params.token,
          appointment,
          problem: tokenProblem(appointment, app.clock.now()),
          confirmed: false,
          cancelled: false,
          errors: [{ field: 'creneau', message: result.error.detail ?? 'Ce créneau n’est plus libre.' }],
        }),
      );
    },
  );
}
