// Routes of the accounts feature: login by magic link and by ProConnect (OpenID Connect), logout, and the
// users pages of administrators and organisation managers (invitation one by one or by CSV file).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { withPersonalData } from '../../platform/audit.ts';
import { invitableRoles, isValidEmail, normaliseEmail } from './rules.ts';
import { assertCsrf, cookieOptions, requireRole, type SessionUser } from '../../platform/auth/session.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { homeFor } from '../home/landing.ts';
import { CsvFileError, parseInvitationCsv } from './csv.ts';
import { importUsers, invitationChoices, inviteUser, type ImportLine } from './invitations.ts';
import {
  consumeMagicLink,
  checkMagicLink,
  recordLogout,
  requestMagicLink,
  type LinkProblem,
} from './magic-link.ts';
import { OidcLogin, oidcCallbackPath, type OidcPending, type OidcProblem } from './oidc.ts';
import { LoginRateLimiter } from './rate-limit.ts';
import { listUsers, purgeExpiredCredentials } from './store.ts';
import {
  ConfirmLinkPage,
  LinkProblemPage,
  LinkSentPage,
  LoginPage,
  OidcProblemPage,
} from './views/login.tsx';
import { UsersPage, type InviteFormValues } from './views/users.tsx';
import { AccountPageView } from './views/account.tsx';
import {
  deactivateAccount,
  editAccount,
  reactivateAccount,
  readAccountPage,
  runInactivity,
  type AccountForm,
} from './management.ts';

const oidcCookie = 'sc_oidc';
// The ID token of a ProConnect session, kept signed and httpOnly for the provider's logout (id_token_hint).
const oidcLogoutCookie = 'sc_oidc_logout';
const maxCsvBytes = 1024 * 1024;

const LoginBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.String({ maxLength: 320, default: '' }),
  },
  { additionalProperties: false },
);
const LinkQuery = Type.Object(
  { jeton: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
const LinkBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    jeton: Type.String({ maxLength: 200, default: '' }),
  },
  { additionalProperties: false },
);
const LogoutBody = Type.Object(
  { _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
const CallbackQuery = Type.Record(Type.String(), Type.String({ maxLength: 4000 }));
const InviteBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.String({ maxLength: 320, default: '' }),
    name: Type.String({ maxLength: 500, default: '' }),
    role: Type.String({ maxLength: 60, default: '' }),
    organisation: Type.String({ maxLength: 200, default: '' }),
    territories: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, default: [] }),
  },
  { additionalProperties: false },
);

const linkProblemStatus: Record<LinkProblem, number> = {
  unknown: 400,
  expired: 410,
  used: 410,
  foreign: 403,
  disabled: 403,
};

const oidcProblems: Record<
  OidcProblem,
  { status: number; title: string; text: (label: string, email?: string) => string }
> = {
  cancelled: {
    status: 400,
    title: 'Connexion annulée',
    text: (l) =>
      `La connexion avec ${l} a été annulée ou refusée. Vous pouvez recommencer, ou vous connecter par courriel.`,
  },
  expired: {
    status: 400,
    title: 'Connexion expirée',
    text: (l) =>
      `La connexion avec ${l} a pris trop de temps ou a été ouverte dans un autre navigateur. Recommencez depuis la page de connexion.`,
  },
  invalid: {
    status: 400,
    title: 'Réponse de connexion invalide',
    text: (l) => `La réponse de ${l} n’a pas pu être vérifiée. Recommencez depuis la page de connexion.`,
  },
  'unknown-user': {
    status: 403,
    title: 'Aucun compte pour cette adresse',
    text: (l, email) =>
      `${l} vous a bien identifié${email ? ` (${email})` : ''}, mais aucun compte Sans Couture n’existe pour cette adresse. Les comptes sont créés sur invitation : demandez à votre responsable d’organisme ou à l’administrateur de vous inviter.`,
  },
  unverified: {
    status: 403,
    title: 'Adresse non vérifiée',
    text: (l) =>
      `${l} n’a pas vérifié votre adresse électronique : elle ne peut pas ouvrir un compte Sans Couture. Connectez-vous par courriel.`,
  },
  disabled: {
    status: 403,
    title: 'Compte désactivé',
    text: () => 'Ce compte est désactivé. Adressez-vous à votre responsable ou à l’administrateur.',
  },
  mismatch: {
    status: 403,
    title: 'Compte déjà relié à une autre identité',
    text: (l) =>
      `Ce compte Sans Couture est déjà relié à une autre identité ${l}. Connectez-vous par courriel, ou demandez à l’administrateur de vérifier le compte.`,
  },
};

interface UsersScope {
  path: string;
  role: Role;
}

const usersScopes: UsersScope[] = [
  { path: '/espace/admin/utilisateurs', role: 'admin' },
  { path: '/espace/organisme/utilisateurs', role: 'organisationManager' },
];

function actorOf(user: SessionUser) {
  return {
    id: user.id,
    role: user.role,
    organisationId: user.organisationId,
    territoryIds: user.territoryIds,
    displayName: user.displayName,
  };
}

const emptyForm: InviteFormValues = { email: '', name: '', role: '', organisation: '', territories: [] };

/** Registers the accounts routes. */
export default async function accountsRoutes(app: FastifyInstance) {
  const { config, db } = app;
  const limiter = new LoginRateLimiter(config.rateLimit.loginPerMinute);
  const oidc = config.oidc ? new OidcLogin(config, config.oidc) : null;
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(multipart, { limits: { fileSize: maxCsvBytes, files: 1, fields: 5, parts: 6 } });
  }
  const hide = { hide: true };

  // Retention: expired sessions and old login links go every night (docs/rgpd.md).
  app.jobs.queue.register(
    'accounts.purge',
    async (_job, ctx) => void (await purgeExpiredCredentials(ctx.db, ctx.now)),
  );
  app.jobs.schedule({ kind: 'accounts.purge', every: 'daily', atHourUtc: 3 });
  // Accounts unused for ACCOUNT_INACTIVITY_DAYS: a warning mail, then deactivation (docs/operations.md).
  app.jobs.queue.register(
    'accounts.inactivity',
    async (_job, ctx) => void (await runInactivity(ctx.db, config, ctx.now)),
  );
  app.jobs.schedule({ kind: 'accounts.inactivity', every: 'daily', atHourUtc: 4 });

  // ── magic link ─────────────────────────────────────────────────────────────────────────────────────
  app.get('/connexion', { schema: hide }, async (request, reply) => {
    if (request.user) return reply.redirect(homeFor(request.user.role), 303);
    return reply.page(
      h(LoginPage, {
        ctx: request.viewContext(),
        email: '',
        error: null,
        oidcLabel: config.oidc?.label ?? null,
      }),
    );
  });

  app.post<{ Body: Static<typeof LoginBody> }>(
    '/connexion',
    { schema: { ...hide, body: LoginBody } },
    async (request, reply) => {
      const typed = request.body.email.trim();
      const email = normaliseEmail(typed);
      const valid = isValidEmail(email);
      if (!limiter.hit(valid ? [`ip:${request.ip}`, `email:${email}`] : [`ip:${request.ip}`])) {
        throw new AppError(
          'rate-limited',
          'Trop de demandes de connexion : patientez une minute avant de réessayer.',
        );
      }
      if (!valid) {
        const error =
          email === ''
            ? 'Indiquez votre adresse électronique.'
            : 'Adresse électronique invalide. Format attendu : nom@domaine.fr';
        return reply.status(400).page(
          h(LoginPage, {
            ctx: request.viewContext(),
            email: typed,
            error,
            oidcLabel: config.oidc?.label ?? null,
          }),
        );
      }
      // In the background: the answer takes the same time whether or not the address has an account.
      requestMagicLink({ db, mailer: app.mailer, config, log: request.log }, email).catch(
        (error: unknown) => {
          request.log.error(
            { err: error instanceof AppError ? error.code : 'unexpected' },
            'login link not sent',
          );
        },
      );
      return reply.page(h(LinkSentPage, { ctx: request.viewContext(), email }));
    },
  );

  app.get<{ Querystring: Static<typeof LinkQuery> }>(
    '/connexion/lien',
    { schema: { ...hide, querystring: LinkQuery } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const token = request.query.jeton;
      const problem = await checkMagicLink(db, token, request.user?.id ?? null);
      if (problem)
        return reply
          .status(linkProblemStatus[problem])
          .page(h(LinkProblemPage, { ctx: request.viewContext(), problem }));
      return reply.page(h(ConfirmLinkPage, { ctx: request.viewContext(), token: token! }));
    },
  );

  app.post<{ Body: Static<typeof LinkBody> }>(
    '/connexion/lien',
    { schema: { ...hide, body: LinkBody } },
    async (request, reply) => {
      const result = await consumeMagicLink(db, request.body.jeton, request.user?.id ?? null, request.id);
      if (!result.ok)
        return reply
          .status(linkProblemStatus[result.problem])
          .page(h(LinkProblemPage, { ctx: request.viewContext(), problem: result.problem }));
      await reply.startSession(result.userId, 'magic-link');
      // A ProConnect ID token left from an earlier session must not drive this session's logout.
      if (request.cookies[oidcLogoutCookie])
        reply.clearCookie(oidcLogoutCookie, { ...cookieOptions(config), path: '/deconnexion' });
      return reply.redirect(homeFor(result.role), 303);
    },
  );

  app.post<{ Body: Static<typeof LogoutBody> }>(
    '/deconnexion',
    { schema: { ...hide, body: LogoutBody } },
    async (request, reply) => {
      if (request.user) await recordLogout(db, { id: request.user.id, role: request.user.role }, request.id);
      await reply.endSession();
      const raw = request.cookies[oidcLogoutCookie];
      if (raw) {
        reply.clearCookie(oidcLogoutCookie, { ...cookieOptions(config), path: '/deconnexion' });
        const unsigned = request.unsignCookie(raw);
        const url =
          oidc && request.user && unsigned.valid && unsigned.value
            ? await oidc.logoutUrl(unsigned.value)
            : null;
        if (url) return reply.redirect(url, 303);
      }
      return reply.redirect('/', 303);
    },
  );

  // ── ProConnect (OpenID Connect) ────────────────────────────────────────────────────────────────────
  app.get('/connexion/proconnect', { schema: hide }, async (_request, reply) => {
    if (!oidc) throw notFound('La connexion par ProConnect n’est pas activée sur cette plateforme.');
    const { url, pending } = await oidc.start();
    reply.setCookie(oidcCookie, JSON.stringify(pending), {
      ...cookieOptions(config, 600),
      path: '/connexion/proconnect',
      signed: true,
    });
    return reply.redirect(url, 302);
  });

  app.get(oidcCallbackPath, { schema: { ...hide, querystring: CallbackQuery } }, async (request, reply) => {
    if (!oidc || !config.oidc)
      throw notFound('La connexion par ProConnect n’est pas activée sur cette plateforme.');
    reply.header('cache-control', 'no-store');
    const raw = request.cookies[oidcCookie];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    let pending: OidcPending | null = null;
    if (unsigned?.valid && unsigned.value) {
      try {
        pending = JSON.parse(unsigned.value) as OidcPending;
      } catch {
        pending = null;
      }
    }
    reply.clearCookie(oidcCookie, { ...cookieOptions(config), path: '/connexion/proconnect' });
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const result = await oidc.finish(db, query, pending, request.id);
    if (!result.ok) {
      const p = oidcProblems[result.problem];
      return reply.status(p.status).page(
        h(OidcProblemPage, {
          ctx: request.viewContext(),
          title: p.title,
          text: p.text(config.oidc.label, result.email),
          problem: result.problem,
        }),
      );
    }
    await reply.startSession(result.userId, 'oidc');
    reply.setCookie(oidcLogoutCookie, result.idToken, {
      ...cookieOptions(config, config.sessionTtlHours * 3600),
      path: '/deconnexion',
      signed: true,
    });
    return reply.redirect(homeFor(result.role), 303);
  });

  // ── users of administrators and organisation managers ──────────────────────────────────────────────
  async function renderUsers(
    request: FastifyRequest,
    reply: FastifyReply,
    scope: UsersScope,
    state: {
      form?: InviteFormValues;
      errors?: FieldError[];
      invited?: { email: string; mailSent: boolean } | null;
      importResult?: { ok: boolean; lines: ImportLine[] } | null;
      importError?: string | null;
    },
    status = 200,
  ) {
    const user = request.user!;
    const actor = actorOf(user);
    const ownOrganisationId = scope.role === 'admin' ? null : user.organisationId;
    if (scope.role !== 'admin' && !ownOrganisationId)
      throw new AppError('forbidden', 'Votre compte n’est rattaché à aucun organisme.');
    const users = await withPersonalData(
      db,
      {
        actor,
        action: 'read',
        subjectType: 'user-list',
        subjectId: ownOrganisationId ?? 'all',
        reason: 'liste des utilisateurs',
        requestId: request.id,
      },
      (trx) => listUsers(trx, ownOrganisationId),
    );
    const choices = await invitationChoices(db);
    // A list of people and their addresses: never kept by a browser or a proxy cache.
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .page(
        h(UsersPage, {
          ctx: request.viewContext(),
          basePath: scope.path,
          ownOrganisation: scope.role === 'admin' ? null : (user.organisationName ?? ''),
          users,
          roles: invitableRoles(actor),
          organisations: choices.organisations,
          territories:
            scope.role === 'admin'
              ? choices.territories
              : choices.territories.filter((t) => user.territoryIds.includes(t.id)),
          form: state.form ?? emptyForm,
          errors: state.errors ?? [],
          invited: state.invited ?? null,
          importResult: state.importResult ?? null,
          importError: state.importError ?? null,
        }),
      );
  }

  // ── an account's page (administrators): edit, move, deactivate, reactivate ─────────────────────────────
  const admins = requireRole('admin');
  const AccountParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
  const AccountQuery = Type.Object(
    { ok: Type.Optional(Type.String({ maxLength: 20 })) },
    { additionalProperties: false },
  );
  const AccountBody = Type.Object(
    {
      _csrf: Type.Optional(Type.String({ maxLength: 200 })),
      name: Type.String({ maxLength: 500, default: '' }),
      role: Type.String({ maxLength: 60, default: '' }),
      organisation: Type.String({ maxLength: 200, default: '' }),
      site: Type.String({ maxLength: 64, default: '' }),
      territories: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50, default: [] }),
    },
    { additionalProperties: false },
  );
  const accountNotices: Record<string, string> = {
    enregistre: 'Le compte est enregistré.',
    desactive: 'Le compte est désactivé : ses sessions sont terminées.',
    reactive: 'Le compte est réactivé.',
  };
  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { form?: AccountForm; errors?: FieldError[]; notice?: string; problem?: string },
    status = 200,
  ) => {
    const page = await readAccountPage(
      db,
      actorOf(request.user!),
      (request.params as { id: string }).id,
      request.id,
    );
    const organisationSlug = page.organisations.find((o) => o.id === page.account.organisationId)?.slug ?? '';
    const form = state.form ?? {
      name: page.account.displayName,
      role: page.account.role,
      organisation: organisationSlug,
      site: page.account.siteId ?? '',
      territories: page.account.territoryIds,
    };
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .page(
        h(AccountPageView, {
          ctx: request.viewContext(),
          page,
          form,
          errors: state.errors ?? [],
          notice: state.notice,
          problem: state.problem,
        }),
      );
  };
  app.get<{ Params: Static<typeof AccountParams>; Querystring: Static<typeof AccountQuery> }>(
    '/espace/admin/utilisateurs/:id',
    { schema: { ...hide, params: AccountParams, querystring: AccountQuery }, preHandler: admins },
    async (request, reply) =>
      renderAccount(request, reply, {
        notice: request.query.ok ? accountNotices[request.query.ok] : undefined,
      }),
  );
  app.post<{ Params: Static<typeof AccountParams>; Body: Static<typeof AccountBody> }>(
    '/espace/admin/utilisateurs/:id',
    { schema: { ...hide, params: AccountParams, body: AccountBody }, preHandler: admins },
    async (request, reply) => {
      const form: AccountForm = {
        name: request.body.name,
        role: request.body.role,
        organisation: request.body.organisation,
        site: request.body.site,
        territories: request.body.territories,
      };
      const errors = await editAccount(db, actorOf(request.user!), request.params.id, form, request.id);
      if (errors.length > 0) return renderAccount(request, reply, { form, errors }, 400);
      return reply.redirect(`/espace/admin/utilisateurs/${request.params.id}?ok=enregistre`, 303);
    },
  );
  app.post<{ Params: Static<typeof AccountParams>; Body: Static<typeof LogoutBody> }>(
    '/espace/admin/utilisateurs/:id/desactivation',
    { schema: { ...hide, params: AccountParams, body: LogoutBody }, preHandler: admins },
    async (request, reply) => {
      try {
        await deactivateAccount(db, actorOf(request.user!), request.params.id, app.clock.now(), request.id);
      } catch (error) {
        // The last active administrator: the account's own page says why, where the button was pressed.
        if (error instanceof AppError && error.code === 'conflict')
          return renderAccount(request, reply, { problem: error.detail }, 409);
        throw error;
      }
      return reply.redirect(`/espace/admin/utilisateurs/${request.params.id}?ok=desactive`, 303);
    },
  );
  app.post<{ Params: Static<typeof AccountParams>; Body: Static<typeof LogoutBody> }>(
    '/espace/admin/utilisateurs/:id/reactivation',
    { schema: { ...hide, params: AccountParams, body: LogoutBody }, preHandler: admins },
    async (request, reply) => {
      await reactivateAccount(db, actorOf(request.user!), request.params.id, app.clock.now(), request.id);
      return reply.redirect(`/espace/admin/utilisateurs/${request.params.id}?ok=reactive`, 303);
    },
  );

  for (const scope of usersScopes) {
    const guard = requireRole(scope.role);
    app.get(scope.path, { schema: hide, preHandler: guard }, async (request, reply) =>
      renderUsers(request, reply, scope, {}),
    );

    app.post<{ Body: Static<typeof InviteBody> }>(
      scope.path,
      { schema: { ...hide, body: InviteBody }, preHandler: guard },
      async (request, reply) => {
        const body = request.body;
        const form: InviteFormValues = {
          email: body.email,
          name: body.name,
          role: body.role,
          organisation: body.organisation,
          territories: body.territories,
        };
        const result = await inviteUser(
          { db, mailer: app.mailer, config },
          actorOf(request.user!),
          { email: body.email, name: body.name, role: body.role, organisation: body.organisation },
          body.territories,
          request.id,
        );
        if (!result.ok) return renderUsers(request, reply, scope, { form, errors: result.errors }, 400);
        return renderUsers(request, reply, scope, {
          invited: { email: result.email, mailSent: result.mailSent },
        });
      },
    );

    app.post(`${scope.path}/import`, { schema: hide, preHandler: guard }, async (request, reply) => {
      let csrf: string | undefined;
      let file: Buffer | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.fieldname === 'fichier' && part.filename) file = content;
        } else if (part.fieldname === '_csrf' && typeof part.value === 'string') {
          csrf = part.value;
        }
      }
      assertCsrf(request, csrf);
      if (!file || file.length === 0)
        return renderUsers(
          request,
          reply,
          scope,
          { importError: 'Choisissez un fichier CSV non vide.' },
          400,
        );
      let rows;
      try {
        rows = parseInvitationCsv(file);
      } catch (error) {
        if (error instanceof CsvFileError)
          return renderUsers(request, reply, scope, { importError: error.message }, 400);
        throw error;
      }
      const result = await importUsers(
        { db, mailer: app.mailer, config },
        actorOf(request.user!),
        rows,
        request.id,
      );
      return renderUsers(request, reply, scope, { importResult: result }, result.ok ? 200 : 400);
    });
  }
}
