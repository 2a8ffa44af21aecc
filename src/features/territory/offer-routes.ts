// The offer's pages for organisation managers, the territory's pilot and administrators, and the daily reminder
// of services not checked for months. Thin handlers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole, type SessionUser } from '../../platform/auth/session.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { todayInParis } from '../../platform/dates.ts';
import {
  addClosure,
  canEditOffer,
  confirmServiceChecked,
  editPlace,
  freshnessReport,
  notifyStaleServices,
  offerOf,
  placeToEdit,
  removeClosure,
} from './edit-offer.ts';
import { listClosures, listPlaces, listTerritories } from './store.ts';
import { FreshnessPage, OfferPage, PlaceEditPage } from './views/offer.tsx';

const editors = requireRole('organisationManager', 'territoryPilot', 'admin');
const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) }, { additionalProperties: false });
const ClosureParams = Type.Object(
  { slug: Type.String({ maxLength: 80 }), id: Type.String({ pattern: uuid }) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: uuid }) }, { additionalProperties: false });
const PlaceForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    telephone: Type.Optional(Type.String({ maxLength: 100 })),
    courriel: Type.Optional(Type.String({ maxLength: 320 })),
    horaires: Type.Optional(Type.String({ maxLength: 1000 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
const ClosureForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    du: Type.Optional(Type.String({ maxLength: 10 })),
    au: Type.Optional(Type.String({ maxLength: 10 })),
    motif: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
const CsrfOnly = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false });

/** Runs a use-case for a form page: its validation error is shown on the page; anything else goes on. */
async function formResult(work: () => Promise<void>): Promise<AppError | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return error;
    throw error;
  }
}

/** Registers the offer's editing pages and the freshness job. */
export function registerOfferPages(app: FastifyInstance) {
  const months = app.config.offerFreshnessMonths;
  const user = (request: FastifyRequest): SessionUser => request.user!;

  /** The territories an actor works on: every one for an administrator. */
  async function territoriesOf(actor: SessionUser): Promise<string[]> {
    if (actor.role === 'admin') return (await listTerritories(app.db)).map((t) => t.id);
    return actor.territoryIds;
  }

  async function offerPage(request: FastifyRequest, reply: FastifyReply, notice?: string) {
    const actor = user(request);
    const today = app.clock.today();
    const places = [];
    const services = [];
    const stale = new Set<string>();
    for (const territoryId of await territoriesOf(actor)) {
      const offer = await offerOf(app.db, actor, territoryId, today, months);
      services.push(...offer.services);
      for (const s of offer.stale) stale.add(s.id);
      const all = await listPlaces(app.db, { territoryId });
      for (const p of all) {
        const row = await app.db
          .selectFrom('places')
          .select('organisation_id')
          .where('id', '=', p.id)
          .executeTakeFirst();
        if (canEditOffer(actor, territoryId, row?.organisation_id ?? null)) places.push(p);
      }
    }
    return reply.page(
      h(OfferPage, {
        ctx: request.viewContext(),
        places,
        services,
        stale,
        months,
        ...(notice ? { notice } : {}),
      }),
    );
  }

  app.get('/offre', { schema: { hide: true }, preHandler: editors }, async (request, reply) =>
    offerPage(request, reply),
  );

  app.get('/offre/fraicheur', { schema: { hide: true }, preHandler: editors }, async (request, reply) => {
    const services = [];
    for (const territoryId of await territoriesOf(user(request)))
      services.push(...(await freshnessReport(app.db, territoryId, app.clock.today(), months)));
    return reply.page(h(FreshnessPage, { ctx: request.viewContext(), services, months }));
  });

  async function placePage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors: FieldError[] = [],
    values?: Record<string, string | undefined>,
    notice?: string,
  ) {
    const place = await placeToEdit(app.db, user(request), slug);
    const closures = await listClosures(app.db, place.id);
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(PlaceEditPage, {
        ctx: request.viewContext(),
        place,
        closures,
        errors,
        ...(values ? { values } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/offre/lieux/:slug',
    { schema: { params: SlugParams, hide: true }, preHandler: editors },
    async (request, reply) => placePage(request, reply, request.params.slug),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof PlaceForm> }>(
    '/offre/lieux/:slug',
    { schema: { params: SlugParams, body: PlaceForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const error = await formResult(() =>
        editPlace(app.db, user(request), request.params.slug, request.body),
      );
      if (error) return placePage(request, reply, request.params.slug, error.fields, request.body);
      return placePage(
        request,
        reply,
        request.params.slug,
        [],
        undefined,
        'Lieu enregistré : les usagers le voient tel quel.',
      );
    },
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof ClosureForm> }>(
    '/offre/lieux/:slug/fermetures',
    { schema: { params: SlugParams, body: ClosureForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const error = await formResult(() =>
        addClosure(app.db, user(request), request.params.slug, request.body),
      );
      if (error) return placePage(request, reply, request.params.slug, error.fields);
      return placePage(request, reply, request.params.slug, [], undefined, 'Fermeture ajoutée.');
    },
  );

  app.post<{ Params: Static<typeof ClosureParams>; Body: Static<typeof CsrfOnly> }>(
    '/offre/lieux/:slug/fermetures/:id/supprimer',
    { schema: { params: ClosureParams, body: CsrfOnly, hide: true }, preHandler: editors },
    async (request, reply) => {
      await removeClosure(app.db, user(request), request.params.slug, request.params.id);
      return placePage(request, reply, request.params.slug, [], undefined, 'Fermeture retirée.');
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/offre/services/:id/verifie',
    { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: editors },
    async (request, reply) => {
      await confirmServiceChecked(app.db, user(request), request.params.id, app.clock.today());
      return offerPage(request, reply, 'Merci : le service est marqué vérifié aujourd’hui.');
    },
  );

  app.jobs.queue.register('offer.freshness', async (_job, ctx) => {
    const today = todayInParis(ctx.now);
    await notifyStaleServices(ctx.db, today, months, app.config.publicUrl);
  });
  app.jobs.schedule({ kind: 'offer.freshness', every: 'daily', atHourUtc: 6 });
}
