// The bus tours' editing pages (the bus's organisation manager, the territory's pilot, administrators): a tour
// with its stops and the form adding one; a stop's calendar, its passages cancelled or restored, its removal.
// Thin handlers: schema, role, one use-case, a page; a wrong field shows the form again with a 400.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole, type SessionUser } from '../../platform/auth/session.ts';
import type { FieldError } from '../../platform/errors.ts';
import { fieldsOf, formResult } from './form-results.ts';
import {
  addStop,
  cancelPassage,
  editStop,
  removeStop,
  restorePassage,
  stopToEdit,
  tourWithStops,
  type Today,
} from './edit-bus.ts';
import { StopPage, TourPage } from './views/bus-forms.tsx';
import type { FormValues } from './views/offer-forms.tsx';

const editors = requireRole('organisationManager', 'territoryPilot', 'admin');
const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const strict = { additionalProperties: false } as const;
const slug = Type.String({ maxLength: 80 });
const TourParams = Type.Object({ tour: slug }, strict);
const StopParams = Type.Object({ tour: slug, id: Type.String({ pattern: uuid }) }, strict);
const CancellationParams = Type.Object(
  { tour: slug, id: Type.String({ pattern: uuid }), cancellation: Type.String({ pattern: uuid }) },
  strict,
);
const DoneQuery = Type.Object({ ok: Type.Optional(Type.String({ maxLength: 2 })) }, strict);
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const csrf = { _csrf: Type.Optional(Type.String()) };
const CalendarFields = {
  premier: text(20),
  rythme: text(10),
  debut: text(20),
  fin: text(20),
  dernier: text(20),
};
const NewStopForm = Type.Object(
  { ...csrf, commune: text(20), adresse: text(400), ...CalendarFields },
  strict,
);
const StopForm = Type.Object({ ...csrf, ...CalendarFields }, strict);
const CancellationForm = Type.Object({ ...csrf, date: text(20), motif: text(300) }, strict);
const CsrfOnly = Type.Object(csrf, strict);

const notices: Record<string, string> = {
  '1': 'Arrêt ajouté : les usagers de la commune voient ses passages.',
  '2': 'Arrêt retiré.',
};

/** Registers the bus tours' editing pages. */
export function registerBusPages(app: FastifyInstance) {
  const user = (request: FastifyRequest): SessionUser => request.user!;
  const clock = (): Today => ({ today: app.clock.today(), now: app.clock.now() });

  async function tourPage(
    request: FastifyRequest,
    reply: FastifyReply,
    tourSlug: string,
    errors: FieldError[] = [],
    values?: FormValues,
    notice?: string,
  ) {
    const { tour, stops } = await tourWithStops(app.db, user(request), tourSlug, app.clock.today());
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(TourPage, {
        ctx: request.viewContext(),
        tour,
        stops,
        errors,
        ...(values ? { values } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  async function stopPage(
    request: FastifyRequest,
    reply: FastifyReply,
    params: { tour: string; id: string },
    errors: FieldError[] = [],
    values?: FormValues,
    notice?: string,
  ) {
    const found = await stopToEdit(app.db, user(request), params.tour, params.id, app.clock.today());
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(StopPage, {
        ctx: request.viewContext(),
        ...found,
        errors,
        ...(values ? { values } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  app.get<{ Params: Static<typeof TourParams>; Querystring: Static<typeof DoneQuery> }>(
    '/offre/bus/:tour',
    { schema: { params: TourParams, querystring: DoneQuery, hide: true }, preHandler: editors },
    async (request, reply) =>
      tourPage(request, reply, request.params.tour, [], undefined, notices[request.query.ok ?? '']),
  );

  app.post<{ Params: Static<typeof TourParams>; Body: Static<typeof NewStopForm> }>(
    '/offre/bus/:tour/arrets',
    { schema: { params: TourParams, body: NewStopForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const result = await formResult(() =>
        addStop(app.db, user(request), request.params.tour, fieldsOf(request.body), clock()),
      );
      if ('error' in result)
        return tourPage(request, reply, request.params.tour, result.error.fields, request.body);
      return reply.redirect(`/offre/bus/${encodeURIComponent(request.params.tour)}?ok=1`, 303);
    },
  );

  app.get<{ Params: Static<typeof StopParams> }>(
    '/offre/bus/:tour/arrets/:id',
    { schema: { params: StopParams, hide: true }, preHandler: editors },
    async (request, reply) => stopPage(request, reply, request.params),
  );

  app.post<{ Params: Static<typeof StopParams>; Body: Static<typeof StopForm> }>(
    '/offre/bus/:tour/arrets/:id',
    { schema: { params: StopParams, body: StopForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { tour, id } = request.params;
      const result = await formResult(() =>
        editStop(app.db, user(request), tour, id, fieldsOf(request.body), clock()),
      );
      if ('error' in result)
        return stopPage(request, reply, request.params, result.error.fields, request.body);
      return stopPage(request, reply, request.params, [], undefined, 'Jours et heures enregistrés.');
    },
  );

  app.post<{ Params: Static<typeof StopParams>; Body: Static<typeof CancellationForm> }>(
    '/offre/bus/:tour/arrets/:id/annulations',
    { schema: { params: StopParams, body: CancellationForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { tour, id } = request.params;
      const result = await formResult(() =>
        cancelPassage(app.db, user(request), tour, id, fieldsOf(request.body), clock()),
      );
      if ('error' in result)
        return stopPage(request, reply, request.params, result.error.fields, request.body);
      return stopPage(
        request,
        reply,
        request.params,
        [],
        undefined,
        'Passage annulé : les usagers le voient.',
      );
    },
  );

  app.post<{ Params: Static<typeof CancellationParams>; Body: Static<typeof CsrfOnly> }>(
    '/offre/bus/:tour/arrets/:id/annulations/:cancellation/retablir',
    { schema: { params: CancellationParams, body: CsrfOnly, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { tour, id, cancellation } = request.params;
      await restorePassage(app.db, user(request), tour, id, cancellation, clock());
      return stopPage(request, reply, { tour, id }, [], undefined, 'Passage rétabli.');
    },
  );

  app.post<{ Params: Static<typeof StopParams>; Body: Static<typeof CsrfOnly> }>(
    '/offre/bus/:tour/arrets/:id/supprimer',
    { schema: { params: StopParams, body: CsrfOnly, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { tour, id } = request.params;
      const result = await formResult(() => removeStop(app.db, user(request), tour, id, clock()));
      if ('error' in result) return stopPage(request, reply, request.params, result.error.fields);
      return reply.redirect(`/offre/bus/${encodeURIComponent(tour)}?ok=2`, 303);
    },
  );
}
