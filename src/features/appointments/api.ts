// The public appointments API: free slots of a place, booking without an account, cancelling with the link's
// token. Names fixed by the issue: GET /api/v1/slots, POST /api/v1/appointments. Thin handlers.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { parisIso, parisLocalIso, parseDate } from '../../platform/dates.ts';
import { invalid } from '../../platform/errors.ts';
import { findPlace } from '../territory/store.ts';
import { findFreeSlots } from './find-slots.ts';
import { bookAppointment, cancelByToken, type BookingDeps } from './book-appointment.ts';
import { encodeSlotId } from './slots.ts';
import { findMotif } from './store.ts';

const SlotsQuery = Type.Object(
  {
    place: Type.String({ pattern: '^[a-z0-9-]{1,80}$', description: 'Identifiant (slug) du lieu' }),
    from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Premier jour, AAAA-MM-JJ' }),
    days: Type.Integer({ minimum: 1, maximum: 62, description: 'Nombre de jours (1 à 62)' }),
    motif: Type.Optional(Type.String({ format: 'uuid', description: 'Identifiant du motif' })),
  },
  { additionalProperties: false },
);

const SlotSchema = Type.Object({
  id: Type.String({ description: 'Identifiant opaque : il sert à réserver ce créneau' }),
  start: Type.String({
    description: 'Début, ISO 8601 avec le décalage de Paris',
    examples: ['2026-12-08T09:15:00+01:00'],
  }),
  end: Type.String(),
  motif: Type.Object({ id: Type.String(), label: Type.String() }),
  place: Type.String({ description: 'Identifiant (slug) du lieu' }),
});

const BookingBody = Type.Object(
  {
    slot: Type.String({ minLength: 1, maxLength: 200 }),
    person: Type.Object(
      {
        firstName: Type.String({ maxLength: 200 }),
        lastName: Type.String({ maxLength: 200 }),
        email: Type.Optional(Type.String({ maxLength: 320 })),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
      },
      { additionalProperties: false },
    ),
    consent: Type.Boolean({
      description: 'La personne accepte que ses coordonnées servent à ce rendez-vous',
    }),
  },
  { additionalProperties: false },
);

const BookingAnswer = Type.Object({
  id: Type.String(),
  start: Type.String(),
  end: Type.String(),
  place: Type.String(),
  cancelUrl: Type.String({
    description: 'Page pour annuler ou déplacer le rendez-vous (le lien vaut jusqu’au rendez-vous)',
  }),
});

const CancelBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

/** Registers the public appointments API. */
export function registerAppointmentsApi(app: FastifyInstance, deps: () => Omit<BookingDeps, 'requestId'>) {
  app.get<{ Querystring: Static<typeof SlotsQuery> }>(
    '/api/v1/slots',
    {
      schema: {
        summary: 'Créneaux libres d’un lieu que le public peut réserver',
        tags: ['rendez-vous'],
        querystring: SlotsQuery,
        response: { 200: Type.Object({ slots: Type.Array(SlotSchema) }), 400: Problem, 404: Problem },
      },
      config: { rateLimit: { max: app.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { place: slug, from, days, motif: motifId } = request.query;
      if (!parseDate(from)) throw invalid([{ field: 'from', message: 'Date invalide : AAAA-MM-JJ.' }]);
      const place = await findPlace(app.db, slug);
      if (!place) throw invalid([{ field: 'place', message: 'Ce lieu n’existe pas.' }]);
      if (motifId) {
        const motif = await findMotif(app.db, motifId);
        if (!motif) throw invalid([{ field: 'motif', message: 'Ce motif n’existe pas.' }]);
        if (!motif.publicBooking)
          throw invalid([
            {
              field: 'motif',
              message: 'Ce motif se réserve uniquement auprès d’un agent : appelez le lieu d’accueil.',
            },
          ]);
      }
      const { now } = deps();
      const slots = await findFreeSlots(app.db, {
        placeIds: [place.id],
        from,
        days,
        now,
        audience: 'public',
        ...(motifId ? { motifId } : {}),
      });
      return {
        slots: slots.map((s) => ({
          id: encodeSlotId(s),
          start: parisLocalIso(s.date, s.time),
          end: parisLocalIso(s.date, s.endTime),
          motif: { id: s.motif.id, label: s.motif.name },
          place: place.slug,
        })),
      };
    },
  );

  app.post<{ Body: Static<typeof BookingBody> }>(
    '/api/v1/appointments',
    {
      schema: {
        summary: 'Réserver un créneau sans compte',
        description:
          'Réponses : 201 avec le rendez-vous, 409 (problem+json) quand le créneau n’est plus libre, 400 (problem+json) nommant chaque champ invalide. Limité en nombre de demandes par minute.',
        tags: ['rendez-vous'],
        body: BookingBody,
        response: { 201: BookingAnswer, 400: Problem, 409: Problem },
      },
      config: { rateLimit: { max: app.config.appointments.bookingsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { appointment, manageUrl } = await bookAppointment(
        { ...deps(), requestId: request.id },
        request.body,
        { kind: 'public' },
      );
      return reply.status(201).send({
        id: appointment.id,
        start: parisIso(appointment.starts_at),
        end: parisIso(appointment.ends_at),
        place: appointment.place_slug,
        cancelUrl: manageUrl,
      });
    },
  );

  app.post<{ Body: Static<typeof CancelBody> }>(
    '/api/v1/appointments/cancellations',
    {
      schema: {
        summary: 'Annuler un rendez-vous avec le jeton de son lien',
        description:
          'Le jeton est la fin du lien reçu (…/rendez-vous/gerer/{jeton}). 404 pour un jeton inconnu, 409 quand le rendez-vous est déjà annulé ou passé.',
        tags: ['rendez-vous'],
        body: CancelBody,
        response: {
          200: Type.Object({ id: Type.String(), status: Type.Literal('cancelled-by-resident') }),
          404: Problem,
          409: Problem,
        },
      },
      config: { rateLimit: { max: app.config.appointments.bookingsPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const appointment = await cancelByToken({ ...deps(), requestId: request.id }, request.body.token);
      return { id: appointment.id, status: 'cancelled-by-resident' as const };
    },
  );
}
