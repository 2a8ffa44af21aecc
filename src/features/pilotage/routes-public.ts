// Public pages: the experiment's territories, each one's register in read-only with its indicators month by month
// (complete months only, protected by statistical secrecy, as the open data), how to join, and the satisfaction
// questionnaire.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { notFound } from '../../platform/errors.ts';
import { listTerritorySummaries } from '../territory/membership-store.ts';
import { addMonths, monthOf, monthsBetween } from './months.ts';
import { currentPublication, publicValue, type Publication } from './publication.ts';
import { registerOf } from './register.ts';
import { listExperiments, readHistory } from './register-store.ts';
import { checkSatisfaction, readContext, recordSatisfaction, respondentOf } from './satisfaction.ts';
import { FormBody } from './routes-register.ts';
import type { FormValues } from './register.ts';
import { ExperimentsPage, JoinPage, PublicRegisterPage, type LiveSeries } from './views/public.tsx';
import { SatisfactionPage, ThanksPage } from './views/satisfaction.tsx';

const TerritoryParams = Type.Object(
  { territory: Type.String({ maxLength: 60 }) },
  { additionalProperties: false },
);
const AvisQuery = Type.Object(
  {
    sujet: Type.Optional(Type.String({ maxLength: 20 })),
    moment: Type.Optional(Type.String({ maxLength: 40 })),
    commune: Type.Optional(Type.String({ maxLength: 10 })),
    territoire: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

/** The key figures every public register shows. */
const keyIndicators = ['plans', 'cases-opened', 'cases-closed', 'satisfaction-answers'];

function series(
  publication: Publication,
  indicators: string[],
  territoryId: string,
  months: string[],
): LiveSeries[] {
  return indicators.map((indicator) => ({
    indicator,
    values: months.map((month) => ({
      month,
      value: publicValue(publication, indicator, territoryId, month),
    })),
  }));
}

/** Registers the public pages of the experiment and the satisfaction questionnaire. */
export function publicRoutes(app: FastifyInstance): void {
  app.get('/experimentation', { schema: { hide: true } }, async (request, reply) => {
    const experiments = new Map((await listExperiments(app.db)).map((e) => [e.territory_id, e]));
    const territories = (await listTerritorySummaries(app.db)).map((t) => ({
      ...t,
      startsOn: experiments.get(t.id)?.starts_on ?? null,
      endsOn: experiments.get(t.id)?.ends_on ?? null,
    }));
    return reply.page(h(ExperimentsPage, { ctx: request.viewContext(), territories }));
  });

  app.get('/experimentation/rejoindre', { schema: { hide: true } }, async (request, reply) =>
    reply.page(
      h(JoinPage, { ctx: request.viewContext(), territories: await listTerritorySummaries(app.db) }),
    ),
  );

  app.get<{ Params: Static<typeof TerritoryParams> }>(
    '/experimentation/:territory',
    { schema: { params: TerritoryParams, hide: true } },
    async (request, reply) => {
      const territory = (await listTerritorySummaries(app.db)).find((t) => t.id === request.params.territory);
      if (!territory) throw notFound('Ce territoire ne participe pas à l’expérimentation.');
      const register = await registerOf(app.db, territory);
      const now = app.clock.now();
      const publication = await currentPublication(app.db, now);
      // The six months up to the last complete one: the month still counting is never shown to the public, since
      // a figure seen going from "secret" to 11 between two refreshes would tell about one person.
      const through = publication.lastCompleteMonth ?? addMonths(monthOf(now), -1);
      const months = monthsBetween(addMonths(through, -5), through);
      const solutionFigures = new Map(
        register.solutions.map((s) => [s.id, series(publication, s.indicators, territory.id, months)]),
      );
      return reply.header('cache-control', 'no-store').page(
        h(PublicRegisterPage, {
          ctx: request.viewContext(),
          territory,
          register,
          history: await readHistory(app.db, territory.id),
          today: app.clock.today(),
          figuresThrough: publication.lastCompleteMonth,
          keyFigures: series(publication, keyIndicators, territory.id, months),
          solutionFigures,
        }),
      );
    },
  );

  async function territoryIds(): Promise<string[]> {
    return (await listTerritorySummaries(app.db)).map((t) => t.id);
  }

  app.get<{ Querystring: Static<typeof AvisQuery> }>(
    '/avis',
    { schema: { querystring: AvisQuery, hide: true } },
    async (request, reply) => {
      const context = readContext(request.query, await territoryIds());
      if (!context)
        throw notFound('Ce lien d’avis n’est pas valable : il doit dire sur quoi porte votre avis.');
      return reply.page(
        h(SatisfactionPage, {
          ctx: request.viewContext(),
          context,
          form: {},
          errors: [],
          commentMonths: app.config.pilotage.satisfactionCommentMonths,
        }),
      );
    },
  );

  app.post<{ Body: FormValues }>(
    '/avis',
    {
      schema: { body: FormBody, hide: true },
      // Anyone may answer: a limit per address keeps the figures from being flooded.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const context = readContext(request.body, await territoryIds());
      if (!context)
        throw notFound('Ce lien d’avis n’est pas valable : il doit dire sur quoi porte votre avis.');
      const checked = checkSatisfaction(request.body);
      if ('errors' in checked)
        return reply.status(400).page(
          h(SatisfactionPage, {
            ctx: request.viewContext(),
            context,
            form: request.body,
            errors: checked.errors,
            commentMonths: app.config.pilotage.satisfactionCommentMonths,
          }),
        );
      await recordSatisfaction(
        app.db,
        context,
        checked.input,
        respondentOf(request.user?.role ?? null),
        app.clock.now(),
      );
      return reply.redirect('/avis/merci', 303);
    },
  );

  app.get('/avis/merci', { schema: { hide: true } }, async (request, reply) =>
    reply.page(h(ThanksPage, { ctx: request.viewContext() })),
  );
}
