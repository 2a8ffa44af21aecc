// The resident's way in: create an account for their file (a magic link confirms the address), or FranceConnect
// through the same OpenID Connect client as ProConnect, configured by its own variables.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { h } from 'preact';
import { cookieOptions } from '../../platform/auth/session.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { OidcLogin, type OidcPending, type OidcProblem } from '../accounts/oidc.ts';
import { LoginRateLimiter } from '../accounts/rate-limit.ts';
import { linkFranceConnect, signUp, type FranceConnectProblem } from './account.ts';
import { FranceConnectProblemPage, SignUpPage, SignUpSentPage } from './views/account.tsx';

const fcCookie = 'sc_fc';
const fcPath = '/connexion/franceconnect';
/** Where FranceConnect sends the resident back (to declare at FranceConnect). */
export const franceConnectCallbackPath = `${fcPath}/retour`;
// FranceConnect's scopes: the identity the file keeps (first name, birth name, birth date) and the address.
const fcScope = 'openid given_name family_name birthdate email';

const SignUpBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    nom: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
const CallbackQuery = Type.Record(Type.String(), Type.String({ maxLength: 4000 }));

const problems: Record<OidcProblem | FranceConnectProblem, { status: number; title: string; text: string }> =
  {
    cancelled: {
      status: 400,
      title: 'Connexion annulée',
      text: 'La connexion avec FranceConnect a été annulée. Vous pouvez recommencer, ou créer votre compte avec votre adresse électronique.',
    },
    expired: {
      status: 400,
      title: 'Connexion expirée',
      text: 'La connexion avec FranceConnect a pris trop de temps ou a été ouverte dans un autre navigateur. Recommencez.',
    },
    invalid: {
      status: 400,
      title: 'Réponse de connexion invalide',
      text: 'La réponse de FranceConnect n’a pas pu être vérifiée. Recommencez.',
    },
    'unknown-user': {
      status: 403,
      title: 'Compte introuvable',
      text: 'Aucun compte ne correspond. Recommencez.',
    },
    unverified: {
      status: 403,
      title: 'Adresse non vérifiée',
      text: 'FranceConnect n’a pas vérifié votre adresse. Créez votre compte avec votre adresse électronique.',
    },
    disabled: {
      status: 403,
      title: 'Compte indisponible',
      text: 'Ce compte est désactivé, ou déjà relié à une autre identité FranceConnect. Connectez-vous avec votre adresse électronique.',
    },
    mismatch: {
      status: 403,
      title: 'Compte déjà relié',
      text: 'Ce compte est déjà relié à une autre identité. Connectez-vous avec votre adresse électronique.',
    },
    'agent-account': {
      status: 403,
      title: 'Compte d’agent',
      text: 'Cette adresse est celle d’un compte d’agent : les agents se connectent par ProConnect ou par courriel, pas par FranceConnect.',
    },
    'no-email': {
      status: 403,
      title: 'Adresse manquante',
      text: 'FranceConnect n’a pas donné d’adresse électronique : créez votre compte avec votre adresse.',
    },
  };

/** Registers the resident's sign-up and FranceConnect login. */
export default async function accountRoutes(app: FastifyInstance) {
  const { config, db } = app;
  const limiter = new LoginRateLimiter(config.rateLimit.loginPerMinute);
  const franceConnect = config.franceConnect
    ? new OidcLogin(config, config.franceConnect, { callbackPath: franceConnectCallbackPath, scope: fcScope })
    : null;
  const hide = true;

  app.get('/mon-dossier/creer', { schema: { hide } }, async (request, reply) => {
    if (request.user?.role === 'resident') return reply.redirect('/mon-dossier', 303);
    return reply.page(
      h(SignUpPage, {
        ctx: request.viewContext(),
        values: { email: '', nom: '' },
        errors: [],
        franceConnect: franceConnect !== null,
      }),
    );
  });

  app.post<{ Body: Static<typeof SignUpBody> }>(
    '/mon-dossier/creer',
    { schema: { hide, body: SignUpBody } },
    async (request, reply) => {
      const email = (request.body.email ?? '').trim().toLowerCase();
      if (!limiter.hit([`ip:${request.ip}`, ...(email ? [`email:${email}`] : [])]))
        throw new AppError('rate-limited', 'Trop de demandes : patientez une minute avant de réessayer.');
      const result = await signUp(
        { db, mailer: app.mailer, config, log: request.log },
        request.body,
        request.id,
      );
      if ('errors' in result)
        return reply.status(400).page(
          h(SignUpPage, {
            ctx: request.viewContext(),
            values: { email: request.body.email ?? '', nom: request.body.nom ?? '' },
            errors: result.errors,
            franceConnect: franceConnect !== null,
          }),
        );
      return reply.page(h(SignUpSentPage, { ctx: request.viewContext(), email: result.email }));
    },
  );

  app.get(fcPath, { schema: { hide } }, async (_request, reply) => {
    if (!franceConnect)
      throw notFound('La connexion par FranceConnect n’est pas activée sur cette plateforme.');
    const { url, pending } = await franceConnect.start();
    reply.setCookie(fcCookie, JSON.stringify(pending), {
      ...cookieOptions(config, 600),
      path: fcPath,
      signed: true,
    });
    return reply.redirect(url, 302);
  });

  app.get(
    franceConnectCallbackPath,
    { schema: { hide, querystring: CallbackQuery } },
    async (request, reply) => {
      if (!franceConnect)
        throw notFound('La connexion par FranceConnect n’est pas activée sur cette plateforme.');
      reply.header('cache-control', 'no-store');
      const raw = request.cookies[fcCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      let pending: OidcPending | null = null;
      if (unsigned?.valid && unsigned.value) {
        try {
          pending = JSON.parse(unsigned.value) as OidcPending;
        } catch {
          pending = null;
        }
      }
      reply.clearCookie(fcCookie, { ...cookieOptions(config), path: fcPath });
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const checked = await franceConnect.exchange(query, pending);
      const result = checked.ok
        ? await linkFranceConnect(db, checked.claims, app.clock.now(), request.id)
        : checked;
      if (!result.ok) {
        const p = problems[result.problem];
        return reply
          .status(p.status)
          .page(h(FranceConnectProblemPage, { ctx: request.viewContext(), title: p.title, text: p.text }));
      }
      await reply.startSession(result.userId, 'franceconnect');
      return reply.redirect('/mon-dossier', 303);
    },
  );
}
