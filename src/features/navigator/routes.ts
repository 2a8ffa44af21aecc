// Routes of the navigator: the moments of life, the questionnaire (one question per page, or one page for helpers),
// the private resume link, the plan page with its PDF, calendar and e-mail, and the public API POST /api/v1/plans.
// Answers live in a signed cookie of this browser until the person asks to save them (then in the database).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { cookieOptions } from '../../platform/auth/session.ts';
import { invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { EstimationRequestSchema, checkRequestMeaning } from '../rights/schema.ts';
import type { EstimationRequest } from '../rights/contract.ts';
import { listCommunes } from '../territory/store.ts';
import { frenchDate, parseDate } from '../../platform/dates.ts';
import { planCalendar } from './ics.ts';
import {
  isLifeEventId,
  lifeEvent,
  lifeEventIds,
  lifeEvents,
  type LifeEvent,
  type LifeEventId,
} from './life-events.ts';
import {
  buildPlan,
  defaultTerritory,
  organisationLabels,
  planMonth,
  presentPlan,
  type Plan,
} from './plan.ts';
import { planPdf } from './pdf.ts';
import { amountText, eligibleAmountText } from './format.ts';
import { nextQuestion, questionnaireFor } from './questionnaire.ts';
import {
  isAnswered,
  questionIds,
  questions,
  toEstimationRequest,
  type AnswerContext,
  type Answers,
  type FormValues,
  type QuestionId,
} from './questions.ts';
import { deleteSavedAnswers, resumeAnswers, saveAnswers } from './saved-answers.ts';
import {
  LifeEventsPage,
  OnePageForm,
  QuestionPage,
  ResumeFailedPage,
  SavedDeletedPage,
  SavedPage,
  StartPage,
  SummaryPage,
  summaryRows,
} from './views/questionnaire.tsx';
import { valuesFromAnswers } from './views/fields.tsx';
import { PlanPage } from './views/plan.tsx';
import { lifeEventLinks } from '../home/views/home.tsx';

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

const isoDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'AAAA-MM-JJ',
  examples: ['2026-06-01'],
});
const PlanRequestSchema = Type.Object(
  {
    ...EstimationRequestSchema.properties,
    lifeEvent: Type.Union(
      lifeEventIds.map((id) => Type.Literal(id)),
      { description: 'Moment de vie' },
    ),
    eventDate: {
      ...isoDate,
      description: 'Date de l’événement (naissance, décès, déménagement…), AAAA-MM-JJ',
    },
  },
  { additionalProperties: false },
);
type PlanRequest = Static<typeof PlanRequestSchema>;

const SourceSchema = Type.Object({ title: Type.String(), url: Type.String() });
const PlanResponseSchema = Type.Object({
  month: Type.String(),
  lifeEvent: Type.String(),
  eventDate: Type.String(),
  benefits: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      organisation: Type.String(),
      eligible: Type.Union([Type.Boolean(), Type.Null()]),
      amount: Type.Union([Type.Number(), Type.Null()]),
      frequency: Type.String(),
      explanation: Type.String(),
      sources: Type.Array(SourceSchema),
      missing: Type.Array(Type.String()),
    }),
  ),
  missing: Type.Array(Type.Object({ field: Type.String(), question: Type.String() })),
  procedures: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      organisation: Type.String(),
      deadline: Type.Union([Type.String(), Type.Null()], { description: 'Date limite AAAA-MM-JJ, ou null' }),
      online: Type.Union([Type.String(), Type.Null()], {
        description: 'Adresse du service en ligne, ou null',
      }),
      place: Type.Union([
        Type.Object({
          name: Type.String(),
          address: Type.String(),
          commune: Type.String(),
          openingHours: Type.String(),
        }),
        Type.Null(),
      ]),
      documents: Type.Array(Type.String()),
      sources: Type.Array(SourceSchema),
    }),
  ),
  gathers: Type.Object(
    { procedures: Type.Integer(), organisations: Type.Integer(), counters: Type.Integer() },
    {
      description:
        'Démarches, organismes distincts et guichets distincts que le plan rassemble (indicateur des démarches évitées)',
    },
  ),
  hireCost: Type.Optional(
    Type.Object({
      grossMonthlySalary: Type.Number(),
      employerContributions: Type.Number(),
      totalCost: Type.Number(),
      netSalary: Type.Number(),
    }),
  ),
});

const cookieName = (id: LifeEventId) => `sc_nav_${id.replace(/-/g, '_')}`;

/** Keeps only known answer fields of the right type (the cookie is signed, but its format may be older). */
function sanitize(raw: unknown): Answers {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const answers: Answers = {};
  const strings = [
    'eventDate',
    'commune',
    'birthDate',
    'partnerBirthDate',
    'housingStatus',
    'businessActivity',
  ] as const;
  const numbers = [
    'partnerEarnings',
    'partnerReplacementIncome',
    'earnings',
    'replacementIncome',
    'monthlyRent',
    'housingAid',
    'annualResources',
    'referenceTaxIncome',
    'disabilityPercent',
    'turnover',
    'salary',
  ] as const;
  for (const k of strings) if (typeof r[k] === 'string') (answers as Record<string, unknown>)[k] = r[k];
  for (const k of numbers)
    if (typeof r[k] === 'number' && Number.isFinite(r[k])) (answers as Record<string, unknown>)[k] = r[k];
  if (typeof r.couple === 'boolean') answers.couple = r.couple;
  if (typeof r.acre === 'boolean') answers.acre = r.acre;
  if (typeof r.acreGroup === 'boolean') answers.acreGroup = r.acreGroup;
  if (typeof r.employmentRestriction === 'boolean') answers.employmentRestriction = r.employmentRestriction;
  if (typeof r.student === 'boolean') answers.student = r.student;
  if (typeof r.pregnant === 'boolean') answers.pregnant = r.pregnant;
  if (r.gir === null || (typeof r.gir === 'number' && r.gir >= 1 && r.gir <= 6))
    answers.gir = r.gir as number | null;
  if (Array.isArray(r.children))
    answers.children = r.children
      .filter((c): c is string => typeof c === 'string' && parseDate(c) !== null)
      .slice(0, 6);
  if (Array.isArray(r.skipped))
    answers.skipped = r.skipped.filter((q): q is QuestionId =>
      (questionIds as readonly unknown[]).includes(q),
    );
  return answers;
}

function eventOr404(id: string): LifeEvent {
  if (!isLifeEventId(id)) throw notFound('Ce moment de vie n’existe pas.');
  return lifeEvent(id);
}

/** A question of this moment of life (the date, the commune, or one its content lists), else 404. */
function questionOr404(event: LifeEvent, id: string): QuestionId {
  const allowed: readonly string[] = ['eventDate', 'commune', ...event.questions];
  if (!allowed.includes(id)) throw notFound('Cette question n’existe pas.');
  return id as QuestionId;
}

/** Registers the navigator's pages and API. */
export default async function navigatorRoutes(app: FastifyInstance) {
  const todayInParis = () => app.clock.today();
  lifeEvents(); // read and check the content files at start: a broken file stops the boot
  const cookieOpts = { ...cookieOptions(app.config), path: '/moments-de-vie', signed: true };

  function readAnswers(request: FastifyRequest, id: LifeEventId): Answers {
    const raw = request.cookies[cookieName(id)];
    if (!raw) return {};
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8'));
    } catch {
      return {};
    }
    return sanitize(parsed);
  }

  function writeAnswers(reply: FastifyReply, id: LifeEventId, answers: Answers): void {
    reply.setCookie(cookieName(id), Buffer.from(JSON.stringify(answers)).toString('base64url'), cookieOpts);
  }

  async function communes() {
    return listCommunes(app.db, defaultTerritory);
  }

  function answerContext(event: LifeEvent, list: { inseeCode: string; name: string }[]): AnswerContext {
    return {
      today: todayInParis(),
      eventLabel: event.eventDate.label,
      maxPastDays: event.eventDate.maxPastDays,
      maxFutureDays: event.eventDate.maxFutureDays,
      communes: list,
    };
  }

  function requestFor(event: LifeEvent, answers: Answers): EstimationRequest {
    const today = todayInParis();
    return toEstimationRequest(event.id, answers, planMonth(answers.eventDate ?? today, today), today);
  }

  async function planFor(event: LifeEvent, answers: Answers): Promise<Plan> {
    return buildPlan(
      app.db,
      {
        lifeEvent: event.id,
        eventDate: answers.eventDate!,
        request: requestFor(event, answers),
        salary: answers.salary,
      },
      app.clock.now(),
    );
  }

  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

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
      const hasAnswers = readAnswers(request, event.id).eventDate !== undefined;
      return reply.page(h(StartPage, { ctx: request.viewContext(), event, hasAnswers }));
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/questions',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const next = nextQuestion(event, readAnswers(request, event.id), todayInParis());
      return reply.redirect(
        next ? `/moments-de-vie/${event.id}/questions/${next}` : `/moments-de-vie/${event.id}/recapitulatif`,
        303,
      );
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
    const list = questionnaireFor(event, answers, todayInParis());
    const all = list.includes(question) ? list : [...list, question];
    const index = all.indexOf(question);
    const back = returnTo
      ? `/moments-de-vie/${event.id}/recapitulatif`
      : index > 0
        ? `/moments-de-vie/${event.id}/questions/${all[index - 1]}`
        : `/moments-de-vie/${event.id}`;
    noStore(reply);
    if (errors.length > 0) reply.status(400);
    return reply.page(
      h(QuestionPage, {
        ctx: request.viewContext(),
        event,
        question,
        position: index + 1,
        total: all.length,
        back,
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
      const answers = readAnswers(request, event.id);
      return renderQuestion(
        request,
        reply,
        event,
        question,
        answers,
        valuesFromAnswers(answers),
        [],
        request.query.retour === 'recapitulatif' ? 'recapitulatif' : null,
      );
    },
  );

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
      const returnTo = request.query.retour === 'recapitulatif' ? 'recapitulatif' : null;
      const answers = readAnswers(request, event.id);
      const def = questions[question];
      let updated: Answers;
      if (request.body.action === 'passer' && def.skippable) {
        updated = { ...answers, skipped: [...new Set([...(answers.skipped ?? []), question])] };
      } else {
        const result = def.read(request.body, answerContext(event, await communes()), answers);
        if ('errors' in result)
          return renderQuestion(
            request,
            reply,
            event,
            question,
            answers,
            request.body,
            result.errors,
            returnTo,
          );
        updated = {
          ...answers,
          ...result.patch,
          skipped: (answers.skipped ?? []).filter((q) => q !== question),
        };
      }
      writeAnswers(reply, event.id, updated);
      const next = nextQuestion(event, updated, todayInParis());
      const target = returnTo && !next ? 'recapitulatif' : next ? `questions/${next}` : 'recapitulatif';
      return reply.redirect(`/moments-de-vie/${event.id}/${target}`, 303);
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/recapitulatif',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const answers = readAnswers(request, event.id);
      const today = todayInParis();
      const list = questionnaireFor(event, answers, today);
      noStore(reply);
      const communeList = await communes();
      return reply.page(
        h(SummaryPage, {
          ctx: request.viewContext(),
          event,
          rows: summaryRows(event, list, answers, communeList),
          complete: nextQuestion(event, answers, today) === null,
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
      const answers = readAnswers(request, event.id);
      return reply.page(
        h(OnePageForm, {
          ctx: request.viewContext(),
          event,
          questionIds: ['eventDate', 'commune', ...event.questions],
          values: valuesFromAnswers(answers),
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
      const communeList = await communes();
      const ctx = answerContext(event, communeList);
      const ids: QuestionId[] = ['eventDate', 'commune', ...event.questions];
      const errors: FieldError[] = [];
      let answers: Answers = {};
      for (const id of ids) {
        const def = questions[id];
        const filled = def.fields.some((f) => {
          const v = request.body[f];
          return (Array.isArray(v) ? v.join('') : (v ?? '')).trim() !== '';
        });
        // Optional on this form: an empty question stays unanswered (the plan says what is missing).
        if (!filled && id !== 'eventDate' && id !== 'commune' && id !== 'children') continue;
        if (id === 'partner' && request.body.couple !== 'oui') continue;
        const result = def.read(request.body, ctx, answers);
        if ('errors' in result) errors.push(...result.errors);
        else answers = { ...answers, ...result.patch };
      }
      if (errors.length > 0) {
        reply.status(400);
        noStore(reply);
        return reply.page(
          h(OnePageForm, {
            ctx: request.viewContext(),
            event,
            questionIds: ids,
            values: request.body,
            errors,
            communes: communeList,
          }),
        );
      }
      // Questions left empty on purpose are not asked again one by one.
      answers.skipped = event.questions.filter((q) => !isAnswered(q, answers));
      writeAnswers(reply, event.id, answers);
      return reply.redirect(`/moments-de-vie/${event.id}/plan`, 303);
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: FormValues }>(
    '/moments-de-vie/:event/enregistrer',
    { schema: { params: EventParams, body: FormBody, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const answers = readAnswers(request, event.id);
      const actor = request.user ? { id: request.user.id, role: request.user.role } : null;
      const { token, expiresAt } = await saveAnswers(
        app.db,
        actor,
        event.id,
        answers,
        app.clock.now(),
        request.id,
      );
      noStore(reply);
      return reply.page(
        h(SavedPage, {
          ctx: request.viewContext(),
          event,
          link: `${app.config.publicUrl}/moments-de-vie/reprendre/${token}`,
          expiresOn: expiresAt.toISOString().slice(0, 10),
        }),
      );
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: FormValues }>(
    '/moments-de-vie/:event/effacer',
    { schema: { params: EventParams, body: FormBody, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      reply.clearCookie(cookieName(event.id), { path: '/moments-de-vie' });
      return reply.redirect(`/moments-de-vie/${event.id}`, 303);
    },
  );

  app.get<{ Params: { token: string } }>(
    '/moments-de-vie/reprendre/:token',
    {
      schema: {
        params: Type.Object({ token: Type.String({ maxLength: 120 }) }, { additionalProperties: false }),
        hide: true,
      },
    },
    async (request, reply) => {
      const actor = request.user ? { id: request.user.id, role: request.user.role } : null;
      const result = await resumeAnswers(app.db, actor, request.params.token, app.clock.now(), request.id);
      noStore(reply);
      // The token is in the URL: never let it leak to another site.
      reply.header('referrer-policy', 'no-referrer');
      if (result.status === 'ok') {
        writeAnswers(reply, result.lifeEvent, sanitize(result.answers));
        return reply.redirect(`/moments-de-vie/${result.lifeEvent}/recapitulatif`, 303);
      }
      reply.status(result.status === 'expired' ? 410 : 404);
      return reply.page(
        h(ResumeFailedPage, {
          ctx: request.viewContext(),
          event: result.status === 'expired' ? lifeEvent(result.lifeEvent) : null,
          expired: result.status === 'expired',
        }),
      );
    },
  );

  app.post<{ Params: { token: string }; Body: FormValues }>(
    '/moments-de-vie/reprendre/:token/supprimer',
    {
      schema: {
        params: Type.Object({ token: Type.String({ maxLength: 120 }) }, { additionalProperties: false }),
        body: FormBody,
        hide: true,
      },
    },
    async (request, reply) => {
      const actor = request.user ? { id: request.user.id, role: request.user.role } : null;
      const deleted = await deleteSavedAnswers(app.db, actor, request.params.token, request.id);
      noStore(reply);
      reply.header('referrer-policy', 'no-referrer');
      if (!deleted) reply.status(404);
      return reply.page(h(SavedDeletedPage, { ctx: request.viewContext(), deleted }));
    },
  );

  /** The plan of the answers in this browser, or a redirect to the questions when the date or commune is missing. */
  async function planOrRedirect(
    request: FastifyRequest,
    reply: FastifyReply,
    event: LifeEvent,
  ): Promise<{ plan: Plan; answers: Answers } | null> {
    const answers = readAnswers(request, event.id);
    if (!answers.eventDate || !answers.commune) {
      await reply.redirect(`/moments-de-vie/${event.id}/questions`, 303);
      return null;
    }
    return { plan: await planFor(event, answers), answers };
  }

  app.get<{ Params: Static<typeof EventParams>; Querystring: Static<typeof PlanQuery> }>(
    '/moments-de-vie/:event/plan',
    { schema: { params: EventParams, querystring: PlanQuery, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const found = await planOrRedirect(request, reply, event);
      if (!found) return reply;
      noStore(reply);
      return reply.page(
        h(PlanPage, {
          ctx: request.viewContext(),
          plan: found.plan,
          today: todayInParis(),
          mailSent: request.query.envoye === '1',
          mailValue: '',
          mailErrors: [],
        }),
      );
    },
  );

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/plan.pdf',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const found = await planOrRedirect(request, reply, event);
      if (!found) return reply;
      const pdf = await planPdf(found.plan, todayInParis());
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
      noStore(reply);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="demarches-${event.id}.ics"`)
        .send(planCalendar(found.plan));
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
      if (!/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(email) || email.length > 200) {
        reply.status(400);
        noStore(reply);
        const mailErrors = [
          {
            field: 'email',
            message: 'Indiquez une adresse électronique valide, par exemple nom@exemple.fr.',
          },
        ];
        return reply.page(
          h(PlanPage, {
            ctx: request.viewContext(),
            plan: found.plan,
            today: todayInParis(),
            mailSent: false,
            mailValue: email,
            mailErrors,
          }),
        );
      }
      await app.mailer.send({
        to: email,
        subject: `Votre plan : ${event.title}`,
        text: planText(found.plan),
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
      const errors = checkRequestMeaning(estimation as EstimationRequest);
      if (!parseDate(eventDate)) errors.push({ field: 'eventDate', message: 'Cette date n’existe pas' });
      // Deadlines counted from a date centuries ahead run past year 9999: no plan that far (was a 500).
      else if (eventDate.slice(0, 4) > String(Number(app.clock.today().slice(0, 4)) + 100))
        errors.push({ field: 'eventDate', message: 'Cette date est trop lointaine : cent ans au plus' });
      if (errors.length > 0) throw invalid(errors);
      const plan = await buildPlan(
        app.db,
        {
          lifeEvent: eventId,
          eventDate,
          request: estimation as EstimationRequest,
        },
        app.clock.now(),
      );
      return presentPlan(plan);
    },
  );
}

/** The plan as plain text, for the e-mail. */
export function planText(plan: Plan): string {
  const lines: string[] = [
    `Votre plan : ${plan.lifeEvent.title}`,
    `Date de l’événement : ${frenchDate(plan.eventDate)}`,
    '',
  ];
  lines.push('VOS DROITS (estimation)');
  if (plan.hireCost)
    lines.push(`- Coût mensuel de l’embauche : ${amountText(plan.hireCost.totalCost, 'monthly')}`);
  for (const b of plan.benefits)
    lines.push(
      `- ${b.label} : ${b.eligible === null ? 'à préciser' : b.eligible ? eligibleAmountText(b) : 'pas de droit estimé'}`,
    );
  lines.push('', 'VOS DÉMARCHES, DANS L’ORDRE');
  plan.procedures.forEach((p, i) => {
    lines.push('', `${i + 1}. ${p.title} (${organisationLabels[p.organisation]})`);
    if (p.deadline) lines.push(`   Avant le ${frenchDate(p.deadline)} : ${p.deadlineText ?? ''}`);
    if (p.documents.length > 0) lines.push(`   À apporter : ${p.documents.join(' ; ')}`);
    if (p.place) lines.push(`   Où : ${p.place.name}${p.place.address ? `, ${p.place.address}` : ''}`);
    else if (p.placeHint) lines.push(`   Où : ${p.placeHint}`);
    if (p.online) lines.push(`   En ligne : ${p.online.url}`);
    lines.push(`   Fiche officielle : ${p.sources[0]?.url ?? ''}`);
  });
  lines.push('', 'Les montants sont des estimations : seul l’organisme qui verse l’aide décide.');
  return lines.join('\n').replace(/[\u202f]/g, ' ');
}
