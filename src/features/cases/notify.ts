// The mails of the cases feature. They carry the case reference and a link, never the resident's identity
// or the question: personal data stays behind the login and the journal.
import type { Executor, Recipient } from './store.ts';
import { caseReference } from './store.ts';
import { queueMail } from '../../platform/jobs/mail.ts';

/** Why a mail is sent; "reminder" and "alert" go out whatever the volume chosen. */
export type MailReason = 'invited' | 'answered' | 'question' | 'message' | 'reminder' | 'alert';

/** Whether a recipient wants this mail. */
export function wants(recipient: Recipient, reason: MailReason): boolean {
  if (reason === 'reminder' || reason === 'alert') return true;
  return recipient.volume === 'immediate';
}

const subjects: Record<MailReason, string> = {
  invited: 'Une saisine vous attend',
  answered: 'Une réponse sur votre saisine',
  question: 'Un partenaire vous demande une information',
  message: 'Nouveau message sur une saisine',
  reminder: 'Relance : une saisine attend votre réponse',
  alert: 'Alerte : une saisine reste sans réponse dans votre organisme',
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
      `Vous pouvez choisir combien de courriels recevoir : ${publicUrl}/parametres/courriels`,
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
