// The resident is told at each step of their case — opening, each answer, closing — by the channel of their
// consent: a mail or an SMS to the address or number they gave, otherwise a letter the helper prints and hands
// over. Plain French, no jargon; the message names organisations and the case reference, never the content of
// the exchanges (internal notes least of all).
import type { Executor } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { caseReference, insertNotice, noticeFacts, type NoticeFacts } from './store.ts';
import type { NoticeChannel, NoticeStep } from './tables.ts';

/** How the resident is reached, and where. */
export type ResidentChannel = { channel: 'email' | 'sms'; to: string } | { channel: 'letter'; to: null };

const mobile = /^(\+33|0033|0)[67]\d{8}$/;

/** The channel of a case: the consent's own (e-mail, SMS), else the resident's e-mail, else a mobile number, else a letter. */
export function channelOf(
  f: Pick<NoticeFacts, 'consentKind' | 'consentContact' | 'email' | 'phone'>,
): ResidentChannel {
  if ((f.consentKind === 'email' || f.consentKind === 'sms') && f.consentContact)
    return { channel: f.consentKind, to: f.consentContact };
  if (f.email) return { channel: 'email', to: f.email };
  const phone = f.phone?.replace(/[\s.-]/g, '');
  if (phone && mobile.test(phone)) return { channel: 'sms', to: phone };
  return { channel: 'letter', to: null };
}

/** What happened, for the message. */
export type NoticeEvent =
  { step: 'opened' } | { step: 'answered'; organisation: string } | { step: 'closed' };

/** The text of a notice, plain French; SMS are one short paragraph. */
export function noticeText(f: NoticeFacts, event: NoticeEvent, channel: NoticeChannel): string {
  const ref = caseReference(f.caseId);
  const place = f.siteName ?? f.helperOrganisation;
  const helper = f.helperName ? `${f.helperName}, à ${place},` : `Votre aidant, à ${place},`;
  if (channel === 'sms') {
    switch (event.step) {
      case 'opened':
        return `Sans Couture : votre dossier ${ref} est transmis à ${f.organisations.join(', ')}. Votre aidant (${place}) vous tiendra au courant.`;
      case 'answered':
        return `Sans Couture : ${event.organisation} a répondu sur votre dossier ${ref}. Votre aidant (${place}) vous en dira plus.`;
      case 'closed':
        return `Sans Couture : votre dossier ${ref} est clos. Une question ? Adressez-vous à ${place}.`;
    }
  }
  const lines = ['Bonjour,', ''];
  switch (event.step) {
    case 'opened':
      lines.push(
        `${helper} a transmis votre demande à : ${f.organisations.join(', ')}.`,
        `Votre dossier porte la référence ${ref}. Ces organismes vont l’étudier et répondre à votre aidant.`,
        'Vous n’avez rien à faire pour le moment : votre aidant vous tiendra au courant.',
      );
      break;
    case 'answered':
      lines.push(
        `${event.organisation} a répondu sur votre dossier ${ref}.`,
        `${helper} vous en dira plus. Sans nouvelles de sa part dans la semaine, contactez-le.`,
      );
      break;
    case 'closed':
      lines.push(
        `Votre dossier ${ref} est clos.`,
        `Si votre situation n’est pas réglée, adressez-vous à ${place} : votre aidant peut rouvrir le dossier.`,
      );
      break;
  }
  lines.push('', 'Sans Couture, le service public sans couture du bassin de vie.');
  return lines.join('\n');
}

const mailSubjects: Record<NoticeStep, string> = {
  opened: 'Votre dossier est transmis',
  answered: 'Une réponse sur votre dossier',
  closed: 'Votre dossier est clos',
};

/**
 * Tells the resident of a step, in the caller's transaction: a mail or an SMS goes out through a durable job, a
 * letter waits on the case page for the helper to print. Nothing when the consent is refused or still waits for
 * the resident (the confirmation message itself tells them of the opening). `eventKey` makes it happen once.
 */
export async function tellResident(
  db: Executor,
  caseId: string,
  event: NoticeEvent,
  eventKey: string,
  now: Date,
): Promise<void> {
  const facts = await noticeFacts(db, caseId);
  if (!facts || facts.consentStatus !== 'given' || facts.erased) return;
  const reach = channelOf(facts);
  const body = noticeText(facts, event, reach.channel);
  const noticeId = await insertNotice(db, { caseId, step: event.step, channel: reach.channel, body, now });
  if (reach.channel === 'email') {
    await queueMail(
      db,
      { to: reach.to, subject: `${mailSubjects[event.step]} (${caseReference(caseId)})`, text: body },
      `resident:${event.step}:${caseId}:${eventKey}`,
    );
  } else if (reach.channel === 'sms') {
    await enqueue(
      db,
      residentSmsJobKind,
      { noticeId },
      { idempotencyKey: `resident-sms:${event.step}:${caseId}:${eventKey}`, maxAttempts: 6 },
    );
  }
}

export const residentSmsJobKind = 'cases.resident-sms';
