// The resident's pages of their file: the overview, the situation's form, the documents, the journal, the one
// page confirming what a questionnaire changed, "faire suivre à France Services", the requests, what each
// organisation sees, and the mandates. Residents only. Thin: validate, call one use-case, render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { notFound, type FieldError } from '../../platform/errors.ts';
import { listExperimentCommunes } from '../territory/membership-store.ts';
import { isLifeEventId, lifeEvent, type LifeEvent } from '../navigator/life-events.ts';
import { answersCookie } from '../navigator/answers-cookie.ts';
import type { AnswerContext, FormValues } from '../navigator/questions.ts';
import { formValuesOf, isDocumentKind, readFileForm } from './facts.ts';
import {
  addDocument,
  confirmQuestionnaire,
  ownFile,
  pendingChanges,
  readDocument,
  removeDocument,
  saveOwnSituation,
  territoryOfFile,
  type FileConflict,
} from './file.ts';
import { giveMandateFromAccount, residentMandates, revokeMandate } from './mandates.ts';
import {
  accessByOrganisation,
  forwardChoices,
  forwardPlan,
  residentRequest,
  residentRequests,
  shareWithCaseOrganisation,
  withdrawShare,
} from './sharing.ts';
import { fileJournal, helperOrganisations } from './store.ts';
import {
  CsrfOnly,
  DoneQuery,
  EventParams,
  FileParams,
  FormBody,
  IdParams,
  listField,
  readOneFileForm,
  residentOf,
  sendDocument,
} from './http.ts';
import { FilePage, SituationPage } from './views/file.tsx';
import { FileJournalPage } from './views/journal.tsx';
import { ResidentMandatesPage } from './views/mandates.tsx';
import { ConfirmChangesPage } from './views/plan-panel.tsx';
import { ForwardPage, ResidentRequestPage, SharesPage } from './views/sharing.tsx';

const ForwardBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    lieu: Type.Optional(Type.String({ maxLength: 100 })),
    parties: listField(),
    documents: listField(50),
    message: Type.Optional(Type.String({ maxLength: 4000 })),
    accord: Type.Optional(Type.String({ maxLength: 10 })),
    partage_organismes: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const VersionBody = Type.Object(
  { _csrf: Type.String({ maxLength: 200 }), version: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
);
const MandateBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    organisme: Type.Optional(Type.String({ maxLength: 100 })),
    demarches: listField(),
    duree: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);
const ShareBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    organisme: Type.Optional(Type.String({ maxLength: 100 })),
    parties: listField(),
    documents: listField(50),
  },
  { additionalProperties: false },
);
const SentQuery = Type.Object(
  { envoyee: Type.Optional(Type.String({ maxLength: 2 })) },
  { additionalProperties: false },
);

const doneMessages: Record<string, string> = {
  mandat: 'Le mandat est donné. Vous pouvez le révoquer à tout moment.',
  revoque: 'Le mandat est révoqué : l’aidant n’a plus accès à votre dossier.',
  retire: 'Votre accord est retiré : l’organisme ne voit plus votre dossier.',
  partage: 'Le partage est enregistré.',
};

/** A version number sent by a form (0 when absent or malformed: the save then conflicts rather than overwrites). */
function versionOf(raw: string | string[] | undefined): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

/** Registers the resident's pages of their file. */
export default async function fileRoutes(app: FastifyInstance) {
  const residents = requireRole('resident');
  const today = () => app.clock.today();
  const hide = true;
  const communes = () => listExperimentCommunes(app.db);
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const eventOr404 = (id: string): LifeEvent => {
    if (!isLifeEventId(id)) throw notFound('Ce moment de vie n’existe pas.');
    return lifeEvent(id);
  };
  const answersOf = (request: FastifyRequest, event: LifeEvent) =>
    answersCookie(app.config, event.id).read(request) ?? {};

  async function renderFile(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { saved?: boolean; documentErrors?: FieldError[]; documentKind?: string } = {},
  ) {
    const actor = residentOf(request);
    const file = await ownFile(app.db, actor, request.id);
    noStore(reply);
    if (state.documentErrors?.length) reply.status(400);
    return reply.page(
      h(FilePage, {
        ctx: request.viewContext(),
        file,
        today: today(),
        communes: await communes(),
        requests: await residentRequests(app.db, actor.id),
        saved: state.saved ?? false,
        documentErrors: state.documentErrors ?? [],
        documentKind: state.documentKind ?? 'identite',
      }),
    );
  }

  app.get<{ Querystring: Static<typeof DoneQuery> }>(
    '/mon-dossier',
    { schema: { hide, querystring: DoneQuery }, preHandler: residents },
    async (request, reply) => renderFile(request, reply, { saved: request.query.fait === 'enregistre' }),
  );

  async function situationContext(): Promise<
    AnswerContext & { communes: Awaited<ReturnType<typeof communes>> }
  > {
    return { today: today(), eventLabel: '', maxPastDays: 0, maxFutureDays: 0, communes: await communes() };
  }

  function renderSituation(
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values: FormValues;
      errors: FieldError[];
      version: number;
      conflict: { conflict: FileConflict; submitted: Record<string, unknown> } | null;
    },
    allCommunes: { inseeCode: string; name: string; postalCodes: string[] }[],
  ) {
    noStore(reply);
    if (state.conflict) reply.status(409);
    else if (state.errors.length > 0) reply.status(400);
    return reply.page(
      h(SituationPage, {
        ctx: request.viewContext(),
        values: state.values,
        errors: state.errors,
        version: state.version,
        communes: allCommunes,
        conflict: state.conflict ? { ...state.conflict, residentId: request.user!.id } : null,
      }),
    );
  }

  app.get('/mon-dossier/situation', { schema: { hide }, preHandler: residents }, async (request, reply) => {
    const file = await ownFile(app.db, residentOf(request), request.id);
    return renderSituation(
      request,
      reply,
      { values: formValuesOf(file.facts), errors: [], version: file.version, conflict: null },
      await communes(),
    );
  });

  app.post<{ Body: FormValues }>(
    '/mon-dossier/situation',
    { schema: { hide, body: FormBody }, preHandler: residents },
    async (request, reply) => {
      const ctx = await situationContext();
      const version = versionOf(request.body.version);
      const read = readFileForm(request.body, ctx);
      if ('errors' in read)
        return renderSituation(
          request,
          reply,
          { values: request.body, errors: read.errors, version, conflict: null },
          ctx.communes,
        );
      const result = await saveOwnSituation(
        app.db,
        residentOf(request),
        read.facts,
        version,
        today(),
        app.clock.now(),
        request.id,
      );
      if (!result.ok)
        return renderSituation(
          request,
          reply,
          {
            values: request.body,
            errors: [],
            version: result.conflict.version,
            conflict: { conflict: result.conflict, submitted: read.facts },
          },
          ctx.communes,
        );
      return reply.redirect('/mon-dossier?fait=enregistre', 303);
    },
  );

  app.post('/mon-dossier/documents', { schema: { hide }, preHandler: residents }, async (request, reply) => {
    const form = await readOneFileForm(request, 'fichier');
    const kind = form.fields.type ?? '';
    const errors: FieldError[] = [];
    if (!isDocumentKind(kind)) errors.push({ field: 'type', message: 'Choisissez le type du document.' });
    if (form.problem) errors.push({ field: 'fichier', message: form.problem });
    if (errors.length > 0 || !form.file)
      return renderFile(request, reply, { documentErrors: errors, documentKind: kind });
    await addDocument(
      app.db,
      app.config.filesKey,
      residentOf(request),
      request.user!.id,
      kind,
      form.file,
      null,
      request.id,
    );
    return reply.redirect('/mon-dossier?fait=enregistre', 303);
  });

  app.get<{ Params: Static<typeof FileParams> }>(
    '/mon-dossier/documents/:fileId',
    { schema: { hide, params: FileParams }, preHandler: residents },
    async (request, reply) => {
      const actor = residentOf(request);
      const file = await readDocument(
        app.db,
        app.config.filesKey,
        actor,
        actor.id,
        request.params.fileId,
        'téléchargement d’un de ses documents par l’usager',
        request.id,
      );
      return sendDocument(reply, file);
    },
  );

  app.post<{ Params: Static<typeof FileParams>; Body: Static<typeof CsrfOnly> }>(
    '/mon-dossier/documents/:fileId/supprimer',
    { schema: { hide, params: FileParams, body: CsrfOnly }, preHandler: residents },
    async (request, reply) => {
      await removeDocument(app.db, residentOf(request), request.params.fileId, request.id);
      return reply.redirect('/mon-dossier?fait=enregistre', 303);
    },
  );

  app.get('/mon-dossier/journal', { schema: { hide }, preHandler: residents }, async (request, reply) => {
    const actor = residentOf(request);
    const limit = 100;
    const lines = await withPersonalData(
      app.db,
      {
        actor,
        action: 'read',
        subjectType: 'user',
        subjectId: actor.id,
        reason: 'consultation du journal de son dossier par l’usager',
        requestId: request.id,
      },
      (trx) => fileJournal(trx, actor.id, limit),
    );
    noStore(reply);
    return reply.page(h(FileJournalPage, { ctx: request.viewContext(), lines, residentId: actor.id, limit }));
  });

  // ── After a questionnaire: confirm the changes in one page, or hand the plan to France Services ──

  async function renderConfirm(
    request: FastifyRequest,
    reply: FastifyReply,
    event: LifeEvent,
    conflict: boolean,
    saved: boolean,
  ) {
    const pending = await pendingChanges(app.db, residentOf(request), answersOf(request, event), today());
    noStore(reply);
    if (conflict) reply.status(409);
    return reply.page(
      h(ConfirmChangesPage, {
        ctx: request.viewContext(),
        event,
        changes: pending.changes,
        version: pending.version,
        communes: await communes(),
        conflict,
        saved,
      }),
    );
  }

  app.get<{ Params: Static<typeof EventParams>; Querystring: Static<typeof DoneQuery> }>(
    '/moments-de-vie/:event/mon-dossier',
    { schema: { hide, params: EventParams, querystring: DoneQuery }, preHandler: residents },
    async (request, reply) =>
      renderConfirm(
        request,
        reply,
        eventOr404(request.params.event),
        false,
        request.query.fait === 'enregistre',
      ),
  );

  app.post<{ Params: Static<typeof EventParams>; Body: Static<typeof VersionBody> }>(
    '/moments-de-vie/:event/mon-dossier',
    { schema: { hide, params: EventParams, body: VersionBody }, preHandler: residents },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const result = await confirmQuestionnaire(
        app.db,
        residentOf(request),
        event,
        answersOf(request, event),
        versionOf(request.body.version),
        today(),
        app.clock.now(),
        request.id,
      );
      if (!result.ok) return renderConfirm(request, reply, event, true, false);
      return reply.redirect(`/moments-de-vie/${event.id}/mon-dossier?fait=enregistre`, 303);
    },
  );

  async function renderForward(
    request: FastifyRequest,
    reply: FastifyReply,
    event: LifeEvent,
    values: Static<typeof ForwardBody> | null,
    errors: FieldError[],
  ) {
    const actor = residentOf(request);
    const file = await ownFile(app.db, actor, request.id);
    const { sites } = await forwardChoices(app.db, actor.id);
    noStore(reply);
    if (errors.length > 0) reply.status(400);
    return reply.page(
      h(ForwardPage, {
        ctx: request.viewContext(),
        event,
        sites,
        documents: file.documents,
        values: {
          lieu: values?.lieu ?? sites[0]?.slug ?? '',
          parties: values ? (values.parties ?? []) : ['identite', 'situation'],
          documents: values?.documents ?? [],
          message: values?.message ?? '',
          accord: values?.accord === 'oui',
          partage: values?.partage_organismes === 'oui',
        },
        errors,
      }),
    );
  }

  app.get<{ Params: Static<typeof EventParams> }>(
    '/moments-de-vie/:event/faire-suivre',
    { schema: { hide, params: EventParams }, preHandler: residents },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      if (!answersOf(request, event).eventDate)
        return reply.redirect(`/moments-de-vie/${event.id}/questions`, 303);
      return renderForward(request, reply, event, null, []);
    },
  );

  app.post<{ Params: Static<typeof EventParams>; Body: Static<typeof ForwardBody> }>(
    '/moments-de-vie/:event/faire-suivre',
    { schema: { hide, params: EventParams, body: ForwardBody }, preHandler: residents },
    async (request, reply) => {
      const event = eventOr404(request.params.event);
      const answers = answersOf(request, event);
      if (!answers.eventDate) return reply.redirect(`/moments-de-vie/${event.id}/questions`, 303);
      const result = await forwardPlan(
        app.db,
        app.config.publicUrl,
        residentOf(request),
        event,
        answers,
        request.body,
        today(),
        app.clock.now(),
        request.id,
      );
      if ('errors' in result) return renderForward(request, reply, event, request.body, result.errors);
      return reply.redirect(`/mon-dossier/demandes/${result.id}?envoyee=1`, 303);
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof SentQuery> }>(
    '/mon-dossier/demandes/:id',
    { schema: { hide, params: IdParams, querystring: SentQuery }, preHandler: residents },
    async (request, reply) => {
      const { request: found, share } = await residentRequest(app.db, request.user!.id, request.params.id);
      noStore(reply);
      return reply.page(
        h(ResidentRequestPage, {
          ctx: request.viewContext(),
          request: found,
          share: share ?? null,
          sent: request.query.envoyee === '1',
          today: today(),
        }),
      );
    },
  );

  // ── What each organisation sees ──

  async function renderShares(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[],
    done: string | null,
  ) {
    const actor = residentOf(request);
    const access = await accessByOrganisation(app.db, actor, request.id);
    const file = await ownFile(app.db, actor, request.id);
    noStore(reply);
    if (errors.length > 0) reply.status(400);
    return reply.page(
      h(SharesPage, {
        ctx: request.viewContext(),
        access,
        documents: file.documents,
        today: today(),
        errors,
        done,
      }),
    );
  }

  app.get<{ Querystring: Static<typeof DoneQuery> }>(
    '/mon-dossier/partages',
    { schema: { hide, querystring: DoneQuery }, preHandler: residents },
    async (request, reply) =>
      renderShares(request, reply, [], doneMessages[request.query.fait ?? ''] ?? null),
  );

  app.post<{ Body: Static<typeof ShareBody> }>(
    '/mon-dossier/partages',
    { schema: { hide, body: ShareBody }, preHandler: residents },
    async (request, reply) => {
      const [saisine, organisme] = (request.body.organisme ?? '').split('|');
      const result = await shareWithCaseOrganisation(
        app.db,
        residentOf(request),
        { saisine, organisme, parties: request.body.parties, documents: request.body.documents },
        today(),
        app.clock.now(),
        request.id,
      );
      if ('errors' in result) return renderShares(request, reply, result.errors, null);
      return reply.redirect('/mon-dossier/partages?fait=partage', 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/mon-dossier/partages/:id/retirer',
    { schema: { hide, params: IdParams, body: CsrfOnly }, preHandler: residents },
    async (request, reply) => {
      await withdrawShare(app.db, residentOf(request), request.params.id, app.clock.now(), request.id);
      return reply.redirect('/mon-dossier/partages?fait=retire', 303);
    },
  );

  // ── Mandates ──

  async function renderMandates(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Static<typeof MandateBody> | null,
    errors: FieldError[],
    done: string | null,
  ) {
    const actor = residentOf(request);
    const file = await ownFile(app.db, actor, request.id);
    const territoryId = await territoryOfFile(app.db, file.facts);
    noStore(reply);
    if (errors.length > 0) reply.status(400);
    return reply.page(
      h(ResidentMandatesPage, {
        ctx: request.viewContext(),
        mandates: await residentMandates(app.db, actor),
        organisations: await helperOrganisations(app.db, territoryId),
        values: {
          organisme: values?.organisme ?? '',
          demarches: values?.demarches ?? [],
          duree: values?.duree ?? '3m',
        },
        errors,
        today: today(),
        done,
      }),
    );
  }

  app.get<{ Querystring: Static<typeof DoneQuery> }>(
    '/mon-dossier/mandats',
    { schema: { hide, querystring: DoneQuery }, preHandler: residents },
    async (request, reply) =>
      renderMandates(request, reply, null, [], doneMessages[request.query.fait ?? ''] ?? null),
  );

  app.post<{ Body: Static<typeof MandateBody> }>(
    '/mon-dossier/mandats',
    { schema: { hide, body: MandateBody }, preHandler: residents },
    async (request, reply) => {
      const actor = residentOf(request);
      const file = await ownFile(app.db, actor, request.id);
      const result = await giveMandateFromAccount(
        app.db,
        actor,
        request.body,
        await territoryOfFile(app.db, file.facts),
        today(),
        app.clock.now(),
        request.id,
      );
      if ('errors' in result) return renderMandates(request, reply, request.body, result.errors, null);
      return reply.redirect('/mon-dossier/mandats?fait=mandat', 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/mon-dossier/mandats/:id/revoquer',
    { schema: { hide, params: IdParams, body: CsrfOnly }, preHandler: residents },
    async (request, reply) => {
      await revokeMandate(app.db, residentOf(request), request.params.id, app.clock.now(), request.id);
      return reply.redirect('/mon-dossier/mandats?fait=revoque', 303);
    },
  );
}
