// The agents' pages of residents' files. Helpers: the organisation's mandates (a new mandate at the counter, its
// code or its signed copy, the printable mandate, the file under a mandate, its revocation) and the inbox of
// requests sent from residents' plans (open a shared case, propose an appointment). Agents of an organisation:
// the files shared with it. Every access to a file is checked against its mandate or share at the moment of the
// request, and journaled on the resident's file.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { requireRole } from '../../platform/auth/session.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { listExperimentCommunes } from '../territory/membership-store.ts';
import type { AnswerContext, FormValues } from '../navigator/questions.ts';
import { formValuesOf, readFileForm } from './facts.ts';
import { readDocument, type FileConflict } from './file.ts';
import {
  checkCounterMandate,
  checkMandate,
  confirmMandateCode,
  fileSignedMandate,
  fileUnderMandate,
  mayChangeUnder,
  organisationMandate,
  organisationMandates,
  proposeMandate,
  revokeMandate,
  saveUnderMandate,
} from './mandates.ts';
import {
  caseFormFor,
  inbox,
  openCaseFromRequest,
  proposeAppointment,
  requestDocument,
  requestForHelper,
  sharedDocument,
  sharedFile,
  sharedWithOrganisation,
} from './sharing.ts';
import { findMandate } from './store.ts';
import {
  CsrfOnly,
  DoneQuery,
  FormBody,
  IdFileParams,
  IdParams,
  agentOf,
  listField,
  readOneFileForm,
  sendDocument,
} from './http.ts';
import { SituationPage } from './views/file.tsx';
import {
  FileUnderMandatePage,
  HelperMandatesPage,
  NewMandatePage,
  PendingMandatePage,
  PrintableMandatePage,
} from './views/mandates.tsx';
import {
  CaseFromRequestPage,
  InboxPage,
  RequestPage,
  SharedFilePage,
  SharedListPage,
} from './views/sharing.tsx';

const CounterMandateBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    usager: Type.Optional(Type.String({ maxLength: 320 })),
    demarches: listField(),
    duree: Type.Optional(Type.String({ maxLength: 10 })),
    confirmation: Type.Optional(Type.String({ maxLength: 20 })),
    telephone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const CodeBody = Type.Object(
  { _csrf: Type.String({ maxLength: 200 }), code: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
const AppointmentBody = Type.Object(
  { _csrf: Type.String({ maxLength: 200 }), rendez_vous: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const CaseBody = Type.Object(
  {
    _csrf: Type.String({ maxLength: 200 }),
    prenom: Type.Optional(Type.String({ maxLength: 200 })),
    nom: Type.Optional(Type.String({ maxLength: 200 })),
    date_naissance: Type.Optional(Type.String({ maxLength: 20 })),
    commune: Type.Optional(Type.String({ maxLength: 10 })),
    question: Type.Optional(Type.String({ maxLength: 6000 })),
    organismes: listField(),
    pieces: listField(50),
  },
  { additionalProperties: false },
);

const doneMessages: Record<string, string> = {
  'rendez-vous': 'Le rendez-vous est proposé : l’usager le voit dans son compte et le reçoit par courriel.',
  saisine: 'La saisine partagée est ouverte. L’usager confirme son accord par le lien reçu par courriel.',
};

/** Registers the agents' pages of residents' files. */
export default async function agentRoutes(app: FastifyInstance) {
  const helpers = requireRole('helper');
  const agents = requireRole('helper', 'partnerAgent', 'organisationManager');
  const today = () => app.clock.today();
  const hide = true;
  const communes = () => listExperimentCommunes(app.db);
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  // ── Mandates ──

  app.get('/espace/aidant/mandats', { schema: { hide }, preHandler: helpers }, async (request, reply) => {
    const mandates = await organisationMandates(app.db, agentOf(request), request.id);
    noStore(reply);
    return reply.page(h(HelperMandatesPage, { ctx: request.viewContext(), mandates, today: today() }));
  });

  const emptyCounter = { usager: '', demarches: [], duree: '3m', confirmation: 'email-code', telephone: '' };

  app.get(
    '/espace/aidant/mandats/nouveau',
    { schema: { hide }, preHandler: helpers },
    async (request, reply) =>
      noStore(reply).page(
        h(NewMandatePage, { ctx: request.viewContext(), values: emptyCounter, errors: [] }),
      ),
  );

  app.post<{ Body: Static<typeof CounterMandateBody> }>(
    '/espace/aidant/mandats',
    { schema: { hide, body: CounterMandateBody }, preHandler: helpers },
    async (request, reply) => {
      const checked = await checkCounterMandate(app.db, request.body, today());
      if ('errors' in checked) {
        const b = request.body;
        return noStore(reply)
          .status(400)
          .page(
            h(NewMandatePage, {
              ctx: request.viewContext(),
              values: {
                usager: b.usager ?? '',
                demarches: b.demarches ?? [],
                duree: b.duree ?? '',
                confirmation: b.confirmation ?? '',
                telephone: b.telephone ?? '',
              },
              errors: checked.errors,
            }),
          );
      }
      const id = await proposeMandate(
        app.db,
        { mailer: app.mailer, sms: app.sms },
        agentOf(request),
        checked.input,
        today(),
        app.clock.now(),
        request.id,
      );
      return reply.redirect(`/espace/aidant/mandats/${id}`, 303);
    },
  );

  async function renderMandate(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { errors?: FieldError[]; message?: string | null; saved?: boolean } = {},
  ) {
    const actor = agentOf(request);
    const { mandate, residentName } = await organisationMandate(app.db, actor, id);
    noStore(reply);
    if (mandate.status === 'pending' || mandate.status === 'locked') {
      if (state.errors?.length || (state.message && mandate.status === 'locked')) reply.status(400);
      return reply.page(
        h(PendingMandatePage, {
          ctx: request.viewContext(),
          mandate,
          residentName,
          errors: state.errors ?? [],
          message: state.message ?? null,
          today: today(),
        }),
      );
    }
    const view = await fileUnderMandate(app.db, actor, id, today(), request.id);
    return reply.page(
      h(FileUnderMandatePage, {
        ctx: request.viewContext(),
        view,
        today: today(),
        communes: await communes(),
        saved: state.saved ?? false,
      }),
    );
  }

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof DoneQuery> }>(
    '/espace/aidant/mandats/:id',
    { schema: { hide, params: IdParams, querystring: DoneQuery }, preHandler: helpers },
    async (request, reply) =>
      renderMandate(request, reply, request.params.id, { saved: request.query.fait === 'enregistre' }),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CodeBody> }>(
    '/espace/aidant/mandats/:id/code',
    { schema: { hide, params: IdParams, body: CodeBody }, preHandler: helpers },
    async (request, reply) => {
      const result = await confirmMandateCode(
        app.db,
        agentOf(request),
        request.params.id,
        request.body.code ?? '',
        app.clock.now(),
        request.id,
      );
      if (result.ok) return reply.redirect(`/espace/aidant/mandats/${request.params.id}`, 303);
      return renderMandate(request, reply, request.params.id, {
        errors: result.locked ? [] : [{ field: 'code', message: result.message }],
        message: result.locked ? result.message : null,
      });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/espace/aidant/mandats/:id/imprimer',
    { schema: { hide, params: IdParams }, preHandler: helpers },
    async (request, reply) => {
      const { mandate, residentName } = await organisationMandate(
        app.db,
        agentOf(request),
        request.params.id,
      );
      return noStore(reply).page(
        h(PrintableMandatePage, { ctx: request.viewContext(), mandate, residentName }),
      );
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/espace/aidant/mandats/:id/signe',
    { schema: { hide, params: IdParams }, preHandler: helpers },
    async (request, reply) => {
      const form = await readOneFileForm(request, 'mandat');
      if (!form.file)
        return renderMandate(request, reply, request.params.id, {
          errors: [{ field: 'mandat', message: form.problem ?? 'Choisissez le mandat signé.' }],
        });
      await fileSignedMandate(
        app.db,
        app.config.filesKey,
        agentOf(request),
        request.params.id,
        form.file,
        app.clock.now(),
        request.id,
      );
      return reply.redirect(`/espace/aidant/mandats/${request.params.id}`, 303);
    },
  );

  async function situationUnderMandate(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: {
      values?: FormValues;
      errors?: FieldError[];
      version?: number;
      conflict?: { conflict: FileConflict; submitted: Record<string, unknown> } | null;
    },
  ) {
    const view = await fileUnderMandate(app.db, agentOf(request), id, today(), request.id);
    const mandate = view.mandate;
    noStore(reply);
    if (state.conflict) reply.status(409);
    else if (state.errors?.length) reply.status(400);
    return reply.page(
      h(SituationPage, {
        ctx: request.viewContext(),
        values: state.values ?? formValuesOf(view.file.facts),
        errors: state.errors ?? [],
        version: state.version ?? view.file.version,
        communes: await communes(),
        conflict: state.conflict ? { ...state.conflict, residentId: mandate.userId } : null,
        action: `/espace/aidant/mandats/${id}/situation`,
        title: `Situation de ${view.residentName}`,
        intro:
          'Sous mandat : seules les informations utiles aux démarches du mandat sont montrées et modifiables. Chaque modification est inscrite au journal de l’usager, à votre nom.',
        only: (key) => mayChangeUnder(key, mandate),
        crumbs: [
          { href: '/espace/aidant/mandats', label: 'Mandats' },
          { href: `/espace/aidant/mandats/${id}`, label: view.residentName },
        ],
      }),
    );
  }

  app.get<{ Params: Static<typeof IdParams> }>(
    '/espace/aidant/mandats/:id/situation',
    { schema: { hide, params: IdParams }, preHandler: helpers },
    async (request, reply) => situationUnderMandate(request, reply, request.params.id, {}),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: FormValues }>(
    '/espace/aidant/mandats/:id/situation',
    { schema: { hide, params: IdParams, body: FormBody }, preHandler: helpers },
    async (request, reply) => {
      const id = request.params.id;
      // The mandate first: a revoked one refuses even a form that would not read.
      checkMandate(await findMandate(app.db, id), agentOf(request), today());
      const ctx: AnswerContext = {
        today: today(),
        eventLabel: '',
        maxPastDays: 0,
        maxFutureDays: 0,
        communes: await communes(),
      };
      const rawVersion = request.body.version;
      const version =
        typeof rawVersion === 'string' && /^\d{1,9}$/.test(rawVersion) ? Number(rawVersion) : -1;
      const read = readFileForm(request.body, ctx);
      if ('errors' in read)
        return situationUnderMandate(request, reply, id, {
          values: request.body,
          errors: read.errors,
          version,
        });
      const result = await saveUnderMandate(
        app.db,
        agentOf(request),
        id,
        read.facts,
        version,
        today(),
        app.clock.now(),
        request.id,
      );
      if (!result.ok)
        return situationUnderMandate(request, reply, id, {
          values: request.body,
          version: result.conflict.version,
          conflict: { conflict: result.conflict, submitted: read.facts },
        });
      return reply.redirect(`/espace/aidant/mandats/${id}?fait=enregistre`, 303);
    },
  );

  app.get<{ Params: Static<typeof IdFileParams> }>(
    '/espace/aidant/mandats/:id/documents/:fileId',
    { schema: { hide, params: IdFileParams }, preHandler: helpers },
    async (request, reply) => {
      const actor = agentOf(request);
      const view = await fileUnderMandate(app.db, actor, request.params.id, today(), request.id);
      if (!view.file.documents.some((d) => d.fileId === request.params.fileId))
        throw new AppError('forbidden', 'Ce document n’est pas ouvert par le mandat.');
      const file = await readDocument(
        app.db,
        app.config.filesKey,
        actor,
        view.mandate.userId,
        request.params.fileId,
        'téléchargement d’un document sous mandat',
        request.id,
      );
      return sendDocument(reply, file);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/espace/aidant/mandats/:id/revoquer',
    { schema: { hide, params: IdParams, body: CsrfOnly }, preHandler: helpers },
    async (request, reply) => {
      await revokeMandate(app.db, agentOf(request), request.params.id, app.clock.now(), request.id);
      return reply.redirect('/espace/aidant/mandats', 303);
    },
  );

  // ── Requests sent from residents' plans ──

  app.get('/espace/aidant/demandes', { schema: { hide }, preHandler: helpers }, async (request, reply) => {
    const requests = await inbox(app.db, agentOf(request), request.id);
    return noStore(reply).page(h(InboxPage, { ctx: request.viewContext(), requests }));
  });

  async function renderRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { errors?: FieldError[]; appointment?: string; done?: string | null },
  ) {
    const found = await requestForHelper(app.db, agentOf(request), id, today(), app.clock.now(), request.id);
    noStore(reply);
    if (state.errors?.length) reply.status(400);
    return reply.page(
      h(RequestPage, {
        ctx: request.viewContext(),
        request: found.request,
        event: found.event,
        plan: found.plan,
        file: found.file,
        communes: await communes(),
        errors: state.errors ?? [],
        appointment: state.appointment ?? found.request.appointmentText ?? '',
        done: state.done ?? null,
      }),
    );
  }

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof DoneQuery> }>(
    '/espace/aidant/demandes/:id',
    { schema: { hide, params: IdParams, querystring: DoneQuery }, preHandler: helpers },
    async (request, reply) =>
      renderRequest(request, reply, request.params.id, {
        done: doneMessages[request.query.fait ?? ''] ?? null,
      }),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof AppointmentBody> }>(
    '/espace/aidant/demandes/:id/rendez-vous',
    { schema: { hide, params: IdParams, body: AppointmentBody }, preHandler: helpers },
    async (request, reply) => {
      const result = await proposeAppointment(
        app.db,
        app.config.publicUrl,
        agentOf(request),
        request.params.id,
        request.body.rendez_vous ?? '',
        app.clock.now(),
        request.id,
      );
      if ('errors' in result)
        return renderRequest(request, reply, request.params.id, {
          errors: result.errors,
          appointment: request.body.rendez_vous ?? '',
        });
      return reply.redirect(`/espace/aidant/demandes/${request.params.id}?fait=rendez-vous`, 303);
    },
  );

  async function renderCaseForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    body: Static<typeof CaseBody> | null,
    errors: FieldError[],
  ) {
    const choices = await caseFormFor(app.db, agentOf(request), id, today());
    noStore(reply);
    if (errors.length > 0) reply.status(400);
    return reply.page(
      h(CaseFromRequestPage, {
        ctx: request.viewContext(),
        request: choices.request,
        organisations: choices.organisations,
        communes: choices.communes,
        documents: choices.documents,
        values: {
          prenom: body?.prenom ?? choices.values.prenom,
          nom: body?.nom ?? choices.values.nom,
          date_naissance: body?.date_naissance ?? choices.values.date_naissance,
          commune: body ? (body.commune ?? '') : choices.values.commune,
          question: body?.question ?? choices.values.question,
          organismes: body?.organismes ?? [],
          pieces: body ? (body.pieces ?? []) : choices.documents.map((d) => d.fileId),
        },
        errors,
      }),
    );
  }

  app.get<{ Params: Static<typeof IdParams> }>(
    '/espace/aidant/demandes/:id/saisine',
    { schema: { hide, params: IdParams }, preHandler: helpers },
    async (request, reply) => renderCaseForm(request, reply, request.params.id, null, []),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CaseBody> }>(
    '/espace/aidant/demandes/:id/saisine',
    { schema: { hide, params: IdParams, body: CaseBody }, preHandler: helpers },
    async (request, reply) => {
      const result = await openCaseFromRequest(
        {
          db: app.db,
          filesKey: app.config.filesKey,
          publicUrl: app.config.publicUrl,
          requestId: request.id,
          now: app.clock.now(),
        },
        agentOf(request),
        request.params.id,
        request.body,
        today(),
      );
      if ('errors' in result)
        return renderCaseForm(request, reply, request.params.id, request.body, result.errors);
      return reply.redirect(`/espace/aidant/demandes/${request.params.id}?fait=saisine`, 303);
    },
  );

  app.get<{ Params: Static<typeof IdFileParams> }>(
    '/espace/aidant/demandes/:id/documents/:fileId',
    { schema: { hide, params: IdFileParams }, preHandler: helpers },
    async (request, reply) =>
      sendDocument(
        reply,
        await requestDocument(
          app.db,
          app.config.filesKey,
          agentOf(request),
          request.params.id,
          request.params.fileId,
          today(),
          request.id,
        ),
      ),
  );

  // ── Files shared with an organisation ──

  app.get('/espace/dossiers-partages', { schema: { hide }, preHandler: agents }, async (request, reply) => {
    const shares = await sharedWithOrganisation(app.db, agentOf(request), today(), request.id);
    return noStore(reply).page(h(SharedListPage, { ctx: request.viewContext(), shares }));
  });

  app.get<{ Params: Static<typeof IdParams> }>(
    '/espace/dossiers-partages/:id',
    { schema: { hide, params: IdParams }, preHandler: agents },
    async (request, reply) => {
      const found = await sharedFile(app.db, agentOf(request), request.params.id, today(), request.id);
      return noStore(reply).page(
        h(SharedFilePage, { ctx: request.viewContext(), ...found, communes: await communes() }),
      );
    },
  );

  app.get<{ Params: Static<typeof IdFileParams> }>(
    '/espace/dossiers-partages/:id/documents/:fileId',
    { schema: { hide, params: IdFileParams }, preHandler: agents },
    async (request, reply) =>
      sendDocument(
        reply,
        await sharedDocument(
          app.db,
          app.config.filesKey,
          agentOf(request),
          request.params.id,
          request.params.fileId,
          today(),
          request.id,
        ),
      ),
  );
}
