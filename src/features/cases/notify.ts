// The mails of the cases feature to agents. They carry the case reference and a link, never the resident's
// identity or the question: personal data stays behind the login and the journal.
import type { Executor } from '../../platform/db/database.ts';
import type { Recipient } from './store.ts';
import { caseReference, recipientById, sharedMailboxOf, workersOf } from './store.ts';
import { queueMail } from '../../platform/jobs/mail.ts';

/** Why a mail is sent; "reminder", "alert" and delivery problems go out whatever the volume chosen. */
export type MailReason =
  | 'invited'
  | 'answered'
  | 'not-concerned'
  | 'question'
  | 'message'
  | 'closed'
  | 'reminder'
  | 'alert'
  | 'consent-refused'
  | 'consent-undelivered';

const always = new Set<MailReason>(['reminder', 'alert', 'consent-refused', 'consent-undelivered']);

/** Whether a recipient wants this mail. */
export function wants(recipient: Recipient, reason: MailReason): boolean {
  if (always.has(reason)) return true;
  return recipient.volume === 'immediate';
}

const subjects: Record<MailReason, string> = {
  invited: 'Une saisine vous attend',
  answered: 'Une réponse sur votre saisine',
  'not-concerned': 'Un organisme n’est pas le bon interlocuteur pour votre saisine',
  question: 'Un partenaire vous demande une information',
  message: 'Nouveau message sur une saisine',
  closed: 'Une saisine est close',
  reminder: 'Relance : une saisine attend votre réponse',
  alert: 'Alerte : une saisine reste sans réponse dans votre organisme',
  'consent-refused': 'L’usager a refusé le partage : la saisine est close',
  'consent-undelivered': 'Le message de confirmation n’a pas pu être remis à l’usager',
};

/** Queues one mail per recipient who wants it; `eventKey` makes the mails of one event unique. */
export async function notify(
  db: Executor,
  publicUrl: string,
  recipients: Recipient[],
  reason: MailReason,
  caseId: string,
  eventKey: string,
): Promise<number> {
  let queued = 0;
  for (const r of recipients) {
    if (!wants(r, reason)) continue;
    const text = [
      `Bonjour ${r.displayName},`,
      '',
      `${subjects[reason]} : dossier ${caseReference(caseId)}.`,
      `Consultez-le ici (connexion nécessaire) : ${publicUrl}/dossiers/${caseId}`,
      '',
      r.id.startsWith('mailbox:')
        ? 'Vous recevez ce courriel à la boîte partagée de votre organisme.'
        : `Vous pouvez choisir combien de courriels recevoir : ${publicUrl}/parametres/courriels`,
    ].join('\n');
    const id = await queueMail(
      db,
      { to: r.email, subject: `${subjects[reason]} (${caseReference(caseId)})`, text },
      `${reason}:${caseId}:${eventKey}:${r.id}`,
    );
    if (id != null) queued++;
  }
  return queued;
}

/**
 * Who hears about a case for an organisation: the agent holding it when there is one, otherwise every agent who
 * works on cases there (partner agents and helpers alike: a town hall's agents are helpers), and the
 * organisation's shared mailbox when it has one.
 */
export async function organisationRecipients(
  db: Executor,
  organisationId: string,
  assigneeId: string | null,
): Promise<Recipient[]> {
  const assignee = assigneeId ? await recipientById(db, assigneeId) : undefined;
  const people = assignee ? [assignee] : await workersOf(db, organisationId);
  const mailbox = await sharedMailboxOf(db, organisationId);
  return mailbox ? [...people, mailbox] : people;
}
