// The offer's pages for organisation managers, the territory's pilot and administrators, and the daily reminder
// of services not checked for months. Thin handlers: schema, role, one use-case, a page (or a redirect after a
// creation); a wrong field shows the form again with its French messages and a 400.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import multipart from '@fastify/multipart';
import { assertCsrf, requireRole, type SessionUser } from '../../platform/auth/session.ts';
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
import { editableTours } from './edit-bus.ts';
import { listTours } from './bus-store.ts';
import { registerBusPages } from './bus-routes.ts';
import { fieldsOf, formResult } from './form-results.ts';
import { canEditTerritory } from '../../platform/auth/roles.ts';
import { listClosures, listOrganisations, listTerritories } from './store.ts';
import {
  applyImport,
  checkImportForm,
  decodeImportFile,
  maxImportBytes,
  previewImport,
} from './import-offer.ts';
import { ImportPage, type ImportPageProps, type ImportValues } from './views/offer-import.tsx';
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

/** Registers the offer's editing pages, its import page and the freshness job. */
export async function registerOfferPages(app: FastifyInstance) {
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
    const territoryIds = await editableTerritories(app.db, actor);
    const tours = editableTours(actor, await listTours(app.db, territoryIds));
    for (const territoryId of territoryIds) {
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
        tours,
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

  registerBusPages(app);

  // ── import (ANCT list, data·inclusion) ────────────────────────────────────────────────────────────────

  if (!app.hasContentTypeParser('multipart/form-data'))
    await app.register(multipart, { throwFileSizeLimit: false });
  // Per request: one file of 2 MB at most, kept truncated (a French message) rather than thrown (a bare 413).
  // `throwFileSizeLimit` is read per request by @fastify/multipart but missing from its typing of parts().
  const importParts = {
    throwFileSizeLimit: false,
    // The text comes back with its line ends as CRLF (HTML form encoding): room for twice the bytes.
    limits: { fileSize: maxImportBytes, files: 1, fields: 8, fieldSize: 2 * maxImportBytes, parts: 9 },
  };

  async function importPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Partial<ImportValues>,
    shown: Pick<ImportPageProps, 'errors' | 'preview' | 'saved'>,
    status = 200,
  ) {
    const ids = await editableTerritories(app.db, user(request));
    const territories = (await listTerritories(app.db)).filter((t) => ids.includes(t.id));
    const organisations = await Promise.all(
      territories.map(async (t) => ({
        territory: { id: t.id, name: t.name },
        options: (await listOrganisations(app.db, t.id)).map((o) => ({ slug: o.slug, name: o.name })),
      })),
    );
    return reply.status(status).page(
      h(ImportPage, {
        ctx: request.viewContext(),
        territories: territories.map((t) => ({ id: t.id, name: t.name })),
        organisations,
        values: {
          territoire: values.territoire ?? (territories.length === 1 ? territories[0]!.id : ''),
          format: values.format ?? '',
          organisme: values.organisme ?? '',
        },
        ...shown,
      }),
    );
  }

  /**
   * Reads the import form (multipart: a file, or on confirmation the file's text sent back in `contenu`), then
   * checks its CSRF token once the stream is read. A file over the limit arrives truncated, never whole.
   */
  async function readImportForm(request: FastifyRequest) {
    if (!request.isMultipart())
      throw new AppError('unsupported-media-type', 'Ce formulaire s’envoie en multipart/form-data.');
    const fields: Record<string, string> = {};
    const cut = new Set<string>();
    let file: { content: Buffer; truncated: boolean } | null = null;
    const parts = request.parts(importParts);
    for await (const part of parts) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        // A file input left empty still sends a part with no name and no bytes.
        if (part.fieldname === 'fichier' && !(part.filename === '' && content.length === 0))
          file = { content, truncated: part.file.truncated };
      } else if (!(part.fieldname in fields)) {
        fields[part.fieldname] = String(part.value);
        if (part.valueTruncated) cut.add(part.fieldname);
      }
    }
    assertCsrf(request, fields._csrf);
    const confirmed = fields.appliquer === '1' && fields.contenu !== undefined;
    let sent: { text: string } | { problem: string } | null = null;
    if (confirmed)
      sent = decodeImportFile(
        Buffer.from(fields.contenu!.replace(/\r\n/g, '\n'), 'utf8'),
        cut.has('contenu'),
      );
    else if (file) sent = decodeImportFile(file.content, file.truncated);
    return {
      values: {
        territoire: fields.territoire ?? '',
        format: fields.format ?? '',
        organisme: fields.organisme ?? '',
      },
      confirmed,
      sent,
    };
  }

  app.get<{ Querystring: Static<typeof TerritoryQuery> }>(
    '/offre/import',
    { schema: { querystring: TerritoryQuery, hide: true }, preHandler: territoryKeepers },
    async (request, reply) => {
      const { territory } = await territoryOf(request, request.query.territoire);
      return importPage(request, reply, { territoire: territory?.id ?? '' }, { errors: [] });
    },
  );

  // Multipart: the CSRF token is checked by readImportForm once the stream is read.
  app.post(
    '/offre/import',
    { schema: { hide: true }, preHandler: territoryKeepers },
    async (request, reply) => {
      const { values, confirmed, sent } = await readImportForm(request);
      const { territory } = await territoryOf(request, values.territoire || undefined);
      const errors: FieldError[] = [];
      if (!territory) errors.push({ field: 'territoire', message: 'Choisissez le territoire.' });
      const form = territory ? await checkImportForm(app.db, territory.id, values) : null;
      if (form && !form.ok) errors.push(...form.errors);
      if (!sent) errors.push({ field: 'fichier', message: 'Choisissez un fichier à envoyer.' });
      else if ('problem' in sent) errors.push({ field: 'fichier', message: sent.problem });
      if (!territory || !form?.ok || !sent || !('text' in sent))
        return importPage(request, reply, values, { errors }, 400);

      if (confirmed) {
        const result = await formResult(() =>
          applyImport(app.db, user(request), form.format, sent.text, territory.id, form.organisationId),
        );
        if ('value' in result) return importPage(request, reply, values, { errors: [], saved: result.value });
      }
      // A preview; or a confirmation whose text no longer passes (altered on the way back): shown with its errors.
      const preview = await previewImport(app.db, form.format, sent.text, territory.id);
      return importPage(
        request,
        reply,
        values,
        { errors: [], preview: { result: preview, text: sent.text } },
        preview.errors.length > 0 ? 400 : 200,
      );
    },
  );

  app.jobs.queue.register('offer.freshness', async (_job, ctx) => {
    const today = todayInParis(ctx.now);
    await notifyStaleServices(ctx.db, today, months, app.config.publicUrl);
  });
  app.jobs.schedule({ kind: 'offer.freshness', every: 'daily', atHourUtc: 6 });
}
