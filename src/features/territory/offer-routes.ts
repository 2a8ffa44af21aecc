// The offer's pages for organisation managers, the territory's pilot and administrators, and the daily reminder
// of services not checked for months. Thin handlers: schema, role, one use-case, a page (or a redirect after a
// creation); a wrong field shows the form again with its French messages and a 400.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole, type SessionUser } from '../../platform/auth/session.ts';
import { AppError, forbidden, invalid, type FieldError } from '../../platform/errors.ts';
import { todayInParis } from '../../platform/dates.ts';
import {
  addClosure,
  confirmServiceChecked,
  editableTerritories,
  freshnessReport,
  notifyStaleServices,
  offerOf,
  placeToEdit,
  removeClosure,
} from './edit-offer.ts';
import { createPlace, editPlace, placeFormChoices } from './edit-places.ts';
import { createService, editService, serviceFormChoices, serviceToEdit } from './edit-services.ts';
import { createOrganisation, editOrganisation, organisationToEdit } from './edit-organisations.ts';
import { canEditTerritory } from '../../platform/auth/roles.ts';
import { listClosures, listTerritories } from './store.ts';
import { FreshnessPage, OfferPage } from './views/offer.tsx';
import {
  ChooseTerritoryPage,
  OrganisationFormPage,
  PlaceFormPage,
  ServiceFormPage,
  type FormValues,
} from './views/offer-forms.tsx';

const editors = requireRole('organisationManager', 'territoryPilot', 'admin');
const territoryKeepers = requireRole('territoryPilot', 'admin');
const uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) }, { additionalProperties: false });
const ClosureParams = Type.Object(
  { slug: Type.String({ maxLength: 80 }), id: Type.String({ pattern: uuid }) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: uuid }) }, { additionalProperties: false });
const TerritoryQuery = Type.Object(
  { territoire: Type.Optional(Type.String({ maxLength: 60 })) },
  { additionalProperties: false },
);
const DoneQuery = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 2 })) },
  { additionalProperties: false },
);

/** An optional text field of a form. */
const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
/** An optional checkbox group: one value or several. */
const ticks = Type.Optional(
  Type.Union([
    Type.String({ maxLength: 100 }),
    Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }),
  ]),
);
const csrf = { _csrf: Type.Optional(Type.String()) };
const strict = { additionalProperties: false } as const;
const PlaceForm = Type.Object(
  {
    ...csrf,
    nom: text(300),
    type: text(40),
    organisme: text(40),
    adresse: text(400),
    complement: text(400),
    code_postal: text(20),
    commune: text(10),
    latitude: text(40),
    longitude: text(40),
    telephone: text(100),
    courriel: text(320),
    horaires: text(1000),
    note: text(1000),
  },
  strict,
);
const ServiceForm = Type.Object(
  {
    ...csrf,
    nom: text(300),
    description: text(12000),
    organisme: text(40),
    type: text(40),
    thematiques: ticks,
    publics: ticks,
    precisions_publics: text(1200),
    frais: text(10),
    precisions_frais: text(1200),
    modes: ticks,
    lien: text(600),
    telephone: text(100),
    courriel: text(320),
    prerequis: text(6000),
    documents: text(6000),
    lieux: ticks,
    distance: text(3),
    bus: text(3),
    zone: text(2000),
    publie: text(3),
  },
  strict,
);
const OrganisationForm = Type.Object(
  {
    ...csrf,
    nom: text(300),
    type: text(40),
    description: text(2500),
    site: text(600),
    telephone: text(100),
    courriel: text(320),
  },
  strict,
);
const ClosureForm = Type.Object({ ...csrf, du: text(10), au: text(10), motif: text(300) }, strict);
const CsrfOnly = Type.Object(csrf, strict);

type Form = Record<string, string | string[] | undefined>;
/** The form as the use-cases read it (the CSRF token left out). */
const fieldsOf = <T extends Form>(body: T): Omit<T, '_csrf'> => {
  const { _csrf: _token, ...fields } = body;
  return fields;
};

/** Runs a use-case for a form page: its validation error is shown on the page; anything else goes on. */
async function formResult<T>(work: () => Promise<T>): Promise<{ error: AppError } | { value: T }> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation') return { error };
    throw error;
  }
}

/** Registers the offer's editing pages and the freshness job. */
export function registerOfferPages(app: FastifyInstance) {
  const months = app.config.offerFreshnessMonths;
  const user = (request: FastifyRequest): SessionUser => request.user!;

  /**
   * The territory a creation page works on: the one asked for (when the actor works on it), or the actor's only
   * one; null when the actor works on several and has not said which (the page then asks).
   */
  async function territoryOf(request: FastifyRequest, asked: string | undefined) {
    const ids = await editableTerritories(app.db, user(request));
    const territories = (await listTerritories(app.db)).filter((t) => ids.includes(t.id));
    if (asked !== undefined) {
      const territory = territories.find((t) => t.id === asked);
      if (!territory) throw forbidden('Vous ne travaillez pas sur ce territoire.');
      return { territory, territories };
    }
    return { territory: territories.length === 1 ? territories[0]! : null, territories };
  }

  async function offerPage(request: FastifyRequest, reply: FastifyReply, notice?: string) {
    const actor = user(request);
    const today = app.clock.today();
    const page = { places: [], services: [], organisations: [] } as Pick<
      Parameters<typeof OfferPage>[0],
      'places' | 'services' | 'organisations'
    >;
    const stale = new Set<string>();
    let mayCreate = false;
    for (const territoryId of await editableTerritories(app.db, actor)) {
      const offer = await offerOf(app.db, actor, territoryId, today, months);
      page.services.push(...offer.services);
      page.places.push(...offer.places);
      page.organisations.push(
        ...offer.organisations.filter((o) => !page.organisations.some((p) => p.slug === o.slug)),
      );
      for (const s of offer.stale) stale.add(s.id);
      mayCreate ||= canEditTerritory(actor, territoryId);
    }
    return reply.page(
      h(OfferPage, {
        ctx: request.viewContext(),
        ...page,
        mayCreate,
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
    for (const territoryId of await editableTerritories(app.db, user(request)))
      services.push(...(await freshnessReport(app.db, territoryId, app.clock.today(), months)));
    return reply.page(h(FreshnessPage, { ctx: request.viewContext(), services, months }));
  });

  // ── places ─────────────────────────────────────────────────────────────────────────────────────────────

  async function placePage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors: FieldError[] = [],
    values?: FormValues,
    notice?: string,
  ) {
    const actor = user(request);
    const place = await placeToEdit(app.db, actor, slug);
    const [closures, choices, territories] = await Promise.all([
      listClosures(app.db, place.id),
      placeFormChoices(app.db, place.territoryId),
      listTerritories(app.db),
    ]);
    const territory = territories.find((t) => t.id === place.territoryId)!;
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(PlaceFormPage, {
        ctx: request.viewContext(),
        place,
        territory,
        choices,
        mayMove: canEditTerritory(actor, place.territoryId),
        closures,
        errors,
        ...(values ? { values } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  async function newPlacePage(
    request: FastifyRequest,
    reply: FastifyReply,
    asked: string | undefined,
    errors: FieldError[] = [],
    values?: FormValues,
  ) {
    const { territory, territories } = await territoryOf(request, asked);
    if (!territory)
      return reply.page(
        h(ChooseTerritoryPage, {
          ctx: request.viewContext(),
          title: 'Ajouter un lieu',
          path: '/offre/lieux/nouveau',
          territories,
        }),
      );
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(PlaceFormPage, {
        ctx: request.viewContext(),
        territory,
        choices: await placeFormChoices(app.db, territory.id),
        mayMove: true,
        errors,
        ...(values ? { values } : {}),
      }),
    );
  }

  app.get<{ Querystring: Static<typeof TerritoryQuery> }>(
    '/offre/lieux/nouveau',
    { schema: { querystring: TerritoryQuery, hide: true }, preHandler: territoryKeepers },
    async (request, reply) => newPlacePage(request, reply, request.query.territoire),
  );

  app.post<{ Querystring: Static<typeof TerritoryQuery>; Body: Static<typeof PlaceForm> }>(
    '/offre/lieux/nouveau',
    { schema: { querystring: TerritoryQuery, body: PlaceForm, hide: true }, preHandler: territoryKeepers },
    async (request, reply) => {
      const { territory } = await territoryOf(request, request.query.territoire);
      if (!territory) throw invalid([{ field: 'territoire', message: 'Choisissez le territoire.' }]);
      const result = await formResult(() =>
        createPlace(app.db, user(request), territory.id, fieldsOf(request.body)),
      );
      if ('error' in result)
        return newPlacePage(request, reply, territory.id, result.error.fields, request.body);
      return reply.redirect(`/offre/lieux/${result.value}?ok=1`, 303);
    },
  );

  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof DoneQuery> }>(
    '/offre/lieux/:slug',
    { schema: { params: SlugParams, querystring: DoneQuery, hide: true }, preHandler: editors },
    async (request, reply) =>
      placePage(
        request,
        reply,
        request.params.slug,
        [],
        undefined,
        request.query.ok ? 'Lieu créé : les usagers le trouvent dans l’annuaire.' : undefined,
      ),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof PlaceForm> }>(
    '/offre/lieux/:slug',
    { schema: { params: SlugParams, body: PlaceForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const result = await formResult(() =>
        editPlace(app.db, user(request), request.params.slug, fieldsOf(request.body)),
      );
      if ('error' in result)
        return placePage(request, reply, request.params.slug, result.error.fields, request.body);
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
      const result = await formResult(() =>
        addClosure(app.db, user(request), request.params.slug, fieldsOf(request.body)),
      );
      if ('error' in result) return placePage(request, reply, request.params.slug, result.error.fields);
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

  // ── services ───────────────────────────────────────────────────────────────────────────────────────────

  async function newServicePage(
    request: FastifyRequest,
    reply: FastifyReply,
    asked: string | undefined,
    errors: FieldError[] = [],
    values?: FormValues,
  ) {
    const { territory, territories } = await territoryOf(request, asked);
    if (!territory)
      return reply.page(
        h(ChooseTerritoryPage, {
          ctx: request.viewContext(),
          title: 'Ajouter un service',
          path: '/offre/services/nouveau',
          territories,
        }),
      );
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(ServiceFormPage, {
        ctx: request.viewContext(),
        territory,
        choices: await serviceFormChoices(app.db, user(request), territory.id),
        errors,
        ...(values ? { values } : {}),
      }),
    );
  }

  async function servicePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[] = [],
    values?: FormValues,
    notice?: string,
  ) {
    const service = await serviceToEdit(app.db, user(request), id);
    const territory = (await listTerritories(app.db)).find((t) => t.id === service.territoryId)!;
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(ServiceFormPage, {
        ctx: request.viewContext(),
        service,
        territory,
        choices: await serviceFormChoices(app.db, user(request), service.territoryId),
        errors,
        ...(values ? { values } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  app.get<{ Querystring: Static<typeof TerritoryQuery> }>(
    '/offre/services/nouveau',
    { schema: { querystring: TerritoryQuery, hide: true }, preHandler: editors },
    async (request, reply) => newServicePage(request, reply, request.query.territoire),
  );

  app.post<{ Querystring: Static<typeof TerritoryQuery>; Body: Static<typeof ServiceForm> }>(
    '/offre/services/nouveau',
    { schema: { querystring: TerritoryQuery, body: ServiceForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const { territory } = await territoryOf(request, request.query.territoire);
      if (!territory) throw invalid([{ field: 'territoire', message: 'Choisissez le territoire.' }]);
      const result = await formResult(() =>
        createService(app.db, user(request), territory.id, fieldsOf(request.body), app.clock.today()),
      );
      if ('error' in result)
        return newServicePage(request, reply, territory.id, result.error.fields, request.body);
      return reply.redirect(`/offre/services/${result.value}?ok=1`, 303);
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof DoneQuery> }>(
    '/offre/services/:id',
    { schema: { params: IdParams, querystring: DoneQuery, hide: true }, preHandler: editors },
    async (request, reply) =>
      servicePage(
        request,
        reply,
        request.params.id,
        [],
        undefined,
        request.query.ok ? 'Service créé.' : undefined,
      ),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ServiceForm> }>(
    '/offre/services/:id',
    { schema: { params: IdParams, body: ServiceForm, hide: true }, preHandler: editors },
    async (request, reply) => {
      const result = await formResult(() =>
        editService(app.db, user(request), request.params.id, fieldsOf(request.body), app.clock.today()),
      );
      if ('error' in result)
        return servicePage(request, reply, request.params.id, result.error.fields, request.body);
      return servicePage(
        request,
        reply,
        request.params.id,
        [],
        undefined,
        'Service enregistré et marqué vérifié aujourd’hui.',
      );
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

  // ── organisations ──────────────────────────────────────────────────────────────────────────────────────

  async function newOrganisationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    asked: string | undefined,
    errors: FieldError[] = [],
    values?: FormValues,
  ) {
    const { territory, territories } = await territoryOf(request, asked);
    if (!territory)
      return reply.page(
        h(ChooseTerritoryPage, {
          ctx: request.viewContext(),
          title: 'Ajouter un organisme',
          path: '/offre/organismes/nouveau',
          territories,
        }),
      );
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(OrganisationFormPage, {
        ctx: request.viewContext(),
        territory,
        errors,
        ...(values ? { values } : {}),
      }),
    );
  }

  async function organisationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors: FieldError[] = [],
    values?: FormValues,
    notice?: string,
  ) {
    const organisation = await organisationToEdit(app.db, user(request), slug);
    return reply.status(errors.length > 0 ? 400 : 200).page(
      h(OrganisationFormPage, {
        ctx: request.viewContext(),
        organisation,
        errors,
        ...(values ? { values } : {}),
        ...(notice ? { notice } : {}),
      }),
    );
  }

  app.get<{ Querystring: Static<typeof TerritoryQuery> }>(
    '/offre/organismes/nouveau',
    { schema: { querystring: TerritoryQuery, hide: true }, preHandler: territoryKeepers },
    async (request, reply) => newOrganisationPage(request, reply, request.query.territoire),
  );

  app.post<{ Querystring: Static<typeof TerritoryQuery>; Body: Static<typeof OrganisationForm> }>(
    '/offre/organismes/nouveau',
    {
      schema: { querystring: TerritoryQuery, body: OrganisationForm, hide: true },
      preHandler: territoryKeepers,
    },
    async (request, reply) => {
      const { territory } = await territoryOf(request, request.query.territoire);
      if (!territory) throw invalid([{ field: 'territoire', message: 'Choisissez le territoire.' }]);
      const result = await formResult(() =>
        createOrganisation(app.db, user(request), territory.id, fieldsOf(request.body)),
      );
      if ('error' in result)
        return newOrganisationPage(request, reply, territory.id, result.error.fields, request.body);
      return reply.redirect(`/offre/organismes/${result.value}?ok=1`, 303);
    },
  );

  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof DoneQuery> }>(
    '/offre/organismes/:slug',
    { schema: { params: SlugParams, querystring: DoneQuery, hide: true }, preHandler: territoryKeepers },
    async (request, reply) =>
      organisationPage(
        request,
        reply,
        request.params.slug,
        [],
        undefined,
        request.query.ok ? 'Organisme créé : ajoutez-lui ses lieux et ses services.' : undefined,
      ),
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof OrganisationForm> }>(
    '/offre/organismes/:slug',
    { schema: { params: SlugParams, body: OrganisationForm, hide: true }, preHandler: territoryKeepers },
    async (request, reply) => {
      const result = await formResult(() =>
        editOrganisation(app.db, user(request), request.params.slug, fieldsOf(request.body)),
      );
      if ('error' in result)
        return organisationPage(request, reply, request.params.slug, result.error.fields, request.body);
      return organisationPage(request, reply, request.params.slug, [], undefined, 'Organisme enregistré.');
    },
  );

  app.jobs.queue.register('offer.freshness', async (_job, ctx) => {
    const today = todayInParis(ctx.now);
    await notifyStaleServices(ctx.db, today, months, app.config.publicUrl);
  });
  app.jobs.schedule({ kind: 'offer.freshness', every: 'daily', atHourUtc: 6 });
}
