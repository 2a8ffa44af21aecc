// Routes of the private link and of the reminders, registered by the navigator's plugin (routes.ts): the save
// page and its form, the resume and delete routes of the link, and the stop link of the reminders; the durable
// jobs that send the reminders and purge expired links. Thin: each handler reads, calls a use-case
// (saved-answers.ts, reminders.ts) and renders.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { hashToken } from '../../platform/auth/tokens.ts';
import { todayInParis } from '../../platform/dates.ts';
import { notFound, type FieldError } from '../../platform/errors.ts';
import { signedJsonCookie, type SignedJsonCookie } from '../../platform/http/signed-cookie.ts';
import { isLifeEventId, lifeEvent, lifeEventIds, type LifeEvent, type LifeEventId } from './life-events.ts';
import type { Plan } from './plan.ts';
import type { Answers, FormValues } from './questions.ts';
import { sanitizeAnswers } from './questions.ts';
import {
  deliverReminder,
  linkExpiry,
  readReminderChoice,
  remindableProcedures,
  reminderJobKind,
  reminderSchedule,
  resumeUrl,
  stopReminders,
} from './reminders.ts';
import { deleteSavedAnswers, purgeExpiredLinks, resumeAnswers, saveAnswers } from './saved-answers.ts';
import { savedLinkIsLive } from './store.ts';
import {
  RefusalNoticePage,
  ResumeFailedPage,
  SavedDeletedPage,
  SavedPage,
  SavePage,
  StopPage,
} from './views/save.tsx';

const EventParams = Type.Object({ event: Type.String({ maxLength: 40 }) }, { additionalProperties: false });
const TokenParams = Type.Object({ token: Type.String({ maxLength: 120 }) }, { additionalProperties: false });
const FormBody = Type.Record(
  Type.String({ maxLength: 40 }),
  Type.Union([
    Type.String({ maxLength: 200 }),
    Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 }),
  ]),
);

/** What the save routes need from the navigator's plugin: the answers of this browser and the plan builder. */
export interface SaveRouteDeps {
  readAnswers(request: FastifyRequest, event: LifeEvent): Answers;
  writeAnswers(reply: FastifyReply, event: LifeEvent, answers: Answers): void;
  planFor(event: LifeEvent, answers: Answers): Promise<Plan>;
}

/** What the navigator's other routes use: the private link of this browser's plan, when it still works. */
export interface SavedLinks {
  /** The private link saved from (or opened in) this browser, if it still resumes the answers. */
  privateLinkOf(request: FastifyRequest, event: LifeEvent): Promise<string | null>;
  /** Forgets this browser's private link (when its answers are erased from the browser). */
  forget(reply: FastifyReply, event: LifeEvent): void;
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
// Links carry tokens in their path: never let one leak to another site through the Referer header.
const noReferrer = (reply: FastifyReply) => reply.header('referrer-policy', 'no-referrer');

function eventOr404(id: string): LifeEvent {
  if (!isLifeEventId(id)) throw notFound('Ce moment de vie n’existe pas.');
  return lifeEvent(id);
}

/** Registers the save, resume, delete and stop routes, and the reminders' jobs. */
export function registerSaveRoutes(app: FastifyInstance, deps: SaveRouteDeps): SavedLinks {
  // This browser's private link, per moment of life: the PDF and the plan e-mail link back to it.
  const linkCookies = new Map<LifeEventId, SignedJsonCookie<{ token: string }>>(
    lifeEventIds.map((id) => [
      id,
      signedJsonCookie(
        app.config,
        `sc_nav_link_${id.replace(/-/g, '_')}`,
        { path: '/moments-de-vie' },
        (raw) =>
          typeof raw === 'object' &&
          raw !== null &&
          typeof (raw as { token?: unknown }).token === 'string' &&
          /^[\w-]{20,100}$/.test((raw as { token: string }).token)
            ? { token: (raw as { token: string }).token }
            : null,
      ),
    ]),
  );
  const linkCookie = (event: LifeEvent) => linkCookies.get(event.id)!;
  const actorOf = (request: FastifyRequest) =>
    request.user ? { id: request.user.id, role: request.user.role } : null;
  const hasAnswers = (answers: Answers) => Object.keys(answers).length > 0;

  /** How long a link saved now would live, and the reminders it would send. */
  async function savingTerms(event: LifeEvent, answers: Answers) {
    const now = app.clock.now();
    const procedures =
      answers.eventDate && answers.commune ? remindableProcedures(await deps.planFor(event, answers)) : [];
    const expiry = linkExpiry(procedures, app.clock.today());
    const schedule = reminderSchedule(procedures, now).filter(
      (r) => r.procedure.deadline <= expiry.expiresOn,
    );
    return { now, expiry, schedule };
  }

  async function renderSavePage(
    request: FastifyRequest,
    reply: FastifyReply,
    event: LifeEvent,
    values: FormValues,
    errors: FieldError[],
  ) {
    const answers = deps.readAnswers(request, event);
    const { expiry, schedule } = await savingTerms(event, answers);
    noStore(reply);
    return reply.page(
      h(SavePage, {
        ctx: request.viewContext(),
        event,
        hasAnswers: hasAnswers(answers),
        expiresOn: expiry.expiresOn,
        expiryBasis: expiry.basis,
        schedule,
        smsAvailable: app.sms !== null,
        values,
        errors,
      }),
    );
  }

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/enregistrer',
    { schema: { params: EventParams, hide: true } },
    async (request, reply) => renderSavePage(request, reply, eventOr404(request.params.event), {}, []),
  );

  app.post<{ Params: Static<typeof EventParams>; Body: FormValues }>(
    '/moments-de-vie/:event/enregistrer',
    {
      schema: { params: EventParams, body: FormBody, hide: true },
      // Opting in sends a first message to whatever address is typed: the same limit as the login form.
      config: { rateLimit: { max: app.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const answers = deps.readAnswers(request, event);
      if (!hasAnswers(answers)) {
        reply.status(400);
        return renderSavePage(request, reply, event, request.body, []);
      }
      const { now, expiry, schedule } = await savingTerms(event, answers);
      const read = readReminderChoice(request.body, {
        smsAvailable: app.sms !== null,
        schedule,
        expiresOn: expiry.expiresOn,
      });
      if ('errors' in read) {
        reply.status(400);
        return renderSavePage(request, reply, event, request.body, read.errors);
      }
      const saved = await saveAnswers(app.db, actorOf(request), event.id, answers, now, request.id, {
        expiresOn: expiry.expiresOn,
        ...(read.choice
          ? { reminders: { choice: read.choice, schedule, filesKey: app.config.filesKey } }
          : {}),
      });
      linkCookie(event).write(reply, { token: saved.token });
      noStore(reply);
      noReferrer(reply);
      return reply.page(
        h(SavedPage, {
          ctx: request.viewContext(),
          event,
          link: resumeUrl(app.config.publicUrl, saved.token),
          expiresOn: expiry.expiresOn,
          reminders: read.choice
            ? { channel: read.choice.channel, contact: read.choice.contact, schedule }
            : null,
        }),
      );
    },
  );

  app.get<{ Params: Static<typeof TokenParams> }>(
    '/moments-de-vie/reprendre/:token',
    { schema: { params: TokenParams, hide: true } },
    async (request, reply) => {
      const result = await resumeAnswers(
        app.db,
        actorOf(request),
        request.params.token,
        app.clock.now(),
        request.id,
      );
      noStore(reply);
      noReferrer(reply);
      if (result.status === 'ok') {
        const event = lifeEvent(result.lifeEvent);
        deps.writeAnswers(reply, event, sanitizeAnswers(result.answers));
        linkCookie(event).write(reply, { token: request.params.token });
        if (!result.notice) return reply.redirect(`/moments-de-vie/${event.id}/recapitulatif`, 303);
        return reply.page(h(RefusalNoticePage, { ctx: request.viewContext(), event, notice: result.notice }));
      }
      reply.status(result.status === 'unknown' ? 404 : 410);
      return reply.page(
        h(ResumeFailedPage, {
          ctx: request.viewContext(),
          event: result.status === 'unknown' ? null : lifeEvent(result.lifeEvent),
          reason: result.status,
          ...(result.status === 'erased' ? { erasedOn: todayInParis(result.erasedAt) } : {}),
        }),
      );
    },
  );

  app.post<{ Params: Static<typeof TokenParams>; Body: FormValues }>(
    '/moments-de-vie/reprendre/:token/supprimer',
    { schema: { params: TokenParams, body: FormBody, hide: true } },
    async (request, reply) => {
      const deleted = await deleteSavedAnswers(
        app.db,
        actorOf(request),
        request.params.token,
        request.id,
        app.clock.now(),
      );
      noStore(reply);
      noReferrer(reply);
      if (!deleted) reply.status(404);
      return reply.page(h(SavedDeletedPage, { ctx: request.viewContext(), deleted }));
    },
  );

  // The stop link of every reminder: one click stops them, without login, and says so. A second click says
  // they were already stopped; a link whose answers are gone says it matches nothing.
  app.get<{ Params: Static<typeof TokenParams> }>(
    '/moments-de-vie/rappels/arret/:token',
    { schema: { params: TokenParams, hide: true } },
    async (request, reply) => {
      const result = await stopReminders(app.db, request.params.token, app.clock.now(), request.id);
      noStore(reply);
      noReferrer(reply);
      if (result.status === 'unknown') reply.status(404);
      const event =
        result.status !== 'unknown' && isLifeEventId(result.lifeEvent) ? lifeEvent(result.lifeEvent) : null;
      return reply.page(
        h(StopPage, {
          ctx: request.viewContext(),
          event,
          outcome: result.status,
          reason: result.status === 'unknown' ? null : result.reason,
        }),
      );
    },
  );

  const queue = app.jobs.queue;
  queue.register(reminderJobKind, async (job, ctx) => {
    await deliverReminder(
      {
        db: ctx.db,
        mailer: app.mailer,
        sms: app.sms,
        publicUrl: app.config.publicUrl,
        filesKey: app.config.filesKey,
      },
      String(job.payload.messageId),
      ctx.now,
    );
  });
  queue.register('navigator.purge', async (_job, ctx) => void (await purgeExpiredLinks(ctx.db, ctx.now)));
  app.jobs.schedule({ kind: 'navigator.purge', every: 'daily', atHourUtc: 3 });

  return {
    async privateLinkOf(request, event) {
      const token = linkCookie(event).read(request)?.token;
      if (!token || !(await savedLinkIsLive(app.db, hashToken(token), app.clock.now()))) return null;
      return resumeUrl(app.config.publicUrl, token);
    },
    forget(reply, event) {
      linkCookie(event).clear(reply);
    },
  };
}
