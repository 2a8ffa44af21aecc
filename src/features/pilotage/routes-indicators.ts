// The indicator pages: a pilot sees their territory, the national observer every territory side by side or one of
// them; by month, by commune or EPCI; every table as CSV. Figures are read from the indicator store (refreshed by a
// durable job), never computed from the features' tables on a page view.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole, type SessionUser } from '../../platform/auth/session.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../platform/errors.ts';
import { indicatorSources } from '../indicators.ts';
import { lifeEvents } from '../navigator/life-events.ts';
import { officialCommune } from '../territory/geography.ts';
import { listTerritorySummaries, type TerritorySummary } from '../territory/membership-store.ts';
import { listCommunes, listOrganisations, listPlaces } from '../territory/store.ts';
import { comparesTerritories, indicatorRoles, visibleTerritories } from './access.ts';
import {
  comparisonSections,
  summaryIndicators,
  tableCsv,
  territorySections,
  type Grain,
  type Labels,
  type PageSection,
} from './indicator-tables.ts';
import { addMonths, isMonth, monthOf } from './months.ts';
import { readComments } from './satisfaction.ts';
import { lastRefresh, readIndicatorSummary } from './store.ts';
import { IndicatorsPage } from './views/indicators.tsx';

export const IndicatorQuery = Type.Object(
  {
    territoire: Type.Optional(Type.String({ maxLength: 60 })),
    du: Type.Optional(Type.String({ maxLength: 20 })),
    au: Type.Optional(Type.String({ maxLength: 20 })),
    maille: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
type IndicatorQueryType = Static<typeof IndicatorQuery>;
const TableQuery = Type.Object(
  { ...IndicatorQuery.properties, id: Type.String({ maxLength: 80 }) },
  { additionalProperties: false },
);

/** What the page shows, once the query is checked: the territory (or all), the months, the grain. */
export interface Selection {
  territories: TerritorySummary[];
  /** null: every territory side by side. */
  territory: TerritorySummary | null;
  from: string;
  to: string;
  grain: Grain;
  errors: FieldError[];
}

/** Reads and checks the query; a wrong month or grain falls back to the default with its message. */
async function selectionOf(
  app: FastifyInstance,
  user: SessionUser,
  query: IndicatorQueryType,
): Promise<Selection> {
  const territories = visibleTerritories(user, await listTerritorySummaries(app.db));
  if (territories.length === 0)
    throw forbidden('Aucun territoire ne vous est rattaché : demandez-le à un administrateur.');
  const compares = comparesTerritories(user);
  let territory: TerritorySummary | null;
  if (!query.territoire || query.territoire === 'tous') territory = compares ? null : territories[0]!;
  else {
    territory = territories.find((t) => t.id === query.territoire) ?? null;
    if (!territory) throw forbidden('Vous ne voyez pas les indicateurs de ce territoire.');
  }
  const errors: FieldError[] = [];
  const current = monthOf(app.clock.now());
  let to = query.au ?? current;
  if (!isMonth(to) || to > current) {
    errors.push({ field: 'au', message: 'Choisissez un mois de la liste, au plus tard le mois en cours.' });
    to = current;
  }
  let from = query.du ?? addMonths(to, -11);
  if (!isMonth(from) || from > to || from < addMonths(to, -59)) {
    errors.push({
      field: 'du',
      message: 'Choisissez un mois de début avant le mois de fin, dans les cinq ans.',
    });
    from = addMonths(to, -11);
  }
  let grain: Grain = 'commune';
  if (query.maille === 'epci') grain = 'epci';
  else if (query.maille !== undefined && query.maille !== 'commune')
    errors.push({ field: 'maille', message: 'Choisissez commune ou intercommunalité.' });
  return { territories, territory, from, to, grain, errors };
}

/** Labels of life events, organisations, communes and territories for the tables. */
async function labelsFor(app: FastifyInstance, territories: TerritorySummary[]): Promise<Labels> {
  const organisations: Record<string, string> = {};
  const places: Record<string, string> = {};
  const communes: Record<string, string> = {};
  for (const t of territories) {
    for (const o of await listOrganisations(app.db, t.id)) organisations[o.slug] = o.name;
    for (const p of await listPlaces(app.db, { territoryId: t.id })) places[p.slug] = p.name;
    for (const c of await listCommunes(app.db, t.id)) communes[c.inseeCode] = c.name;
  }
  return {
    lifeEvents: Object.fromEntries([...lifeEvents()].map(([id, e]) => [id, e.title])),
    organisations,
    places,
    communes,
    epciOf: (code) => officialCommune(code)?.epci ?? null,
    territories: Object.fromEntries(territories.map((t) => [t.id, t.name])),
  };
}

/** The sections of the selection, from the indicator store (summed by the database). */
async function sectionsOf(app: FastifyInstance, selection: Selection): Promise<PageSection[]> {
  const range = { from: selection.from, to: selection.to };
  const shown = selection.territory ? [selection.territory] : selection.territories;
  const labels = await labelsFor(app, shown);
  const summary = await readIndicatorSummary(app.db, {
    ...summaryIndicators(indicatorSources),
    territoryIds: shown.map((t) => t.id),
    range,
  });
  if (selection.territory)
    return territorySections(
      indicatorSources,
      summary,
      selection.territory.id,
      labels,
      range,
      selection.grain,
    );
  return comparisonSections(
    indicatorSources,
    summary,
    labels,
    shown.map((t) => t.id),
    range,
  );
}

/** The query string of a selection, for the CSV links. */
export function selectionQuery(selection: Selection): string {
  return new URLSearchParams({
    territoire: selection.territory?.id ?? 'tous',
    du: selection.from,
    au: selection.to,
    maille: selection.grain,
  }).toString();
}

const user = (request: FastifyRequest) => request.user!;

/** Registers the indicator pages. */
export function indicatorRoutes(app: FastifyInstance): void {
  const guard = requireRole(...indicatorRoles);

  app.get<{ Querystring: IndicatorQueryType }>(
    '/pilotage',
    { schema: { querystring: IndicatorQuery, hide: true }, preHandler: guard },
    async (request, reply) => {
      const selection = await selectionOf(app, user(request), request.query);
      const sections = await sectionsOf(app, selection);
      const comments = selection.territory
        ? await readComments(app.db, user(request), [selection.territory.id], request.id)
        : [];
      const refreshed = await lastRefresh(app.db);
      reply.header('cache-control', 'no-store');
      if (selection.errors.length > 0) reply.status(400);
      return reply.page(
        h(IndicatorsPage, {
          ctx: request.viewContext(),
          selection,
          sections,
          comments,
          refreshedAt: refreshed?.finishedAt ?? null,
          currentMonth: monthOf(app.clock.now()),
          query: selectionQuery(selection),
        }),
      );
    },
  );

  app.get<{ Querystring: Static<typeof TableQuery> }>(
    '/pilotage/tableau.csv',
    { schema: { querystring: TableQuery, hide: true }, preHandler: guard },
    async (request, reply) => {
      const selection = await selectionOf(app, user(request), request.query);
      if (selection.errors.length > 0)
        throw new AppError('validation', selection.errors[0]!.message, selection.errors);
      const table = (await sectionsOf(app, selection))
        .flatMap((s) => s.tables)
        .find((t) => t.id === request.query.id);
      if (!table) throw notFound('Ce tableau n’existe pas pour cette sélection.');
      const name = `${table.id}-${selection.territory?.id ?? 'territoires'}-${selection.from}-${selection.to}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(tableCsv(table));
    },
  );
}
