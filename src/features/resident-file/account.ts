// A resident's account for their file: created by the resident themselves (an address and a name, confirmed by
// the magic link mailed to it), or by FranceConnect (the State's identity federation, through the same OpenID
// Connect client as ProConnect). FranceConnect's identity fills the file's identity facts — first name, birth
// name, birth date — marked as given by FranceConnect. Agents never enter by FranceConnect: their accounts are
// invited, and they use ProConnect.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import type { FieldError } from '../../platform/errors.ts';
import { parseDate } from '../../platform/dates.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { createLoginToken, loginLink, requestMagicLink } from '../accounts/magic-link.ts';
import { isValidEmail, normaliseEmail } from '../accounts/rules.ts';
import {
  activateAccount,
  findAccountByEmail,
  findAccountByOidcSubject,
  insertInvitedAccount,
  setOidcSubject,
} from '../accounts/store.ts';
import { applyChanges } from './facts.ts';
import { ensureFile, findFile, writeFacts } from './store.ts';

/** How long the first link of a new account stays valid (people do not always read mail at once). */
const welcomeLinkHours = 24;

/** The sign-up form, as posted. */
export interface SignUpForm {
  email?: string;
  nom?: string;
}

/**
 * Creates a resident account and mails its first login link; an address that already has an account gets a
 * login link instead. The answer is the same either way (nobody learns which addresses have an account).
 */
export async function signUp(
  deps: { db: Db; mailer: Mailer; config: Config; log: FastifyBaseLogger },
  form: SignUpForm,
  requestId: string,
): Promise<{ ok: true; email: string } | { errors: FieldError[] }> {
  const email = normaliseEmail(form.email ?? '');
  const name = (form.nom ?? '').trim().replace(/\s+/g, ' ');
  const errors: FieldError[] = [];
  if (!isValidEmail(email))
    errors.push({
      field: 'email',
      message: email
        ? 'Adresse électronique invalide. Format attendu : nom@domaine.fr'
        : 'Indiquez votre adresse électronique.',
    });
  if (name.length < 2 || name.length > 100)
    errors.push({ field: 'nom', message: 'Indiquez votre prénom et votre nom (100 caractères au plus).' });
  if (errors.length > 0) return { errors };
  const { db, mailer, config, log } = deps;
  // Mails go in the background, as on the login page: the answer takes the same time and says the same thing
  // whether or not the address has an account, and a mail server down is logged (by code), not shown.
  const mailFailed = (error: unknown) =>
    log.error({ code: (error as { code?: string }).code ?? 'unexpected' }, 'sign-up mail not sent');
  const existing = await findAccountByEmail(db, email);
  if (existing) {
    requestMagicLink(deps, email).catch(mailFailed);
    return { ok: true, email };
  }
  const token = await db.transaction().execute(async (trx) => {
    const userId = await insertInvitedAccount(trx, {
      email,
      displayName: name,
      role: 'resident',
      organisationId: null,
      territoryIds: [],
    });
    await ensureFile(trx, userId);
    await journal(trx, {
      actor: null,
      action: 'create',
      subjectType: 'user',
      subjectId: userId,
      reason: 'création de son compte par l’usager (à confirmer par le lien envoyé)',
      requestId,
    });
    return createLoginToken(trx, userId, welcomeLinkHours * 3600_000);
  });
  mailer
    .send({
      to: email,
      subject: 'Confirmez la création de votre compte Sans Couture',
      text: [
        `Bonjour ${name},`,
        '',
        `Pour confirmer votre adresse et ouvrir votre dossier, ouvrez ce lien (valable ${welcomeLinkHours} heures, une seule fois) :`,
        loginLink(config, token),
        '',
        'Si vous n’avez pas demandé à créer un compte, ignorez ce message : le compte ne sera pas utilisable sans ce lien.',
      ].join('\n'),
    })
    .catch(mailFailed);
  return { ok: true, email };
}

/** Why a FranceConnect login did not open a session. */
export type FranceConnectProblem = 'agent-account' | 'disabled' | 'no-email';

/** The claims of FranceConnect this feature reads. */
export interface FranceConnectClaims {
  sub: string;
  email?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  birthdate?: unknown;
}

/**
 * Finds or creates the resident account of a FranceConnect identity: by its subject, else by its e-mail (a
 * resident who first came by mail), else a new active account (FranceConnect has verified the identity). The
 * identity facts of the file are filled or refreshed from FranceConnect, in the same transaction as the login's
 * journal line.
 */
export async function linkFranceConnect(
  db: Db,
  claims: FranceConnectClaims,
  now: Date,
  requestId: string,
): Promise<{ ok: true; userId: string } | { ok: false; problem: FranceConnectProblem }> {
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : '';
  const givenName = typeof claims.given_name === 'string' ? claims.given_name.trim().slice(0, 100) : '';
  const familyName = typeof claims.family_name === 'string' ? claims.family_name.trim().slice(0, 100) : '';
  const birthdate =
    typeof claims.birthdate === 'string' && parseDate(claims.birthdate) ? claims.birthdate : undefined;
  return db.transaction().execute(async (trx) => {
    let account = await findAccountByOidcSubject(trx, `franceconnect:${claims.sub}`);
    if (!account && isValidEmail(email)) {
      account = await findAccountByEmail(trx, email);
      if (account && account.role !== 'resident')
        return { ok: false as const, problem: 'agent-account' as const };
      if (account && account.oidcSubject) return { ok: false as const, problem: 'disabled' as const };
      if (account) await setOidcSubject(trx, account.id, `franceconnect:${claims.sub}`);
    }
    if (account && account.role !== 'resident')
      return { ok: false as const, problem: 'agent-account' as const };
    if (account?.status === 'disabled') return { ok: false as const, problem: 'disabled' as const };
    let userId: string;
    if (account) {
      userId = account.id;
      await activateAccount(trx, userId);
    } else {
      if (!isValidEmail(email)) return { ok: false as const, problem: 'no-email' as const };
      userId = await insertInvitedAccount(trx, {
        email,
        displayName: [givenName, familyName].filter(Boolean).join(' ') || email,
        role: 'resident',
        organisationId: null,
        territoryIds: [],
      });
      await setOidcSubject(trx, userId, `franceconnect:${claims.sub}`);
      await activateAccount(trx, userId);
      await journal(trx, {
        actor: { id: userId, role: 'resident' },
        action: 'create',
        subjectType: 'user',
        subjectId: userId,
        reason: 'création de son compte par FranceConnect',
        requestId,
      });
    }
    await ensureFile(trx, userId);
    const file = await findFile(trx, userId, true);
    const identity: Record<string, unknown> = {};
    if (givenName) identity.firstName = givenName;
    if (familyName) identity.lastName = familyName;
    if (birthdate) identity.birthDate = birthdate;
    const facts = file?.facts ?? {};
    const changed = Object.entries(identity).filter(
      ([key, value]) => facts[key]?.v !== value || facts[key]?.via !== 'franceconnect',
    );
    if (file && changed.length > 0) {
      const next = applyChanges(
        facts,
        Object.fromEntries(changed),
        { actor: null, via: 'franceconnect' },
        now,
      );
      await writeFacts(trx, userId, next, file.version, now);
      await journal(trx, {
        actor: null,
        action: 'update',
        subjectType: 'resident-file',
        subjectId: userId,
        reason: 'identité reçue de FranceConnect (prénom, nom de naissance, date de naissance)',
        requestId,
      });
    }
    await journal(trx, {
      actor: { id: userId, role: 'resident' },
      action: 'login',
      subjectType: 'user',
      subjectId: userId,
      reason: 'connexion par FranceConnect',
      requestId,
    });
    return { ok: true as const, userId };
  });
}
