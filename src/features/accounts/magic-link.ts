// Login by magic link: a single-use token, stored hashed, valid 30 minutes, mailed to the address. The link
// opens a confirmation page; only its POST uses the token, so that mail scanners that follow links cannot.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { isRole, type Role } from '../../platform/auth/roles.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import {
  activateAccount,
  findAccount,
  findAccountByEmail,
  findLoginToken,
  insertLoginToken,
  useLoginToken,
} from './store.ts';

/** How long a login link stays valid. */
export const loginLinkMinutes = 30;
/** How long the link of an invitation mail stays valid: people do not read mail within 30 minutes. */
export const invitationLinkDays = 7;

/** The link a token opens. */
export function loginLink(config: Config, token: string): string {
  return `${config.publicUrl}/connexion/lien?jeton=${encodeURIComponent(token)}`;
}

/** Creates a login token for a user; returns the raw token (only its hash is stored). */
export async function createLoginToken(
  db: Db | Parameters<typeof insertLoginToken>[0],
  userId: string,
  validForMs: number,
): Promise<string> {
  const token = newToken();
  await insertLoginToken(db, {
    tokenHash: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + validForMs),
  });
  return token;
}

/**
 * Sends a login link when the address has an account that may log in; does nothing otherwise. The caller
 * answers the same way in both cases, so that nobody learns which addresses have an account.
 */
export async function requestMagicLink(
  deps: { db: Db; mailer: Mailer; config: Config; log: FastifyBaseLogger },
  email: string,
): Promise<void> {
  const { db, mailer, config, log } = deps;
  const account = await findAccountByEmail(db, email);
  if (!account || account.status === 'disabled') return;
  const token = await createLoginToken(db, account.id, loginLinkMinutes * 60_000);
  const link = loginLink(config, token);
  // Development only: the link on the console saves a trip to the mailbox. Never in production or tests.
  if (config.env === 'development') log.info({ loginLink: link }, 'lien de connexion (développement)');
  await mailer.send({
    to: account.email,
    subject: 'Votre lien de connexion à Sans Couture',
    text: [
      `Bonjour ${account.displayName},`,
      '',
      `Pour vous connecter à Sans Couture, ouvrez ce lien (valable ${loginLinkMinutes} minutes, une seule fois) :`,
      link,
      '',
      'Si vous n’avez pas demandé à vous connecter, ignorez ce message : personne ne peut utiliser ce lien sans votre boîte mail.',
    ].join('\n'),
  });
}

/** Why a link cannot be used. */
export type LinkProblem = 'unknown' | 'expired' | 'used' | 'foreign' | 'disabled';

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/** Checks a link without using it (the confirmation page). */
export async function checkMagicLink(
  db: Db,
  token: string | undefined,
  currentUserId: string | null,
): Promise<LinkProblem | null> {
  if (!token || !tokenShape.test(token)) return 'unknown';
  const row = await findLoginToken(db, hashToken(token));
  if (!row) return 'unknown';
  if (currentUserId && row.user_id !== currentUserId) return 'foreign';
  if (row.used_at) return 'used';
  if (new Date(row.expires_at).getTime() <= Date.now()) return 'expired';
  return null;
}

/**
 * Uses a link: marks the token used, activates an invited account, journals the login, all in one
 * transaction. Returns the user to open a session for, or the problem.
 */
export async function consumeMagicLink(
  db: Db,
  token: string | undefined,
  currentUserId: string | null,
  requestId: string,
): Promise<{ ok: true; userId: string; role: Role } | { ok: false; problem: LinkProblem }> {
  const problem = await checkMagicLink(db, token, currentUserId);
  if (problem) return { ok: false, problem };
  const tokenHash = hashToken(token!);
  return db.transaction().execute(async (trx) => {
    const userId = await useLoginToken(trx, tokenHash);
    // Lost a race with another use of the same link: it is used now.
    if (!userId) return { ok: false as const, problem: 'used' as const };
    const account = await findAccount(trx, userId);
    if (!account || account.status === 'disabled' || !isRole(account.role))
      return { ok: false as const, problem: 'disabled' as const };
    await activateAccount(trx, userId);
    const actor = { id: userId, role: account.role };
    await journal(trx, {
      actor,
      action: 'login',
      subjectType: 'user',
      subjectId: userId,
      reason: 'connexion par lien magique',
      requestId,
    });
    return { ok: true as const, userId, role: account.role };
  });
}

/** Journals a logout. */
export async function recordLogout(
  db: Db,
  actor: { id: string; role: Role },
  requestId: string,
): Promise<void> {
  await withPersonalData(
    db,
    { actor, action: 'logout', subjectType: 'user', subjectId: actor.id, reason: 'déconnexion', requestId },
    async () => undefined,
  );
}
