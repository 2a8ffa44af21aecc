// The resident's consent in time. An e-mail or SMS consent is a message with a link: the page behind it names
// who asks (the helper and their organisation), the organisations invited, what is shared and until when, and
// offers "j’accepte" and "je refuse". Until the resident accepts, the invited organisations may neither read nor
// write (access.ts) and are not told; accepting tells them, refusing closes the case and erases its personal
// data. A message the mail server refuses, or that cannot leave, is told to the helper.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { todayInParis } from '../../platform/dates.ts';
import { hashConfirmationToken, notifyInvitedOrganisations } from './open-case.ts';
import { erasePersonalData } from './case-jobs.ts';
import { notify } from './notify.ts';
import {
  caseCreatorId,
  caseReference,
  confirmConsentRow,
  consentForConfirmation,
  consentLink,
  insertEvent,
  participations,
  recipientById,
  recordConsentDeliveryFailure,
  recordConsentRefusal,
  recordErasureOutcome,
  setCaseConsentStatus,
  setConfirmationTokenHash,
  touchCase,
} from './store.ts';

/** Sends the resident a message to confirm consent (e-mail or SMS), through a provider. */
export interface ConsentProvider {
  send(channel: 'email' | 'sms', to: string, text: string): Promise<void>;
}

/** The development SMS provider: it logs the message and its link (development only), never the number. */
export function loggingConsentProvider(log: FastifyBaseLogger): ConsentProvider {
  return {
    send: async (channel, _to, text) => {
      log.info({ channel, text }, 'consent confirmation (development provider, nothing sent)');
    },
  };
}

/** How many times the confirmation message is tried before the helper is told it could not leave. */
export const confirmationAttempts = 5;

/** Makes a fresh confirmation token for a consent and sends its link to the resident. */
export async function sendConsentConfirmation(
  db: Db,
  provider: ConsentProvider,
  publicUrl: string,
  consentId: string,
): Promise<void> {
  const consent = await consentForConfirmation(db, consentId);
  if (
    !consent ||
    consent.confirmed_at ||
    consent.refused_at ||
    !consent.contact ||
    (consent.kind !== 'email' && consent.kind !== 'sms')
  )
    return;
  const token = randomBytes(24).toString('base64url');
  await setConfirmationTokenHash(db, consentId, hashConfirmationToken(token));
  const link = `${publicUrl}/consentement/${token}`;
  const place = consent.site_name ?? consent.helper_organisation;
  const text =
    consent.kind === 'sms'
      ? `Sans Couture : ${place} a ouvert le dossier ${caseReference(consent.case_id)} pour vous. Acceptez ou refusez le partage de vos informations ici : ${link}`
      : [
          'Bonjour,',
          '',
          `${consent.helper_name ?? 'Votre aidant'}, à ${place}, a ouvert un dossier pour vous (référence ${caseReference(consent.case_id)}) et souhaite partager vos informations avec les organismes qui peuvent régler votre situation.`,
          '',
          `Rien n’est partagé avant votre réponse. Pour voir avec qui, quoi et jusqu’à quand, puis accepter ou refuser :`,
          link,
          '',
          'Sans Couture, le service public sans couture du bassin de vie.',
        ].join('\n');
  await provider.send(consent.kind, consent.contact, text);
}

/**
 * The confirmation message could not reach the resident (the mail server refused the address, or every attempt
 * failed): the consent says so, the thread says so, and the helper who opened the case gets a mail.
 */
export async function reportUndeliveredConfirmation(
  db: Db,
  publicUrl: string,
  consentId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const caseId = await recordConsentDeliveryFailure(trx, consentId, now);
    if (!caseId) return;
    await insertEvent(
      trx,
      caseId,
      { id: null, organisationId: null },
      'Le message de confirmation n’a pas pu être remis à l’usager : vérifiez son adresse ou son numéro, ou recueillez un mandat signé.',
      now,
    );
    await touchCase(trx, caseId, now, { last_message_at: now });
    await tellHelper(trx, publicUrl, caseId, 'consent-undelivered', consentId);
  });
}

async function tellHelper(
  db: Executor,
  publicUrl: string,
  caseId: string,
  reason: 'consent-refused' | 'consent-undelivered',
  key: string,
): Promise<void> {
  const creator = await caseCreatorId(db, caseId);
  const helper = creator ? await recipientById(db, creator) : undefined;
  if (helper) await notify(db, publicUrl, [helper], reason, caseId, key);
}

/** What the resident's page shows: who asks, with whom, what, until when. No identity, no question. */
export interface ConsentSummary {
  reference: string;
  helperName: string | null;
  helperOrganisation: string;
  siteName: string | null;
  organisations: string[];
  scope: string | null;
  givenOn: string;
  expiresOn: string;
  confirmedAt: Date | null;
  refusedAt: Date | null;
}

/** The state of a consent link. */
export type ConsentLinkState =
  { state: 'unknown' } | { state: 'ask' | 'confirmed' | 'refused' | 'expired'; summary: ConsentSummary };

const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

function stateOf(summary: ConsentSummary, today: string): ConsentLinkState {
  if (summary.refusedAt) return { state: 'refused', summary };
  if (summary.confirmedAt) return { state: 'confirmed', summary };
  if (summary.expiresOn < today) return { state: 'expired', summary };
  return { state: 'ask', summary };
}

/** The resident opens the link: what the page shows. The reading of the consent is journaled. */
export async function readConsentLink(db: Db, token: string, now: Date): Promise<ConsentLinkState> {
  if (!tokenPattern.test(token)) return { state: 'unknown' };
  return db.transaction().execute(async (trx) => {
    const found = await consentLink(trx, hashConfirmationToken(token), false);
    if (!found) return { state: 'unknown' as const };
    await journal(trx, {
      actor: null,
      action: 'read',
      subjectType: 'consent',
      subjectId: found.consentId,
      reason: 'consultation du consentement par l’usager',
    });
    return stateOf(found.summary, todayInParis(now));
  });
}

/**
 * The resident answers. "Accord": the consent is confirmed and the invited organisations are let in and told.
 * "Refus": the case is closed and its personal data erased, the helper is told. A link already answered, or
 * expired, changes nothing and says why.
 */
export async function answerConsent(
  db: Db,
  publicUrl: string,
  token: string,
  answer: 'accord' | 'refus',
  now: Date,
): Promise<{ link: ConsentLinkState; changed: boolean }> {
  if (!tokenPattern.test(token)) return { link: { state: 'unknown' }, changed: false };
  const hash = hashConfirmationToken(token);
  return db.transaction().execute(async (trx) => {
    const found = await consentLink(trx, hash, true);
    if (!found) return { link: { state: 'unknown' as const }, changed: false };
    const before = stateOf(found.summary, todayInParis(now));
    if (before.state !== 'ask') return { link: before, changed: false };
    const { caseId, consentId } = found;
    const resident = { id: null, organisationId: null };
    if (answer === 'accord') {
      await confirmConsentRow(trx, consentId, now);
      await setCaseConsentStatus(trx, caseId, 'given');
      await insertEvent(trx, caseId, resident, 'L’usager a confirmé son accord au partage.', now);
      await touchCase(trx, caseId, now, { last_message_at: now });
      await journal(trx, {
        actor: null,
        action: 'update',
        subjectType: 'consent',
        subjectId: consentId,
        reason: 'confirmation du consentement par l’usager',
      });
      const invited = (await participations(trx, caseId)).map((p) => p.organisationId);
      await notifyInvitedOrganisations(trx, publicUrl, caseId, invited);
      return {
        link: { state: 'confirmed' as const, summary: { ...found.summary, confirmedAt: now } },
        changed: true,
      };
    }
    await recordConsentRefusal(trx, consentId, now);
    await setCaseConsentStatus(trx, caseId, 'refused');
    await erasePersonalData(trx, caseId, now);
    // The link keeps answering "vous avez refusé" (the hash of a random token is no personal data).
    await setConfirmationTokenHash(trx, consentId, hash);
    await recordErasureOutcome(trx, caseId, consentRefusedOutcome, now);
    await insertEvent(
      trx,
      caseId,
      resident,
      'L’usager a refusé le partage de ses informations : le dossier est clos et ses données personnelles effacées.',
      now,
    );
    await touchCase(trx, caseId, now, { status: 'closed', last_message_at: now });
    await journal(trx, {
      actor: null,
      action: 'delete',
      subjectType: 'case',
      subjectId: caseId,
      reason: 'refus du consentement par l’usager',
    });
    await tellHelper(trx, publicUrl, caseId, 'consent-refused', consentId);
    return {
      link: { state: 'refused' as const, summary: { ...found.summary, scope: null, refusedAt: now } },
      changed: true,
    };
  });
}

/** The outcome written on a case the resident refused. */
export const consentRefusedOutcome = 'Consentement refusé par l’usager : dossier clos, données effacées.';
