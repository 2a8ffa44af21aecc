// Aller-vers: the resident's page (consent, rights found, ask a helper, decline), the helpers' list with the
// outcome of each contact, and the nightly durable job that re-estimates the consenting residents.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import { notFound, type FieldError } from '../../platform/errors.ts';
import { benefits } from '../rights/benefits/registry.ts';
import { forwardChoices, askHelperAbout } from '../resident-file/sharing.ts';
import { agentOf, residentOf, uuid } from '../resident-file/http.ts';
import {
  declineByResident,
  decodeOutreachCursor,
  giveConsent,
  outreachList,
  recordOutcome,
  residentOutreach,
  withdrawConsent,
} from './outreach.ts';
import { reestimateResidents } from './reestimate.ts';
import { OutreachListPage, ResidentOutreachPage, outreachListUrl } from './views/outreach.tsx';

const ConsentBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    accord: Type.Optional(Type.String({ maxLength: 10 })),
    telephone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const CsrfOnly = Type.Object({ _csrf: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const BenefitParams = Type.Object(
  { benefit: Type.String({ maxLength: 60 }) },
  { additionalProperties: false },
);
const AskBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    lieu: Type.Optional(Type.String({ maxLength: 100 })),
    accord: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const OutcomeParams = Type.Object(
  { user: uuid, benefit: Type.String({ maxLength: 60 }) },
  { additionalProperties: false },
);
const OutcomeBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    issue: Type.Optional(Type.String({ maxLength: 30 })),
    // The cursor of the page the helper was on: they come back to it.
    curseur: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
// The pages follow an opaque cursor; a damaged one is answered by the page (a French 400). `page` is what the
// numbered pages of before wrote in links and bookmarks: any value leads to the first page, with a word about it.
const ListQuery = Type.Object(
  {
    curseur: Type.Optional(Type.String({ maxLength: 400 })),
    page: Type.Optional(Type.String({ maxLength: 20 })),
    fait: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const DoneQuery = Type.Object(
  { fait: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);

const doneMessages: Record<string, string> = {
  accord: 'C’est noté : vous serez prévenu d’une nouvelle aide.',
  retrait: 'Vous ne serez plus prévenu, et vous n’êtes plus sur aucune liste.',
  refus: 'C’est noté : cette aide ne vous sera plus proposée.',
};

/** Registers aller-vers. */
export default async function outreachRoutes(app: FastifyInstance) {
  const residents = requireRole('resident');
  const helpers = requireRole('helper');
  const today = () => app.clock.today();
  const hide = true;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  // The nightly re-estimation: a durable job, one per night, retried if it fails.
  app.jobs.queue.register('outreach.reestimate', async (_job, ctx) => {
    await reestimateResidents(ctx.db, {
      publicUrl: app.config.publicUrl,
      today: app.clock.today(),
      now: ctx.now,
    });
  });
  app.jobs.schedule({ kind: 'outreach.reestimate', every: 'daily', atHourUtc: 1 });

  async function renderResident(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { errors?: FieldError[]; telephone?: string; done?: string | null },
  ) {
    const actor = residentOf(request);
    const data = await residentOutreach(app.db, actor, today(), request.id);
    const { sites } = await forwardChoices(app.db, actor.id);
    noStore(reply);
    if (state.errors?.length) reply.status(400);
    return reply.page(
      h(ResidentOutreachPage, {
        ctx: request.viewContext(),
        data,
        sites,
        values: { telephone: state.telephone ?? '' },
        errors: state.errors ?? [],
        done: state.done ?? null,
      }),
    );
  }

  app.get<{ Querystring: Static<typeof DoneQuery> }>(
    '/mon-dossier/nouvelles-aides',
    { schema: { hide, querystring: DoneQuery }, preHandler: residents },
    async (request, reply) =>
      renderResident(request, reply, { done: doneMessages[request.query.fait ?? ''] ?? null }),
  );

  app.post<{ Body: Static<typeof ConsentBody> }>(
    '/mon-dossier/nouvelles-aides',
    { schema: { hide, body: ConsentBody }, preHandler: residents },
    async (request, reply) => {
      const result = await giveConsent(
        app.db,
        residentOf(request),
        request.body,
        app.clock.now(),
        request.id,
      );
      if ('errors' in result)
        return renderResident(request, reply, {
          errors: result.errors,
          telephone: request.body.telephone ?? '',
        });
      return reply.redirect('/mon-dossier/nouvelles-aides?fait=accord', 303);
    },
  );

  app.post<{ Body: Static<typeof CsrfOnly> }>(
    '/mon-dossier/nouvelles-aides/retrait',
    { schema: { hide, body: CsrfOnly }, preHandler: residents },
    async (request, reply) => {
      await withdrawConsent(app.db, residentOf(request), request.id);
      return reply.redirect('/mon-dossier/nouvelles-aides?fait=retrait', 303);
    },
  );

  app.post<{ Params: Static<typeof BenefitParams>; Body: Static<typeof CsrfOnly> }>(
    '/mon-dossier/nouvelles-aides/:benefit/refus',
    { schema: { hide, params: BenefitParams, body: CsrfOnly }, preHandler: residents },
    async (request, reply) => {
      await declineByResident(
        app.db,
        residentOf(request),
        request.params.benefit,
        app.clock.now(),
        request.id,
      );
      return reply.redirect('/mon-dossier/nouvelles-aides?fait=refus', 303);
    },
  );

  app.post<{ Params: Static<typeof BenefitParams>; Body: Static<typeof AskBody> }>(
    '/mon-dossier/nouvelles-aides/:benefit/aidant',
    { schema: { hide, params: BenefitParams, body: AskBody }, preHandler: residents },
    async (request, reply) => {
      const benefit = benefits.find((b) => b.id === request.params.benefit);
      if (!benefit) throw notFound('Cette aide n’existe pas.');
      const result = await askHelperAbout(
        app.db,
        app.config.publicUrl,
        residentOf(request),
        benefit,
        request.body,
        today(),
        app.clock.now(),
        request.id,
      );
      if ('errors' in result) return renderResident(request, reply, { errors: result.errors });
      return reply.redirect(`/mon-dossier/demandes/${result.id}?envoyee=1`, 303);
    },
  );

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    view: { cursor?: string; errors?: FieldError[]; done?: boolean; numbered?: boolean },
  ) {
    noStore(reply);
    const common = {
      ctx: request.viewContext(),
      errors: view.errors ?? [],
      done: view.done ?? false,
      numbered: view.numbered ?? false,
    };
    const cursor = view.cursor ? decodeOutreachCursor(view.cursor) : null;
    if (cursor === undefined)
      return reply.status(400).page(
        h(OutreachListPage, {
          ...common,
          lines: [],
          total: null,
          previous: null,
          next: null,
          current: null,
          badLink: true,
        }),
      );
    const data = await outreachList(app.db, agentOf(request), cursor, request.id);
    if (common.errors.length > 0) reply.status(400);
    return reply.page(h(OutreachListPage, { ...common, ...data, badLink: false }));
  }

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/espace/aidant/aller-vers',
    { schema: { hide, querystring: ListQuery }, preHandler: helpers },
    async (request, reply) =>
      renderList(request, reply, {
        cursor: request.query.curseur,
        done: request.query.fait === 'suivi',
        numbered: request.query.page !== undefined && request.query.page !== '1' && !request.query.curseur,
      }),
  );

  app.post<{ Params: Static<typeof OutcomeParams>; Body: Static<typeof OutcomeBody> }>(
    '/espace/aidant/aller-vers/:user/:benefit',
    { schema: { hide, params: OutcomeParams, body: OutcomeBody }, preHandler: helpers },
    async (request, reply) => {
      const result = await recordOutcome(
        app.db,
        agentOf(request),
        request.params.user,
        request.params.benefit,
        request.body.issue ?? '',
        app.clock.now(),
        request.id,
      );
      // Back to the page the helper was on (the first one if its cursor is damaged).
      const cursor = request.body.curseur;
      const back = cursor && decodeOutreachCursor(cursor) ? cursor : undefined;
      if ('errors' in result) return renderList(request, reply, { cursor: back, errors: result.errors });
      return reply.redirect(outreachListUrl(back ?? null, true), 303);
    },
  );
}
