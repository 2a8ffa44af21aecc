// Public routes of the territory's offer: pages to find a place, and the read-only JSON API.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import {
  listBusStops,
  listCommunes,
  listOrganisations,
  listPlaces,
  listTerritories,
  type Place,
} from './store.ts';
import { busOfCommune, passagesCalendar, placeDetail, rankByDistance } from './directory.ts';
import { BusCommunePage, BusIndexPage } from './views/bus.tsx';
import { registerOfferPages } from './offer-routes.ts';
import { PlacePage, PlacesPage } from './views/places.tsx';
import { exportTerritoryOffer } from './export-offer.ts';
import { serviceColumns, structureColumns, toCsv } from './data-inclusion.ts';

const defaultTerritory = 'cahors';

const PlacesQuery = Type.Object(
  {
    commune: Type.Optional(Type.String({ maxLength: 5 })),
    organisme: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const ApiPlacesQuery = Type.Object(
  {
    territory: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$' })),
    organisation: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$' })),
  },
  { additionalProperties: false },
);

const OpeningRangeSchema = Type.Object({
  day: Type.Integer({ minimum: 1, maximum: 7, description: '1 = lundi … 7 = dimanche' }),
  opens: Type.String({ examples: ['09:00'] }),
  closes: Type.String({ examples: ['12:30'] }),
});

const PlaceSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  territory: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()], {
    description: 'Identifiant d’organisme (caf, mairie…)',
  }),
  address: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.Union([Type.String(), Type.Null()]),
  commune: Type.Union([Type.String(), Type.Null()]),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  openingHours: Type.Array(OpeningRangeSchema),
  toComplete: Type.Union([Type.String(), Type.Null()]),
});

/** The public JSON of a place: listed field by field. */
function presentPlace(place: Place): Static<typeof PlaceSchema> {
  return {
    id: place.id,
    slug: place.slug,
    territory: place.territoryId,
    name: place.name,
    kind: place.kind,
    organisation: place.organisation?.kind ?? null,
    address: place.address,
    postalCode: place.postalCode,
    commune: place.commune?.inseeCode ?? null,
    latitude: place.latitude,
    longitude: place.longitude,
    phone: place.phone,
    openingHours: place.openingHours,
    toComplete: place.toComplete,
  };
}

const TerritoryParams = Type.Object(
  { territory: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) },
  { additionalProperties: false },
);
const licence =
  'Données publiées sous la Licence Ouverte / Open Licence 2.0 (Etalab) : réutilisation libre, avec mention de la source « Sans Couture ».';
// The records are validated against the official schemas by the tests; the route describes them loosely (the
// official JSON Schemas are the reference) and does not filter their fields.
const DiRecords = Type.Array(Type.Object({}, { additionalProperties: true }));

const CommuneParams = Type.Object(
  { commune: Type.String({ maxLength: 5 }) },
  { additionalProperties: false },
);

/** Registers the territory routes. */
export default async function territoryRoutes(app: FastifyInstance) {
  await registerOfferPages(app);
  app.get('/bus', { schema: { hide: true } }, async (request, reply) => {
    const stops = (await listTerritories(app.db)).length > 0 ? await listBusStops(app.db, {}) : [];
    return reply.page(h(BusIndexPage, { ctx: request.viewContext(), stops }));
  });

  app.get<{ Params: Static<typeof CommuneParams> }>(
    '/bus/:commune',
    { schema: { params: CommuneParams, hide: true } },
    async (request, reply) => {
      const { commune, stops, passages } = await busOfCommune(
        app.db,
        request.params.commune,
        app.clock.today(),
      );
      return reply.page(
        h(BusCommunePage, {
          ctx: request.viewContext(),
          communeName: commune.name,
          communeInsee: commune.inseeCode,
          stops,
          passages,
        }),
      );
    },
  );

  app.get<{ Params: Static<typeof CommuneParams> }>(
    '/bus/:commune/passages.ics',
    { schema: { params: CommuneParams, hide: true } },
    async (request, reply) => {
      const { commune, passages } = await busOfCommune(app.db, request.params.commune, app.clock.today());
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="bus-${commune.inseeCode}.ics"`)
        .send(passagesCalendar(commune.name, passages, app.clock.now()));
    },
  );

  for (const kind of ['structures', 'services'] as const) {
    app.get<{ Params: Static<typeof TerritoryParams> }>(
      `/api/v1/territories/:territory/data-inclusion/${kind}`,
      {
        schema: {
          summary:
            kind === 'structures'
              ? 'Lieux d’accueil du territoire au format data·inclusion v1 (structures)'
              : 'Services du territoire au format data·inclusion v1 (un enregistrement par service et lieu)',
          description: `Chaque objet est valide selon le schéma data·inclusion v1 (${kind === 'structures' ? 'structure.json' : 'service.json'}), identifiants « sans-couture--… », horaires au format OpenStreetMap opening_hours. ${licence} Même contenu en CSV : ajoutez .csv.`,
          tags: ['territoire'],
          params: TerritoryParams,
          response: { 200: DiRecords },
        },
      },
      async (request, reply) => {
        const offer = await exportTerritoryOffer(app.db, request.params.territory, app.config.publicUrl);
        reply.header('link', '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
        return offer[kind];
      },
    );
    app.get<{ Params: Static<typeof TerritoryParams> }>(
      `/api/v1/territories/:territory/data-inclusion/${kind}.csv`,
      {
        schema: {
          summary: `Les mêmes ${kind === 'structures' ? 'structures' : 'services'} data·inclusion en CSV`,
          description: licence,
          tags: ['territoire'],
          params: TerritoryParams,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const offer = await exportTerritoryOffer(app.db, request.params.territory, app.config.publicUrl);
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${request.params.territory}-${kind}.csv"`)
          .header('link', '<https://www.etalab.gouv.fr/licence-ouverte-open-licence/>; rel="license"');
        return kind === 'structures'
          ? toCsv(offer.structures, structureColumns)
          : toCsv(offer.services, serviceColumns);
      },
    );
  }

  app.get<{ Querystring: Static<typeof PlacesQuery> }>(
    '/lieux',
    { schema: { querystring: PlacesQuery, hide: true } },
    async (request, reply) => {
      const db = app.db;
      const communes = await listCommunes(db, defaultTerritory);
      const selectedCommune = communes.some((c) => c.inseeCode === request.query.commune)
        ? request.query.commune!
        : null;
      const organisations = await listOrganisations(db, defaultTerritory);
      const kinds = [
        ...new Map(organisations.map((o) => [o.kind, { kind: o.kind, label: o.name }])).values(),
      ];
      const selectedKind = kinds.some((k) => k.kind === request.query.organisme)
        ? request.query.organisme!
        : null;
      let places = await listPlaces(db, {
        territoryId: defaultTerritory,
        organisationKind: selectedKind ?? undefined,
      });
      let distances: Record<string, number> = {};
      if (selectedCommune) {
        // Nearest first, by straight-line distance from the commune's centre: every place of the bassin serves
        // every commune, the nearest is the one to go to.
        const ranked = rankByDistance(places, selectedCommune);
        places = ranked.map((r) => r.place);
        distances = Object.fromEntries(ranked.flatMap((r) => (r.km === null ? [] : [[r.place.slug, r.km]])));
      }
      return reply.page(
        h(PlacesPage, {
          ctx: request.viewContext(),
          places,
          communes,
          selectedCommune,
          organisationKinds: kinds,
          selectedKind,
          now: app.clock.now(),
          distances,
        }),
      );
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/lieux/:slug',
    { schema: { params: Type.Object({ slug: Type.String({ maxLength: 80 }) }), hide: true } },
    async (request, reply) => {
      const detail = await placeDetail(app.db, request.params.slug, app.clock.today());
      return reply.page(h(PlacePage, { ctx: request.viewContext(), ...detail, now: app.clock.now() }));
    },
  );

  app.get<{ Querystring: Static<typeof ApiPlacesQuery> }>(
    '/api/v1/places',
    {
      schema: {
        summary: 'Lieux d’accueil d’un territoire',
        tags: ['territoire'],
        querystring: ApiPlacesQuery,
        response: { 200: Type.Object({ places: Type.Array(PlaceSchema) }) },
      },
    },
    async (request) => {
      const places = await listPlaces(app.db, {
        territoryId: request.query.territory ?? defaultTerritory,
        organisationKind: request.query.organisation,
      });
      return { places: places.map(presentPlace) };
    },
  );
}
