// The cases pages: each handler validates, authorises, calls a use-case and renders. The case page's permission
// flags (take, invite, close, reopen…) are computed here from access.ts's decisions, for the view to show or
// hide its forms; the decisions themselves live in access.ts. Every route is listed in `caseRouteTable`, from
// which the permission matrix test is generated (a route missing there fails the boot).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { assertCsrf, requireRole, type SessionUser } from '../../platform/auth/session.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import {
  checkUpload,
  fileProblemMessage,
  maxFileBytes,
  screenFile,
  type CheckedFile,
} from '../../platform/files/files.ts';
import { scheduleQuarantineScan } from '../../platform/files/plugin.ts';
import { stripBidiControls } from '../../platform/text.ts';
import { listCommunes } from '../territory/store.ts';
import jobsPlugin from '../../platform/jobs/plugin.ts';
import {
  canActOnResidentRequest,
  canExport,
  canOpenCase,
  canReadCase,
  caseRoles,
  guard,
  sideOf,
  writableKinds,
  canTake,
  canInvite,
  canClose,
  canReopen,
  type WritableKind,
} from './access.ts';
import { checkOpenCaseForm, oneYearAfter, openCase, type OpenCaseForm } from './open-case.ts';
import {
  allowRead,
  checkClosing,
  checkInvitation,
  checkMessage,
  closeCase,
  downloadAttachment,
  invite,
  markPartDone,
  postMessage,
  readLetter,
  reopenCase,
  setStandardProcedure,
  takeCase,
  viewCase,
  type ActionDeps,
} from './case-actions.ts';
import {
  findMembership,
  invitableOrganisations,
  loadCaseMetadata,
  mailVolumeOf,
  markNotice,
  setMailVolume,
  smsNotice,
  subjectsOf,
} from './store.ts';
import { exportOrganisationCases } from './export.ts';
import { eraseExpiredPersonalData, runDeadlines, sendWeeklyDigests } from './case-jobs.ts';
import {
  answerConsent,
  confirmationAttempts,
  loggingConsentProvider,
  readConsentLink,
  reportUndeliveredConfirmation,
  sendConsentConfirmation,
  type ConsentProvider,
} from './consent.ts';
import { residentSmsJobKind } from './notices.ts';
import { checkInboxParams, readInbox, scopesFor } from './inbox.ts';
import { managerDashboard } from './manager.ts';
import {
  addSubject,
  readOrganisationSettings,
  saveSharedMailbox,
  withdrawSubject,
} from './organisation-settings.ts';
import { ensureDemoCase, ensureDemoSubjects } from './demo.ts';
import type { CaseSettings } from './settings.ts';
import { InboxPage } from './views/inbox.tsx';
import { NewCasePage } from './views/new-case.tsx';
import { CaseMetadataPage, CasePage } from './views/case.tsx';
import { ConsentConfirmPage, LetterPage, MailSettingsPage, MandatePage } from './views/misc.tsx';
import { DashboardPage, OrganisationSettingsPage } from './views/manager.tsx';
import { CaseErasurePage } from './views/resident-request.tsx';
import { eraseCaseOnResidentRequest, erasureSummary, exportCaseResidentData } from './resident-request.ts';
import type { Usefulness } from './tables.ts';
import { MailDeliveryError, RecipientRefusedError } from '../../platform/mail/mailer.ts';

/** Every route of the feature; the permission matrix test iterates over it. */
export const caseRouteTable = [
  { method: 'GET', url: '/dossiers' },
  { method: 'GET', url: '/dossiers/nouveau' },
  { method: 'POST', url: '/dossiers' },
  { method: 'GET', url: '/dossiers/export.csv' },
  { method: 'GET', url: '/dossiers/tableau-de-bord' },
  { method: 'GET', url: '/dossiers/organisme' },
  { method: 'POST', url: '/dossiers/organisme/boite-partagee' },
  { method: 'POST', url: '/dossiers/organisme/sujets' },
  { method: 'POST', url: '/dossiers/organisme/sujets/:subjectId/retrait' },
  { method: 'GET', url: '/dossiers/:id' },
  { method: 'GET', url: '/dossiers/:id/mandat' },
  { method: 'GET', url: '/dossiers/:id/pieces/:fileId' },
  { method: 'GET', url: '/dossiers/:id/courriers/:noticeId' },
  { method: 'POST', url: '/dossiers/:id/messages' },
  { method: 'POST', url: '/dossiers/:id/prise-en-charge' },
  { method: 'POST', url: '/dossiers/:id/invitations' },
  { method: 'POST', url: '/dossiers/:id/part-terminee' },
  { method: 'POST', url: '/dossiers/:id/procedure-standard' },
  { method: 'POST', url: '/dossiers/:id/cloture' },
  { method: 'POST', url: '/dossiers/:id/reouverture' },
  { method: 'POST', url: '/dossiers/:id/donnees-usager' },
  { method: 'GET', url: '/dossiers/:id/effacement' },
  { method: 'POST', url: '/dossiers/:id/effacement' },
  { method: 'GET', url: '/parametres/courriels' },
  { method: 'POST', url: '/parametres/courriels' },
  { method: 'GET', url: '/consentement/:token' },
  { method: 'POST', url: '/consentement/:token' },
] as const;

export interface CasesPluginOptions {
  settings?: CaseSettings;
  consentProvider?: ConsentProvider;
}

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const FileParams = Type.Object(
  { id: Type.String({ maxLength: 64 }), fileId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
const NoticeParams = Type.Object(
  { id: Type.String({ maxLength: 64 }), noticeId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) },
  { additionalProperties: false },
);
const SubjectParams = Type.Object(
  { subjectId: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const CsrfOnly = Type.Object({ _csrf: Type.String() }, { additionalProperties: false });
// Bad values (an unknown filter, a search of 2,000 characters) are answered by the page, next to the field.
const InboxQuery = Type.Object(
  {
    boite: Type.Optional(Type.String({ maxLength: 40 })),
    etat: Type.Optional(Type.String({ maxLength: 40 })),
    q: Type.Optional(Type.String({ maxLength: 4000 })),
    // The opaque cursor of a "Suivant"/"Précédent" link; a damaged one is answered by the page too.
    curseur: Type.Optional(Type.String({ maxLength: 400 })),
    // Numbered pages are gone (pages follow a cursor): an old bookmark's `page=N` opens the first page of its
    // filters rather than an error. The value is read by nothing.
    page: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const DashboardQuery = Type.Object(
  { site: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
const InviteBody = Type.Object(
  {
    _csrf: Type.String(),
    organisme: Type.Optional(Type.String({ maxLength: 64 })),
    agent: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const CloseBody = Type.Object(
  {
    _csrf: Type.String(),
    utile: Type.Optional(Type.String({ maxLength: 10 })),
    resultat: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
const StandardBody = Type.Object(
  { _csrf: Type.String(), standard: Type.Union([Type.Literal('oui'), Type.Literal('non')]) },
  { additionalProperties: false },
);
const MailBody = Type.Object(
  {
    _csrf: Type.String(),
    volume: Type.Union([Type.Literal('immediate'), Type.Literal('digest'), Type.Literal('minimum')]),
  },
  { additionalProperties: false },
);
const EraseBody = Type.Object(
  { _csrf: Type.String(), confirmation: Type.Optional(Type.String({ maxLength: 10 })) },
  { additionalProperties: false },
);
const SavedQuery = Type.Object(
  { enregistre: Type.Optional(Type.Literal('1')) },
  { additionalProperties: false },
);
const SettingsQuery = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
const MailboxBody = Type.Object(
  { _csrf: Type.String(), boite: Type.String({ maxLength: 400, default: '' }) },
  { additionalProperties: false },
);
const SubjectBody = Type.Object(
  { _csrf: Type.String(), sujet: Type.String({ maxLength: 400, default: '' }) },
  { additionalProperties: false },
);
const ConsentBody = Type.Object(
  {
    _csrf: Type.String(),
    reponse: Type.Optional(Type.Union([Type.Literal('accord'), Type.Literal('refus')])),
  },
  { additionalProperties: false },
);

const openFormFields = new Set([
  'prenom',
  'nom',
  'date_naissance',
  'numero_caf',
  'numero_secu',
  'numero_fiscal',
  'adresse',
  'commune',
  'telephone',
  'courriel',
  'moment',
  'objet',
  'objet_libre',
  'urgent',
  'question',
  'consentement_type',
  'consentement_date',
  'consentement_portee',
  'consentement_fin',
  'consentement_contact',
]);

interface Upload {
  field: string;
  filename: string;
  content: Buffer;
  truncated: boolean;
}

// A field holds 10,000 characters of text at most (a message); in UTF-8 that is up to 40,000 bytes (4 bytes
// for an emoji, 3 for "€"): the limit leaves room, and a field cut at it is refused, never stored cut.
const maxFieldBytes = 48_000;

/**
 * Reads a multipart form: text fields (cleaned of bidirectional overrides) and files (cut at the size limit,
 * checked after). A text field cut at its byte limit is a field error: nothing is stored half-written.
 */
async function readMultipart(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string[]>; files: Upload[]; cut: FieldError[] }> {
  if (!request.isMultipart())
    throw new AppError('unsupported-media-type', 'Ce formulaire s’envoie en multipart/form-data.');
  const fields: Record<string, string[]> = {};
  const files: Upload[] = [];
  const cut: FieldError[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      // A file input left empty still sends a part with no name and no bytes.
      if (part.filename === '' && content.length === 0) continue;
      files.push({ field: part.fieldname, filename: part.filename, content, truncated: part.file.truncated });
    } else {
      if (part.valueTruncated)
        cut.push({ field: part.fieldname, message: 'Ce texte est trop long : raccourcissez-le.' });
      (fields[part.fieldname] ??= []).push(stripBidiControls(String(part.value)));
    }
  }
  return { fields, files, cut };
}

/** Checks the files of one field: type and size by content, then the antivirus. */
async function checkFiles(
  app: FastifyInstance,
  uploads: Upload[],
  field: string,
  errors: FieldError[],
): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];
  for (const u of uploads.filter((x) => x.field === field)) {
    const name = u.filename.slice(0, 80);
    const result = checkUpload(u.filename, u.content, u.truncated);
    if (typeof result === 'string') {
      errors.push({ field, message: fileProblemMessage(result, name) });
      continue;
    }
    const screened = await screenFile(app.screening, result);
    if (typeof screened === 'string') errors.push({ field, message: fileProblemMessage(screened, name) });
    else checked.push(screened);
  }
  return checked;
}

const caseNotices: Record<string, string> = {
  message: 'Votre message est envoyé.',
  invitation: 'L’invitation est envoyée.',
  prise: 'Vous vous occupez de ce dossier.',
  part: 'Votre part est marquée comme terminée.',
  standard: 'C’est noté.',
  cloture: 'Le dossier est clos. Merci pour votre retour : l’usager et les organismes sont prévenus.',
  reouverture: 'Le dossier est rouvert.',
  effacement: 'Les données personnelles de l’usager sont effacées. Le dossier est clos.',
  'deja-efface': 'Les données personnelles de ce dossier étaient déjà effacées : rien n’a changé.',
  'rendez-vous': 'Le rendez-vous est pris : il est noté dans les échanges, la confirmation part à l’usager.',
};

const settingsNotices: Record<string, string> = {
  boite: 'La boîte partagée est enregistrée.',
  sujet: 'L’objet est ajouté à la liste.',
  retrait: 'L’objet est retiré de la liste ; les dossiers qui l’utilisent le gardent.',
};

/** Registers the cases feature: its pages, its jobs and its multipart parser. */
export default async function casesRoutes(app: FastifyInstance, opts: CasesPluginOptions = {}) {
  const settings = opts.settings ?? app.config.cases;
  if (!app.hasDecorator('jobs')) await app.register(jobsPlugin);
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: 6, fields: 40, fieldSize: maxFieldBytes, parts: 50 },
  });

  const known = new Set(caseRouteTable.map((r) => `${r.method} ${r.url}`));
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      if (!known.has(`${m} ${route.url}`))
        throw new Error(`route ${m} ${route.url} missing from caseRouteTable`);
    }
  });

  if (app.config.seedDemo) {
    // Concurrent first starts may both try: the second insert fails harmlessly on the fixed id.
    app.addHook('onReady', async () => {
      await ensureDemoSubjects(app.db).catch((error: unknown) =>
        app.log.warn(
          { err: error instanceof Error ? error.message : 'unknown' },
          'demo subjects not created',
        ),
      );
      await ensureDemoCase(app.db, app.config.filesKey).catch((error: unknown) =>
        app.log.warn({ err: error instanceof Error ? error.message : 'unknown' }, 'demo case not created'),
      );
    });
  }

  // E-mail messages to residents go out through the platform mailer; SMS through a provider still to plug in:
  // the development one only logs, and production refuses (the job fails visibly) rather than pretend.
  const devSms = loggingConsentProvider(app.log);
  const residentMessages: ConsentProvider = opts.consentProvider ?? {
    send: async (channel, to, text) => {
      if (channel === 'email')
        return app.mailer.send({ to, subject: 'Votre accord pour partager votre dossier', text });
      if (app.config.env === 'production') throw new Error('no SMS provider configured');
      return devSms.send(channel, to, text);
    },
  };
  const publicUrl = () => app.config.publicUrl;
  const queue = app.jobs.queue;
  queue.register(
    'cases.deadlines',
    async (_job, ctx) => void (await runDeadlines(ctx.db, settings, publicUrl(), ctx.now)),
  );
  queue.register(
    'cases.retention',
    async (_job, ctx) => void (await eraseExpiredPersonalData(ctx.db, settings, ctx.now)),
  );
  queue.register(
    'cases.digest',
    async (job, ctx) => void (await sendWeeklyDigests(ctx.db, publicUrl(), String(job.payload.period))),
  );
  queue.register('cases.consent-confirmation', async (job, ctx) => {
    const consentId = String(job.payload.consentId);
    try {
      await sendConsentConfirmation(ctx.db, residentMessages, publicUrl(), consentId);
    } catch (error) {
      // An address the mail server refuses will never work: the helper is told now. Otherwise the job tries
      // again, and the helper is told after the last attempt.
      const permanent =
        error instanceof RecipientRefusedError || (error instanceof MailDeliveryError && error.permanent);
      if (!permanent && job.attempts < confirmationAttempts) throw error;
      await reportUndeliveredConfirmation(ctx.db, publicUrl(), consentId, ctx.now);
    }
  });
  queue.register(residentSmsJobKind, async (job, ctx) => {
    const notice = await smsNotice(ctx.db, Number(job.payload.noticeId));
    if (!notice || notice.sent_at || !notice.body) return;
    const to = notice.kind === 'sms' && notice.contact ? notice.contact : notice.resident_phone;
    try {
      if (!to) throw new Error('no number to send the SMS to');
      await residentMessages.send('sms', to, notice.body);
      await markNotice(ctx.db, notice.id, { sent_at: ctx.now });
    } catch (error) {
      if (job.attempts < 6) throw error;
      await markNotice(ctx.db, notice.id, { failed_at: ctx.now });
    }
  });
  app.jobs.schedule({ kind: 'cases.deadlines', every: 'hourly' });
  app.jobs.schedule({ kind: 'cases.retention', every: 'daily', atHourUtc: 2 });
  app.jobs.schedule({ kind: 'cases.digest', every: 'weekly', atHourUtc: 6 });

  const deps = (request: FastifyRequest): ActionDeps => ({
    db: app.db,
    filesKey: app.config.filesKey,
    publicUrl: app.config.publicUrl,
    requestId: request.id,
    now: app.clock.now(),
    settings,
  });
  const user = (request: FastifyRequest): SessionUser => request.user!;
  const agents = requireRole(...caseRoles);

  async function renderCase(
    request: FastifyRequest,
    caseId: string,
    errors: FieldError[] = [],
    form: Record<string, string | undefined> = {},
    notice?: string,
  ) {
    const actor = user(request);
    if (actor.role === 'admin') {
      const meta = await loadCaseMetadata(app.db, caseId);
      if (!meta) throw notFound('Ce dossier n’existe pas, ou vous n’y avez pas accès.');
      return h(CaseMetadataPage, { ctx: request.viewContext(), meta });
    }
    const detail = await viewCase(deps(request), actor, caseId);
    const m = {
      helperOrganisationId: detail.helperOrganisationId,
      helperSiteId: detail.helperSiteId,
      participantOrganisationIds: detail.participants.map((p) => p.organisationId),
      status: detail.status,
      consentStatus: detail.consentStatus,
    };
    const side = sideOf(actor, m) as 'helper' | 'partner';
    const mine = detail.participants.find((p) => p.organisationId === actor.organisationId);
    return h(CasePage, {
      ctx: request.viewContext(),
      detail,
      side,
      kinds: writableKinds(actor, m),
      canTake: canTake(actor, m) && mine != null && mine.assignee !== actor.displayName,
      canInvite: canInvite(actor, m),
      canMarkDone: side === 'partner' && detail.status !== 'closed' && mine?.doneAt == null,
      canClose: canClose(actor, m),
      canReopen: canReopen(actor, m) && detail.erasedAt == null,
      canActOnResidentRequest: canActOnResidentRequest(actor, m),
      canFlagStandard: canReadCase(actor, m) && detail.erasedAt == null,
      // The agenda's booking is for agents (helpers, partner agents, managers): the roles of this page.
      canBook: detail.status !== 'closed' && detail.erasedAt == null,
      notices: detail.notices,
      today: app.clock.today(),
      invitable: canInvite(actor, m)
        ? await invitableOrganisations(app.db, detail.territoryId, detail.helperOrganisationId)
        : [],
      errors,
      form,
      notice,
    });
  }

  /** Refuses anyone who may not work on the case (before looking at what they sent): "not found" to strangers. */
  async function assertWorker(request: FastifyRequest, caseId: string) {
    return allowRead(user(request), await findMembership(app.db, caseId));
  }

  app.get<{ Querystring: Static<typeof InboxQuery> }>(
    '/dossiers',
    { schema: { querystring: InboxQuery, hide: true }, preHandler: agents },
    async (request, reply) => {
      const actor = user(request);
      const checked = checkInboxParams(actor, request.query);
      const page = (
        props: Omit<Parameters<typeof InboxPage>[0], 'ctx' | 'scopes' | 'siteName' | 'canOpen' | 'canManage'>,
      ) =>
        h(InboxPage, {
          ctx: request.viewContext(),
          scopes: scopesFor(actor),
          siteName: actor.siteName,
          canOpen: canOpenCase(actor),
          canManage: canExport(actor),
          ...props,
        });
      reply.header('cache-control', 'no-store');
      if ('errors' in checked) {
        const fallback = { scope: scopesFor(actor)[0]!, state: 'all' as const, search: '', cursor: null };
        return reply.status(400).page(
          page({
            request: fallback,
            rows: [],
            counts: null,
            broad: false,
            previous: null,
            next: null,
            errors: checked.errors,
          }),
        );
      }
      const data = await readInbox(app.db, actor, checked.request, app.clock.now(), request.id);
      return reply.page(page({ request: checked.request, ...data, errors: [] }));
    },
  );

  const newCasePage = async (request: FastifyRequest, form: OpenCaseForm, errors: FieldError[]) => {
    const actor = user(request);
    const territory = actor.territoryIds[0];
    if (!territory)
      throw new AppError(
        'forbidden',
        'Votre compte n’est rattaché à aucun territoire : demandez-le à votre administrateur.',
      );
    const organisations = await invitableOrganisations(app.db, territory, actor.organisationId);
    const today = app.clock.today();
    return h(NewCasePage, {
      ctx: request.viewContext(),
      organisations,
      communes: (await listCommunes(app.db, territory)).map((c) => ({
        inseeCode: c.inseeCode,
        name: c.name,
      })),
      subjects: await subjectsOf(
        app.db,
        organisations.map((o) => o.id),
      ),
      form,
      errors,
      today,
      defaultExpiry: oneYearAfter(today),
    });
  };

  app.get(
    '/dossiers/nouveau',
    { schema: { hide: true }, preHandler: requireRole('helper') },
    async (request, reply) => reply.page(await newCasePage(request, {}, [])),
  );

  app.post(
    '/dossiers',
    { schema: { hide: true }, preHandler: requireRole('helper') },
    async (request, reply) => {
      const { fields, files, cut } = await readMultipart(request);
      assertCsrf(request, fields._csrf?.[0]);
      const form: OpenCaseForm = {};
      for (const [name, values] of Object.entries(fields)) {
        if (openFormFields.has(name)) (form as Record<string, string>)[name] = values[0] ?? '';
      }
      form.organismes = fields.organismes ?? [];
      const fileErrors: FieldError[] = [...cut];
      const mandates = await checkFiles(app, files, 'mandat', fileErrors);
      const attachments = await checkFiles(app, files, 'pieces', fileErrors);
      if (attachments.length > 5)
        fileErrors.push({ field: 'pieces', message: 'Cinq pièces jointes au plus.' });
      const actor = user(request);
      const invitable = actor.territoryIds[0]
        ? await invitableOrganisations(app.db, actor.territoryIds[0], actor.organisationId)
        : [];
      const invitableIds = invitable.map((o) => o.id);
      const communes = actor.territoryIds[0] ? await listCommunes(app.db, actor.territoryIds[0]) : [];
      const checked = checkOpenCaseForm(
        form,
        { mandate: mandates[0] ?? null, attachments },
        {
          today: app.clock.today(),
          invitableIds,
          communes: communes.map((c) => c.inseeCode),
          subjects: await subjectsOf(app.db, invitableIds),
        },
      );
      const errors = [...('errors' in checked ? checked.errors : []), ...fileErrors];
      if (errors.length > 0 || !('input' in checked))
        return reply.status(400).page(await newCasePage(request, form, errors));
      const { id } = await openCase(deps(request), actor, checked.input);
      if ([...mandates, ...attachments].some((f) => f.scanStatus === 'pending'))
        await scheduleQuarantineScan(app.db, app.clock.now());
      return reply.redirect(`/dossiers/${id}`, 303);
    },
  );

  app.get(
    '/dossiers/export.csv',
    { schema: { hide: true }, preHandler: requireRole('organisationManager') },
    async (request, reply) => {
      const csv = await exportOrganisationCases(app.db, user(request), request.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="saisines.csv"')
        .header('cache-control', 'no-store')
        .send('\uFEFF' + csv);
    },
  );

  app.get<{ Querystring: Static<typeof DashboardQuery> }>(
    '/dossiers/tableau-de-bord',
    { schema: { querystring: DashboardQuery, hide: true }, preHandler: requireRole('organisationManager') },
    async (request, reply) => {
      const now = app.clock.now();
      const { dashboard, errors } = await managerDashboard(
        app.db,
        user(request),
        request.query.site || undefined,
        now,
        request.id,
      );
      return reply
        .status(errors.length > 0 ? 400 : 200)
        .header('cache-control', 'no-store')
        .page(h(DashboardPage, { ctx: request.viewContext(), dashboard, now, error: errors[0]?.message }));
    },
  );

  const managers = requireRole('organisationManager');
  const settingsPage = async (
    request: FastifyRequest,
    errors: FieldError[] = [],
    form: { boite?: string; sujet?: string } = {},
    notice?: string,
  ) =>
    h(OrganisationSettingsPage, {
      ctx: request.viewContext(),
      settings: await readOrganisationSettings(app.db, user(request)),
      errors,
      form,
      notice,
    });
  app.get<{ Querystring: Static<typeof SettingsQuery> }>(
    '/dossiers/organisme',
    { schema: { querystring: SettingsQuery, hide: true }, preHandler: managers },
    async (request, reply) =>
      reply.page(
        await settingsPage(request, [], {}, request.query.ok ? settingsNotices[request.query.ok] : undefined),
      ),
  );
  app.post<{ Body: Static<typeof MailboxBody> }>(
    '/dossiers/organisme/boite-partagee',
    { schema: { body: MailboxBody, hide: true }, preHandler: managers },
    async (request, reply) => {
      const errors = await saveSharedMailbox(app.db, user(request), request.body.boite, request.id);
      if (errors.length > 0)
        return reply.status(400).page(await settingsPage(request, errors, { boite: request.body.boite }));
      return reply.redirect('/dossiers/organisme?ok=boite', 303);
    },
  );
  app.post<{ Body: Static<typeof SubjectBody> }>(
    '/dossiers/organisme/sujets',
    { schema: { body: SubjectBody, hide: true }, preHandler: managers },
    async (request, reply) => {
      const errors = await addSubject(app.db, user(request), request.body.sujet);
      if (errors.length > 0)
        return reply.status(400).page(await settingsPage(request, errors, { sujet: request.body.sujet }));
      return reply.redirect('/dossiers/organisme?ok=sujet', 303);
    },
  );
  app.post<{ Params: Static<typeof SubjectParams>; Body: Static<typeof CsrfOnly> }>(
    '/dossiers/organisme/sujets/:subjectId/retrait',
    { schema: { params: SubjectParams, body: CsrfOnly, hide: true }, preHandler: managers },
    async (request, reply) => {
      await withdrawSubject(app.db, user(request), request.params.subjectId);
      return reply.redirect('/dossiers/organisme?ok=retrait', 303);
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: { ok?: string } }>(
    '/dossiers/:id',
    {
      schema: {
        params: IdParams,
        querystring: Type.Object(
          { ok: Type.Optional(Type.String({ maxLength: 20 })) },
          { additionalProperties: false },
        ),
        hide: true,
      },
      preHandler: agents,
    },
    async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .page(
          await renderCase(
            request,
            request.params.id,
            [],
            {},
            request.query.ok ? caseNotices[request.query.ok] : undefined,
          ),
        ),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/dossiers/:id/mandat',
    { schema: { params: IdParams, hide: true }, preHandler: requireRole('helper', 'organisationManager') },
    async (request, reply) => {
      const actor = user(request);
      const membership = await findMembership(app.db, request.params.id);
      if (!membership || sideOf(actor, membership) !== 'helper')
        throw notFound('Ce dossier n’existe pas, ou vous n’y avez pas accès.');
      const detail = await viewCase(deps(request), actor, request.params.id);
      return reply.header('cache-control', 'no-store').page(
        h(MandatePage, {
          ctx: request.viewContext(),
          detail,
          helperName: detail.createdBy ?? actor.displayName,
        }),
      );
    },
  );

  app.get<{ Params: Static<typeof FileParams> }>(
    '/dossiers/:id/pieces/:fileId',
    {
      schema: { params: FileParams, hide: true },
      preHandler: requireRole('helper', 'partnerAgent', 'organisationManager'),
    },
    async (request, reply) => {
      const file = await downloadAttachment(
        deps(request),
        user(request),
        request.params.id,
        request.params.fileId,
        app.screening.production,
      );
      return reply
        .header('content-type', file.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${file.name.replace(/[^\w.() -]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.content);
    },
  );

  app.get<{ Params: Static<typeof NoticeParams> }>(
    '/dossiers/:id/courriers/:noticeId',
    {
      schema: { params: NoticeParams, hide: true },
      preHandler: requireRole('helper', 'organisationManager'),
    },
    async (request, reply) => {
      const letter = await readLetter(
        deps(request),
        user(request),
        request.params.id,
        request.params.noticeId,
      );
      return reply
        .header('cache-control', 'no-store')
        .page(h(LetterPage, { ctx: request.viewContext(), caseId: request.params.id, ...letter }));
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/dossiers/:id/messages',
    { schema: { params: IdParams, hide: true }, preHandler: agents },
    async (request, reply) => {
      const actor = user(request);
      // Rights first: a stranger to the case learns nothing, not even whether the form was well made.
      guard(actor, await assertWorker(request, request.params.id), { do: 'write' });
      const { fields, files, cut } = await readMultipart(request);
      assertCsrf(request, fields._csrf?.[0]);
      const kind = fields.type?.[0];
      const body = fields.texte?.[0];
      const errors = [
        ...cut.map((c) => ({ ...c, field: c.field === 'texte' ? 'texte' : c.field })),
        ...checkMessage(kind, body),
      ];
      const attachments = await checkFiles(app, files, 'pieces', errors);
      if (errors.length > 0)
        return reply
          .status(400)
          .page(await renderCase(request, request.params.id, errors, { type: kind, texte: body }));
      await postMessage(deps(request), actor, request.params.id, {
        kind: kind as WritableKind,
        body: body ?? '',
        attachments,
      });
      if (attachments.some((f) => f.scanStatus === 'pending'))
        await scheduleQuarantineScan(app.db, app.clock.now());
      return reply.redirect(`/dossiers/${request.params.id}?ok=message`, 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/dossiers/:id/prise-en-charge',
    { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: agents },
    async (request, reply) => {
      await takeCase(deps(request), user(request), request.params.id);
      return reply.redirect(`/dossiers/${request.params.id}?ok=prise`, 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof InviteBody> }>(
    '/dossiers/:id/invitations',
    { schema: { params: IdParams, body: InviteBody, hide: true }, preHandler: agents },
    async (request, reply) => {
      const { organisme, agent } = request.body;
      const membership = await assertWorker(request, request.params.id);
      const target = { organisationId: organisme || undefined, agentEmail: agent?.trim() || undefined };
      const errors =
        !target.organisationId && !target.agentEmail
          ? [{ field: 'organisme', message: 'Choisissez un organisme, ou indiquez l’adresse d’un agent.' }]
          : await checkInvitation(app.db, request.params.id, membership, target);
      if (errors.length > 0)
        return reply
          .status(400)
          .page(await renderCase(request, request.params.id, errors, { organisme, agent }));
      await invite(deps(request), user(request), request.params.id, target);
      return reply.redirect(`/dossiers/${request.params.id}?ok=invitation`, 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/dossiers/:id/part-terminee',
    { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: agents },
    async (request, reply) => {
      await markPartDone(deps(request), user(request), request.params.id);
      return reply.redirect(`/dossiers/${request.params.id}?ok=part`, 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof StandardBody> }>(
    '/dossiers/:id/procedure-standard',
    { schema: { params: IdParams, body: StandardBody, hide: true }, preHandler: agents },
    async (request, reply) => {
      await setStandardProcedure(
        deps(request),
        user(request),
        request.params.id,
        request.body.standard === 'oui',
      );
      return reply.redirect(`/dossiers/${request.params.id}?ok=standard`, 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CloseBody> }>(
    '/dossiers/:id/cloture',
    { schema: { params: IdParams, body: CloseBody, hide: true }, preHandler: agents },
    async (request, reply) => {
      guard(user(request), await assertWorker(request, request.params.id), { do: 'close' });
      const errors = checkClosing(request.body.utile, request.body.resultat);
      if (errors.length > 0) {
        return reply.status(400).page(
          await renderCase(request, request.params.id, errors, {
            utile: request.body.utile,
            resultat: request.body.resultat,
          }),
        );
      }
      await closeCase(deps(request), user(request), request.params.id, {
        usefulness: request.body.utile as Usefulness,
        outcome: request.body.resultat ?? '',
      });
      return reply.redirect(`/dossiers/${request.params.id}?ok=cloture`, 303);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/dossiers/:id/reouverture',
    { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: agents },
    async (request, reply) => {
      await reopenCase(deps(request), user(request), request.params.id);
      return reply.redirect(`/dossiers/${request.params.id}?ok=reouverture`, 303);
    },
  );

  // The resident's rights, through the organisation that opened the case: its agents only (others: 404 or 403).
  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CsrfOnly> }>(
    '/dossiers/:id/donnees-usager',
    { schema: { params: IdParams, body: CsrfOnly, hide: true }, preHandler: agents },
    async (request, reply) => {
      const { reference, document } = await exportCaseResidentData(
        deps(request),
        user(request),
        request.params.id,
      );
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="donnees-usager-${reference}.json"`)
        .header('cache-control', 'private, no-store')
        .send(JSON.stringify(document, null, 2));
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/dossiers/:id/effacement',
    { schema: { params: IdParams, hide: true }, preHandler: agents },
    async (request, reply) => {
      const summary = await erasureSummary(app.db, user(request), request.params.id);
      return reply
        .header('cache-control', 'no-store')
        .page(h(CaseErasurePage, { ctx: request.viewContext(), summary }));
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof EraseBody> }>(
    '/dossiers/:id/effacement',
    { schema: { params: IdParams, body: EraseBody, hide: true }, preHandler: agents },
    async (request, reply) => {
      // Rights first: a stranger learns nothing, not even whether the box was ticked.
      const summary = await erasureSummary(app.db, user(request), request.params.id);
      if (summary.meta.erased) return reply.redirect(`/dossiers/${request.params.id}?ok=deja-efface`, 303);
      if (request.body.confirmation !== 'oui') {
        return reply.status(400).page(
          h(CaseErasurePage, {
            ctx: request.viewContext(),
            summary,
            error: 'Cochez la case pour confirmer que l’usager demande l’effacement.',
          }),
        );
      }
      const result = await eraseCaseOnResidentRequest(deps(request), user(request), request.params.id);
      return reply.redirect(
        `/dossiers/${request.params.id}?ok=${result === 'erased' ? 'effacement' : 'deja-efface'}`,
        303,
      );
    },
  );

  const mailRoles = requireRole('helper', 'partnerAgent', 'organisationManager');
  app.get<{ Querystring: Static<typeof SavedQuery> }>(
    '/parametres/courriels',
    { schema: { querystring: SavedQuery, hide: true }, preHandler: mailRoles },
    async (request, reply) =>
      reply.page(
        h(MailSettingsPage, {
          ctx: request.viewContext(),
          volume: await mailVolumeOf(app.db, user(request).id),
          saved: request.query.enregistre === '1',
        }),
      ),
  );
  app.post<{ Body: Static<typeof MailBody> }>(
    '/parametres/courriels',
    { schema: { body: MailBody, hide: true }, preHandler: mailRoles },
    async (request, reply) => {
      await setMailVolume(app.db, user(request).id, request.body.volume);
      return reply.redirect('/parametres/courriels?enregistre=1', 303);
    },
  );

  // The resident's answer to a consent: anonymous, the link's token is the key (its hash only is stored).
  app.get<{ Params: Static<typeof TokenParams> }>(
    '/consentement/:token',
    { schema: { params: TokenParams, hide: true } },
    async (request, reply) => {
      const link = await readConsentLink(app.db, request.params.token, app.clock.now());
      return reply
        .status(link.state === 'unknown' ? 404 : 200)
        .header('cache-control', 'no-store')
        .page(h(ConsentConfirmPage, { ctx: request.viewContext(), token: request.params.token, link }));
    },
  );
  app.post<{ Params: Static<typeof TokenParams>; Body: Static<typeof ConsentBody> }>(
    '/consentement/:token',
    { schema: { params: TokenParams, body: ConsentBody, hide: true } },
    async (request, reply) => {
      const answer = request.body.reponse ?? 'accord';
      const { link, changed } = await answerConsent(
        app.db,
        app.config.publicUrl,
        request.params.token,
        answer,
        app.clock.now(),
      );
      // A link answered before (or expired) changes nothing: the page says why, with a status that says so.
      const same =
        (link.state === 'confirmed' && answer === 'accord') ||
        (link.state === 'refused' && answer === 'refus');
      const status =
        link.state === 'unknown' ? 404 : changed || same ? 200 : link.state === 'expired' ? 410 : 409;
      return reply
        .status(status)
        .header('cache-control', 'no-store')
        .page(h(ConsentConfirmPage, { ctx: request.viewContext(), token: request.params.token, link }));
    },
  );
}
