// Routes of the navigator: the moments of life, the questionnaire (one question per page, or one page for helpers),
// the private resume link, the plan page with its PDF, calendar and e-mail, and the public API POST /api/v1/plans.
// Answers live in a signed cookie of this browser until the person asks to save them (then in the database).
// Thin: each handler validates, calls a use-case (questionnaire.ts, plan.ts, saved-answers.ts) and renders.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { addDays, parseDate } from '../../platform/dates.ts';
import type { SignedJsonCookie } from '../../platform/http/signed-cookie.ts';
import { answersCookie } from './answers-cookie.ts';
import { planPanelFor, prefillFromFile } from '../resident-file/navigator-hooks.ts';
import { checkRequestMeaning } from '../rights/schema.ts';
import { listExperimentCommunes } from '../territory/membership-store.ts';
import { countPlanMade } from '../pilotage/counters.ts';
import { calendarSteps, planCalendar } from './ics.ts';
import {
  isLifeEventId,
  lifeEvent,
  lifeEventIds,
  lifeEventLinks,
  lifeEvents,
  type LifeEvent,
  type LifeEventId,
} from './life-events.ts';
import { buildPlan, presentPlan, type Plan } from './plan.ts';
import { PlanRequestSchema, PlanResponseSchema, type PlanRequest } from './plan-schema.ts';
import { planPdf } from './pdf.ts';
import {
  answerQuestion,
  isQuestionOf,
  nextQuestion,
  onePageQuestions,
  pageAfter,
  planInputFor,
  questionNavigation,
  questionnaireFor,
  readOnePageForm,
} from './questionnaire.ts';
import {
  valuesFromAnswers,
  type AnswerContext,
  type Answers,
  type FormValues,
  type QuestionId,
} from './questions.ts';
import { registerSaveRoutes } from './save-routes.ts';
import { isEmailAddress } from '../../platform/mail/address.ts';
import {
  LifeEventsPage,
  OnePageForm,
  QuestionPage,
  StartPage,
  SummaryPage,
  summaryRows,
} from './views/questionnaire.tsx';
import { PlanPage } from './views/plan.tsx';
import { planText } from './views/plan-text.ts';

const EventParams = Type.Object({ event: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
const QuestionParams = Type.Object(
  { event: Type.String({ maxLength: 40 }), question: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
const ReturnQuery = Type.Object(
  { retour: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
const PlanQuery = Type.Object(
  { envoye: Type.Optional(Type.String({ maxLength: 2 })) },
  { additionalProperties: false },
);
// Form bodies: every field a string (or repeated); names are checked by the question readers.
const FormBody = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([
    Type.String({ maxLength: 200 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 }),
  ]),
);

function eventOr404(id: string): LifeEvent {
  if (!isLifeEventId(id)) throw notFound('Ce moment de vie n’existe pas.');
  return lifeEvent(id);
}

/** A question of this moment of life (the date, the commune, or one its content lists), else 404. */
function questionOr404(event: LifeEvent, id: string): QuestionId {
  if (!isQuestionOf(event, id)) throw notFound('Cette question n’existe pas.');
  return id;
}

/** Why an event date cannot make a plan (not a date, or beyond the moment of life's bounds), or null. */
function eventDateError(event: LifeEvent, eventDate: string, today: string): string | null {
  if (!parseDate(eventDate)) return 'Cette date n’existe pas';
  const latest = addDays(today, event.eventDate.maxFutureDays);
  const earliest = addDays(today, -event.eventDate.maxPastDays);
  if (eventDate > latest) return `Cette date est trop loin pour un plan : au plus tard le ${latest}`;
  if (eventDate < earliest) return `Cette date est trop ancienne pour un plan : au plus tôt le ${earliest}`;
  return null;
}

const returnOf = (query: { retour?: string }) => (query.retour === 'recapitulatif' ? 'recapitulatif' : null);
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** Registers the navigator's pages and API. */
export default async function navigatorRoutes(app: FastifyInstance) {
  lifeEvents(); // read and check the content files at start: a broken file stops the boot
  const today = () => app.clock.today();
  // One signed cookie of answers per moment of life, on the navigator's paths only.
  const cookies = new Map<LifeEventId, SignedJsonCookie<Answers>>(
    lifeEventIds.map((id) => [id, answersCookie(app.config, id)]),
  );
  const cookieOf = (event: LifeEvent) => cookies.get(event.id)!;
  const readAnswers = (request: FastifyRequest, event: LifeEvent) => cookieOf(event).read(request) ?? {};
  const communes = () => listExperimentCommunes(app.db);

  async function answerContext(event: LifeEvent): Promise<AnswerContext> {
    return {
      today: today(),
      eventLabel: event.eventDate.label,
      maxPastDays: event.eventDate.maxPastDays,
      maxFutureDays: event.eventDate.maxFutureDays,
      communes: await communes(),
    };
  }

  async function planFor(event: LifeEvent, answers: Answers & { eventDate: string }): Promise<Plan> {
    const input = planInputFor(event, answers, today());
    return buildPlan(app.db, { ...input, eventDate: answers.eventDate }, app.clock.now());
  }

  // The private link and the reminders (save-routes.ts).
  const savedLinks = registerSaveRoutes(app, {
    readAnswers,
    writeAnswers: (reply, event, answers) => cookieOf(event).write(reply, answers),
    planFor,
  });
  /** Where the PDF and the e-mail link back to: the private link when saved, else the moment of life's page. */
  const linkBack = async (request: FastifyRequest, event: LifeEvent) =>
    (await savedLinks.privateLinkOf(request, event)) ?? `${app.config.publicUrl}/moments-de-vie/${event.id}`;

  app.get('/moments-de-vie', { schema: { hide: true } }, async (request, reply) => {
    const labels = new Map(lifeEventLinks.map((l) => [l.id, l.label]));
    const events = lifeEventIds.map((id) => ({
      id,
      label: labels.get(id) ?? lifeEvent(id).title,
      intro: lifeEvent(id).intro,
    }));
    return reply.page(h(LifeEventsPage, { ctx: request.viewContext(), events }));
  });

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const hasAnswers = readAnswers(request, event).eventDate !== undefined;
      return reply.page(h(StartPage, { ctx: request.viewContext(), event, hasAnswers }));
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/questions',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      // A signed-in resident starts from their file: what it holds and is still valid is not asked again.
      const answers = readAnswers(request, event);
      const prefilled = await prefillFromFile(app.db, request.user, event, answers, today(), request.id);
      if (prefilled) cookieOf(event).write(reply, prefilled);
      return reply.redirect(pageAfter(event, prefilled ?? answers, today(), null), 303);
    },
  );

  async function renderQuestion(
    request: FastifyRequest,
    reply: FastifyReply,
    event: LifeEvent,
    question: QuestionId,
    answers: Answers,
    values: FormValues,
    errors: FieldError[],
    returnTo: 'recapitulatif' | null,
  ) {
    const place = questionNavigation(event, answers, question, today(), returnTo);
    noStore(reply);
    if (errors.length > 0) reply.status(400);
    return reply.page(
      h(QuestionPage, {
        ctx: request.viewContext(),
        event,
        question,
        ...place,
        values,
        errors,
        communes: await communes(),
        returnTo,
      }),
    );
  }

  app.get<{ Params: Static<typeof QuestionParams>; Querystring: Static<typeof ReturnQuery> }>(
    '/moments-de-vie/:event/questions/:question',
    { schema: { params: QuestionParams, querystring: ReturnQuery, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const question = questionOr404(event, request.params.question);
      const answers = readAnswers(request, event);
      const values = valuesFromAnswers(answers);
      return renderQuestion(request, reply, event, question, answers, values, [], returnOf(request.query));
    },
  );

  /** The children's birth dates as form values (child1, child2…). */
  const childDates = (answers: Answers): FormValues =>
    Object.fromEntries(Object.entries(valuesFromAnswers(answers)).filter(([k]) => /^child\d$/.test(k)));

  app.post<{
    Params: Static<typeof QuestionParams>;
    Querystring: Static<typeof ReturnQuery>;
    Body: FormValues;
  }>(
    '/moments-de-vie/:event/questions/:question',
    { schema: { params: QuestionParams, querystring: ReturnQuery, body: FormBody, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const question = questionOr404(event, request.params.question);
      const returnTo = returnOf(request.query);
      const answers = readAnswers(request, event);
      const result = answerQuestion(question, request.body, await answerContext(event), answers);
      if ('errors' in result)
        return renderQuestion(
          request,
          reply,
          event,
          question,
          answers,
          // The children's dates name the rows of the children's disability page: kept from the answers.
          { ...childDates(answers), ...request.body },
          result.errors,
          returnTo,
        );
      cookieOf(event).write(reply, result.answers);
      return reply.redirect(pageAfter(event, result.answers, today(), returnTo), 303);
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/recapitulatif',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const answers = readAnswers(request, event);
      const list = questionnaireFor(event, answers, today());
      noStore(reply);
      return reply.page(
        h(SummaryPage, {
          ctx: request.viewContext(),
          event,
          rows: summaryRows(event, list, answers, await communes()),
          complete: nextQuestion(event, answers, today()) === null,
        }),
      );
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/formulaire',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      noStore(reply);
      // A signed-in resident's form starts from their file, as the step-by-step questionnaire does: what it holds
      // and is still valid is filled in, not typed again.
      const answers = readAnswers(request, event);
      const prefilled = await prefillFromFile(app.db, request.user, event, answers, today(), request.id);
      if (prefilled) cookieOf(event).write(reply, prefilled);
      return reply.page(
        h(OnePageForm, {
          ctx: request.viewContext(),
          event,
          questionIds: onePageQuestions(event),
          values: valuesFromAnswers(prefilled ?? answers),
          errors: [],
          communes: await communes(),
        }),
      );
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: FormValues }>(
    '/moments-de-vie/:event/formulaire',
    { schema: { params: EventParams, body: FormBody, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const ctx = await answerContext(event);
      const result = readOnePageForm(event, request.body, ctx);
      if ('errors' in result) {
        reply.status(400);
        noStore(reply);
        return reply.page(
          h(OnePageForm, {
            ctx: request.viewContext(),
            event,
            questionIds: onePageQuestions(event),
            values: request.body,
            errors: result.errors,
            communes: await communes(),
          }),
        );
      }
      cookieOf(event).write(reply, result.answers);
      return reply.redirect(`/moments-de-vie/${event.id}/plan`, 303);
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: FormValues }>(
    '/moments-de-vie/:event/effacer',
    { schema: { params: EventParams, body: FormBody, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      cookieOf(event).clear(reply);
      savedLinks.forget(reply, event);
      return reply.redirect(`/moments-de-vie/${event.id}`, 303);
    },
  );

  /** The plan of the answers in this browser, or a redirect to the questions when the date or commune is missing. */
  async function planOrRedirect(
    request: FastifyRequest,
    reply: FastifyReply,
    event: LifeEvent,
  ): Promise<{ plan: Plan; answers: Answers } | null> {
    const answers = readAnswers(request, event);
    if (!answers.eventDate || !answers.commune) {
      await reply.redirect(`/moments-de-vie/${event.id}/questions`, 303);
      return null;
    }
    return { plan: await planFor(event, { ...answers, eventDate: answers.eventDate }), answers };
  }

  async function renderPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    plan: Plan,
    mail: { sent: boolean; value: string; errors: FieldError[] },
  ) {
    noStore(reply);
    return reply.page(
      h(PlanPage, {
        ctx: request.viewContext(),
        plan,
        today: today(),
        mailSent: mail.sent,
        mailValue: mail.value,
        mailErrors: mail.errors,
        // The resident's file: save the answers in it, or hand the plan to France Services.
        filePanel: await planPanelFor(
          app.db,
          request.user,
          plan.lifeEvent,
          readAnswers(request, plan.lifeEvent),
          today(),
        ),
      }),
    );
  }

  app.get<{ Params: Static<typeof EventParams>; Querystring: Static<typeof PlanQuery> }>(
    '/moments-de-vie/:event/plan',
    { schema: { params: EventParams, querystring: PlanQuery, hide: true } },
    async (request, reply) => {
      const found = await planOrRedirect(request, reply, eventOr404(request.params.event));
      if (!found) return reply;
      countPlanMade(app, found.plan, 'page');
      return renderPlan(request, reply, found.plan, {
        sent: request.query.envoye === '1',
        value: '',
        errors: [],
      });
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/plan.pdf',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const found = await planOrRedirect(request, reply, event);
      if (!found) return reply;
      const pdf = await planPdf(found.plan, today(), await linkBack(request, event));
      noStore(reply);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="plan-${event.id}.pdf"`)
        .send(pdf);
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/plan.ics',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const found = await planOrRedirect(request, reply, event);
      if (!found) return reply;
      if (calendarSteps(found.plan, today()).length === 0)
        throw notFound(
          'Ce plan n’a aucune date à ajouter à un agenda : il n’y a pas de calendrier à télécharger.',
        );
      noStore(reply);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="demarches-${event.id}.ics"`)
        .send(planCalendar(found.plan, today(), app.clock.now()));
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: FormValues }>(
    '/moments-de-vie/:event/plan/envoyer',
    {
      schema: { params: EventParams, body: FormBody, hide: true },
      // Sending mail to any address on demand: a low limit so that the form cannot be used to spam.
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const found = await planOrRedirect(request, reply, event);
      if (!found) return reply;
      const raw = request.body.email;
      const email = (Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')).trim();
      if (!isEmailAddress(email)) {
        reply.status(400);
        const message = 'Indiquez une adresse électronique valide, par exemple nom@exemple.fr.';
        return renderPlan(request, reply, found.plan, {
          sent: false,
          value: email,
          errors: [{ field: 'email', message }],
        });
      }
      await app.mailer.send({
        to: email,
        subject: `Votre plan : ${event.title}`,
        text: planText(found.plan, today(), await linkBack(request, event)),
      });
      return reply.redirect(`/moments-de-vie/${event.id}/plan?envoye=1`, 303);
    },
  );

  app.post<{ Body: PlanRequest }>(
    '/api/v1/plans',
    {
      schema: {
        summary: 'Plan personnalisé pour un moment de vie',
        description:
          'Même corps qu’une estimation, plus le moment de vie et sa date. Répond les droits estimés et les démarches dans l’ordre, avec leur date limite et le lieu d’accueil du territoire. Aucune donnée n’est conservée.',
        tags: ['plans'],
        body: PlanRequestSchema,
        response: { 200: PlanResponseSchema },
      },
      config: { rateLimit: { max: app.config.rateLimit.apiPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { lifeEvent: eventId, eventDate, ...estimation } = request.body;
      const errors = checkRequestMeaning(estimation);
      const bound = eventDateError(lifeEvent(eventId), eventDate, today());
      if (bound) errors.push({ field: 'eventDate', message: bound });
      if (errors.length > 0) throw invalid(errors);
      const plan = await buildPlan(
        app.db,
        { lifeEvent: eventId, eventDate, request: estimation, today: today() },
        app.clock.now(),
      );
      countPlanMade(app, plan, 'api');
      return presentPlan(plan);
    },
  );
}
