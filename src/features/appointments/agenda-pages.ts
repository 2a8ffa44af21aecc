// The agents' pages: agenda (day, week), outcomes, walk-ins, booking on behalf of a resident (also from a shared
// case: /agenda/rdv?dossier=<id>), opening ranges, one occurrence, absences, calendar feed. Thin handlers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole, type SessionUser } from '../../platform/auth/session.ts';
import { addDays, isoWeekday, parseDate } from '../../platform/dates.ts';
import { notFound, type FieldError } from '../../platform/errors.ts';
import { findPlace, listPlaces } from '../territory/store.ts';
import { caseToBookFrom, residentForBooking } from '../cases/booking-hooks.ts';
import {
  addAbsence,
  agentAgenda,
  calendarFeed,
  createRange,
  editOccurrence,
  outcomeLabels,
  recordOutcome,
  recordWalkIn,
  renewCalendarFeed,
} from './agenda.ts';
import { attempt, bookAppointment, describeSlot, type BookingDeps } from './book-appointment.ts';
import { findFreeSlots } from './find-slots.ts';
import { countWalkIns, listAbsences, listMotifs, listRanges } from './store.ts';
import { byDay, toFormErrors } from './pages.ts';
import { AgendaPage, ChoosePlacePage, RangesPage, type PlaceChoice } from './views/agenda.tsx';
import { BookingFormPage, SlotsPage } from './views/booking.tsx';

const agentRoles = ['helper', 'partnerAgent', 'organisationManager'] as const;
const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const AgendaQuery = Type.Object(
  {
    jour: Type.Optional(Type.String({ maxLength: 10 })),
    vue: Type.Optional(Type.Union([Type.Literal('jour'), Type.Literal('semaine')])),
    ok: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: uuid }) }, { additionalProperties: false });
const OutcomeForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    statut: Type.Union(Object.keys(outcomeLabels).map((k) => Type.Literal(k))),
  },
  { additionalProperties: false },
);
const WalkInForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    lieu: Type.Optional(Type.String({ maxLength: 80 })),
    motif: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
const BookQuery = Type.Object(
  {
    lieu: Type.Optional(Type.String({ maxLength: 80 })),
    motif: Type.Optional(Type.String({ maxLength: 40 })),
    du: Type.Optional(Type.String({ maxLength: 10 })),
    dossier: Type.Optional(Type.String({ pattern: uuid })),
  },
  { additionalProperties: false },
);
const BookSlotQuery = Type.Object(
  { creneau: Type.String({ maxLength: 200 }), dossier: Type.Optional(Type.String({ pattern: uuid })) },
  { additionalProperties: false },
);
const BookForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    creneau: Type.String({ maxLength: 200 }),
    dossier: Type.Optional(Type.String({ pattern: uuid })),
    prenom: Type.Optional(Type.String({ maxLength: 200 })),
    nom: Type.Optional(Type.String({ maxLength: 200 })),
    courriel: Type.Optional(Type.String({ maxLength: 320 })),
    telephone: Type.Optional(Type.String({ maxLength: 40 })),
    consentement: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const RangeForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    lieu: Type.Optional(Type.String({ maxLength: 80 })),
    jour: Type.Optional(Type.String({ maxLength: 2 })),
    debut: Type.Optional(Type.String({ maxLength: 10 })),
    fin: Type.Optional(Type.String({ maxLength: 10 })),
    rythme: Type.Optional(Type.String({ maxLength: 2 })),
    premier: Type.Optional(Type.String({ maxLength: 10 })),
    dernier: Type.Optional(Type.String({ maxLength: 10 })),
    motifs: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 40 }),
        Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
      ]),
    ),
  },
  { additionalProperties: false },
);
const OccurrenceForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    date: Type.Optional(Type.String({ maxLength: 10 })),
    annuler: Type.Optional(Type.String({ maxLength: 3 })),
    debut: Type.Optional(Type.String({ maxLength: 10 })),
    fin: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const AbsenceForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    du: Type.Optional(Type.String({ maxLength: 10 })),
    au: Type.Optional(Type.String({ maxLength: 10 })),
    motif: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const CsrfOnly = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false });
const FeedParams = Type.Object({ token: Type.String({ maxLength: 100 }) }, { additionalProperties: false });

/** Registers the agents' agenda pages. */
export function registerAgendaPages(app: FastifyInstance, deps: () => Omit<BookingDeps, 'requestId'>) {
  const agents = requireRole(...agentRoles);
  const user = (request: FastifyRequest): SessionUser => request.user!;

  /** The places an agent may choose: every place of their territories (bus stops included). */
  async function placesOf(actor: SessionUser): Promise<PlaceChoice[]> {
    const lists = await Promise.all(
      actor.territoryIds.map((territoryId) => listPlaces(app.db, { territoryId })),
    );
    return lists.flat().map((p) => ({ slug: p.slug, name: p.name }));
  }

  async function agendaPage(
    request: FastifyRequest<{ Querystring: Static<typeof AgendaQuery> }>,
    reply: FastifyReply,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const actor = user(request);
    const today = app.clock.today();
    const day = request.query.jour && parseDate(request.query.jour) ? request.query.jour : today;
    const week = request.query.vue === 'semaine';
    const from = week ? addDays(day, 1 - isoWeekday(day)) : day;
    const days = week ? 7 : 1;
    const places = await placesOf(actor);
    const [appointments, walkIns] = await Promise.all([
      agentAgenda(app.db, actor, from, days),
      countWalkIns(app.db, { since: new Date(app.clock.now().getTime() - 30 * 86_400_000) }),
    ]);
    const placeSlugs = new Set(places.map((p) => p.slug));
    return reply.status(status).page(
      h(AgendaPage, {
        ctx: request.viewContext(),
        from,
        days,
        appointments,
        places,
        walkIns: walkIns.filter((w) => placeSlugs.has(w.slug)),
        now: app.clock.now(),
        errors,
        ...(request.query.ok === 'issue'
          ? { notice: 'Issue enregistrée.' }
          : request.query.ok === 'visite'
            ? { notice: 'Visite comptée.' }
            : {}),
      }),
    );
  }

  app.get<{ Querystring: Static<typeof AgendaQuery> }>(
    '/agenda',
    { schema: { querystring: AgendaQuery, hide: true }, preHandler: agents },
    async (request, reply) => agendaPage(request, reply),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof OutcomeForm> }>(
    '/agenda/rendez-vous/:id/issue',
    { schema: { params: IdParams, body: OutcomeForm, hide: true }, preHandler: agents },
    async (request, reply) => {
      const status = request.body.statut as keyof typeof outcomeLabels;
      await recordOutcome(
        app.db,
        user(request),
        request.params.id,
        status,
        app.clock.now(),
        app.config.publicUrl,
      );
      return reply.redirect('/agenda?ok=issue', 303);
    },
  );

  app.post<{ Body: Static<typeof WalkInForm>; Querystring: Static<typeof AgendaQuery> }>(
    '/agenda/passages',
    { schema: { body: WalkInForm, hide: true }, preHandler: agents },
    async (request, reply) => {
      const result = await attempt(() =>
        recordWalkIn(
          app.db,
          user(request),
          request.body.lieu ?? '',
          request.body.motif ?? '',
          app.clock.now(),
        ),
      );
      if (result.ok) return reply.redirect('/agenda?ok=visite', 303);
      request.query = {};
      return agendaPage(request, reply, result.error.fields, result.error.status);
    },
  );

  // ── booking on behalf of a resident ─────────────────────────────────────────────────────────────────────
  app.get<{ Querystring: Static<typeof BookQuery> }>(
    '/agenda/rdv',
    { schema: { querystring: BookQuery, hide: true }, preHandler: agents },
    async (request, reply) => {
      const actor = user(request);
      const caseId = request.query.dossier;
      const carry: Record<string, string> = caseId ? { dossier: caseId } : {};
      // From a shared case: only one the agent may work on, still open.
      const title = caseId
        ? `Prendre rendez-vous pour l’usager du dossier ${(await caseToBookFrom(app.db, actor, caseId)).reference}`
        : 'Prendre rendez-vous pour un usager';
      const place = request.query.lieu ? await findPlace(app.db, request.query.lieu) : undefined;
      if (!place) {
        // First choose the place: the places where agents hold ranges, of the agent's territories.
        const places = await placesOf(actor);
        const ranges = await listRanges(app.db, { from: app.clock.today() });
        const withRanges = new Set(ranges.map((r) => r.placeSlug));
        return reply.page(
          h(ChoosePlacePage, {
            ctx: request.viewContext(),
            places: places.filter((p) => withRanges.has(p.slug)),
            carry,
            title,
          }),
        );
      }
      const today = app.clock.today();
      const from =
        request.query.du && parseDate(request.query.du) && request.query.du > today
          ? request.query.du
          : today;
      const ranges = await listRanges(app.db, { placeIds: [place.id], from });
      const motifs = await listMotifs(app.db, { ids: [...new Set(ranges.flatMap((r) => r.motifIds))] });
      const motif =
        motifs.find((m) => m.id === request.query.motif) ?? (motifs.length === 1 ? motifs[0]! : null);
      const slots = motif
        ? await findFreeSlots(app.db, {
            placeIds: [place.id],
            from,
            days: 14,
            now: app.clock.now(),
            audience: 'agent',
            motifId: motif.id,
          })
        : [];
      return reply.page(
        h(SlotsPage, {
          ctx: request.viewContext(),
          place,
          motifs,
          motif,
          days: byDay(slots),
          from,
          nextFrom: addDays(from, 14),
          previousFrom: from > today ? today : null,
          base: '/agenda/rdv',
          carry,
          title,
        }),
      );
    },
  );

  /**
   * The booking form's props. From a shared case, the first display takes the resident's name and contact from
   * the case when the agent may reuse them (`prefill`); a form sent back keeps what was typed.
   */
  async function onBehalfForm(
    request: FastifyRequest,
    slotId: string,
    caseId: string | undefined,
    values: Record<string, string | undefined>,
    errors: FieldError[],
    taken?: string,
    prefill = false,
  ) {
    const actor = user(request);
    let forCase: { caseId: string; reference: string; prefilled: boolean | null } | null = null;
    if (caseId && prefill) {
      const found = await residentForBooking(app.db, actor, caseId, app.clock.today(), request.id);
      forCase = { caseId, reference: found.reference, prefilled: found.resident != null };
      if (found.resident)
        values = {
          prenom: found.resident.firstName,
          nom: found.resident.lastName,
          courriel: found.resident.email,
          telephone: found.resident.phone,
        };
    } else if (caseId)
      forCase = {
        caseId,
        reference: (await caseToBookFrom(app.db, actor, caseId)).reference,
        prefilled: null,
      };
    const slot = await describeSlot(app.db, slotId, 'agent', app.clock.now());
    if (!slot)
      throw notFound('Ce créneau n’existe pas : choisissez-en un dans la liste des créneaux libres.');
    const place = await findPlace(app.db, slot.range.placeSlug);
    if (!place) throw notFound('Ce lieu n’existe pas.');
    const problem = taken ?? slot.problem;
    return {
      action: '/agenda/rdv/reserver',
      slotId,
      place,
      motif: slot.motif,
      date: slot.date,
      time: slot.time,
      values,
      errors,
      otherSlotsUrl: `/agenda/rdv?${new URLSearchParams({ lieu: place.slug, motif: slot.motif.id, ...(caseId ? { dossier: caseId } : {}) })}`,
      onBehalf: forCase ?? { caseId: null },
      ...(problem ? { taken: problem } : {}),
    };
  }

  app.get<{ Querystring: Static<typeof BookSlotQuery> }>(
    '/agenda/rdv/reserver',
    { schema: { querystring: BookSlotQuery, hide: true }, preHandler: agents },
    async (request, reply) => {
      const props = await onBehalfForm(
        request,
        request.query.creneau,
        request.query.dossier,
        {},
        [],
        undefined,
        true,
      );
      return reply
        .status(props.taken ? 409 : 200)
        .page(h(BookingFormPage, { ctx: request.viewContext(), ...props }));
    },
  );

  app.post<{ Body: Static<typeof BookForm> }>(
    '/agenda/rdv/reserver',
    { schema: { body: BookForm, hide: true }, preHandler: agents },
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
          { kind: 'agent', actor: user(request), caseId: b.dossier ?? null },
        ),
      );
      if (result.ok)
        return reply.redirect(
          // From a shared case, back to it: its thread now tells of the appointment.
          b.dossier
            ? `/dossiers/${b.dossier}?ok=rendez-vous`
            : `/agenda?jour=${result.value.appointment.starts_at.toISOString().slice(0, 10)}`,
          303,
        );
      const { error } = result;
      const slotError = error.fields.find((f) => f.field === 'slot');
      const caseError = error.fields.some((f) => f.field === 'dossier');
      const props = await onBehalfForm(
        request,
        b.creneau,
        b.dossier,
        b,
        toFormErrors(error.fields),
        slotError || (error.code === 'conflict' && !caseError)
          ? (slotError?.message ?? error.detail)
          : undefined,
      );
      return reply.status(error.status).page(h(BookingFormPage, { ctx: request.viewContext(), ...props }));
    },
  );

  // ── ranges, occurrences, absences, feed ────────────────────────────────────────────────────────────────
  async function rangesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[] = [],
    status = 200,
    extra: { feedUrl?: string; notice?: string } = {},
  ) {
    const actor = user(request);
    const [ranges, motifs, places, absences] = await Promise.all([
      listRanges(app.db, { agentId: actor.id, from: app.clock.today() }),
      actor.organisationId
        ? listMotifs(app.db, { organisationId: actor.organisationId })
        : Promise.resolve([]),
      placesOf(actor),
      listAbsences(app.db, actor.id, app.clock.now()),
    ]);
    return reply.status(status).page(
      h(RangesPage, {
        ctx: request.viewContext(),
        ranges,
        motifs,
        places,
        absences,
        feedUrl: extra.feedUrl ?? null,
        errors,
        ...(extra.notice ? { notice: extra.notice } : {}),
      }),
    );
  }

  app.get('/agenda/plages', { schema: { hide: true }, preHandler: agents }, async (request, reply) =>
    rangesPage(request, reply),
  );

  app.post<{ Body: Static<typeof RangeForm> }>(
    '/agenda/plages',
    { schema: { body: RangeForm, hide: true }, preHandler: agents },
    async (request, reply) => {
      const result = await attempt(() => createRange(app.db, user(request), request.body, app.clock.today()));
      if (result.ok)
        return rangesPage(request, reply, [], 200, { notice: 'Plage ajoutée : ses créneaux sont ouverts.' });
      return rangesPage(request, reply, result.error.fields, result.error.status);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof OccurrenceForm> }>(
    '/agenda/plages/:id/occurrence',
    { schema: { params: IdParams, body: OccurrenceForm, hide: true }, preHandler: agents },
    async (request, reply) => {
      const result = await attempt(() =>
        editOccurrence(app.db, user(request), request.params.id, request.body),
      );
      if (result.ok) return rangesPage(request, reply, [], 200, { notice: 'Date modifiée.' });
      return rangesPage(request, reply, result.error.fields, result.error.status);
    },
  );

  app.post<{ Body: Static<typeof AbsenceForm> }>(
    '/agenda/absences',
    { schema: { body: AbsenceForm, hide: true }, preHandler: agents },
    async (request, reply) => {
      const result = await attempt(() => addAbsence(app.db, user(request), request.body));
      if (result.ok)
        return rangesPage(request, reply, [], 200, {
          notice: 'Absence ajoutée : aucun créneau n’est proposé pendant.',
        });
      return rangesPage(request, reply, result.error.fields, result.error.status);
    },
  );

  app.post<{ Body: Static<typeof CsrfOnly> }>(
    '/agenda/flux',
    { schema: { body: CsrfOnly, hide: true }, preHandler: agents },
    async (request, reply) => {
      const token = await renewCalendarFeed(app.db, user(request));
      return rangesPage(request, reply, [], 200, {
        feedUrl: `${app.config.publicUrl}/agenda/flux/${token}`,
        notice: 'Nouvelle adresse créée : l’ancienne ne marche plus.',
      });
    },
  );

  app.get<{ Params: Static<typeof FeedParams> }>(
    '/agenda/flux/:token',
    { schema: { params: FeedParams, hide: true } },
    async (request, reply) => {
      const ics = await calendarFeed(app.db, request.params.token, app.clock.now());
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'no-store').send(ics);
    },
  );
}
