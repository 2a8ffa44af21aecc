// The background work of cases, run by the durable jobs: deadline reminders and manager alerts (hourly),
// erasure of old personal data (nightly), weekly digests, and the resident's consent confirmation.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { deleteFilesOf } from '../../platform/files/files.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { addWorkingDays } from './working-days.ts';
import {
  agentsOf,
  caseReference,
  closedCasesToErase,
  confirmConsentRow,
  consentByTokenHash,
  consentForConfirmation,
  digestCounts,
  digestRecipients,
  eraseCaseRows,
  recipientById,
  setConfirmationTokenHash,
  updateParticipation,
  waitingParticipations,
} from './store.ts';
import { notify } from './notify.ts';
import { hashConfirmationToken } from './open-case.ts';
import type { CaseSettings } from './settings.ts';

/** Organisations that have not answered in time are reminded; after as many working days again, their managers are alerted. */
export async function runDeadlines(
  db: Db,
  settings: CaseSettings,
  publicUrl: string,
  now: Date,
): Promise<{ reminded: number; alerted: number }> {
  // Working days are at least calendar days: only rows invited that long ago can be late.
  const horizon = new Date(now.getTime() - settings.reminderWorkingDays * 86400_000);
  const waiting = await waitingParticipations(db, horizon, 1000);
  let reminded = 0;
  let alerted = 0;
  for (const p of waiting) {
    const remindAt = addWorkingDays(new Date(p.invited_at), settings.reminderWorkingDays);
    if (!p.reminded_at) {
      if (remindAt > now) continue;
      await db.transaction().execute(async (trx) => {
        const assignee = p.assignee_id ? await recipientById(trx, p.assignee_id) : undefined;
        await notify(
          trx,
          publicUrl,
          assignee ? [assignee] : await agentsOf(trx, p.organisation_id, ['partnerAgent']),
          'reminder',
          p.case_id,
          p.organisation_id,
        );
        await updateParticipation(trx, p.case_id, p.organisation_id, { reminded_at: now });
      });
      reminded++;
    } else if (addWorkingDays(new Date(p.reminded_at), settings.reminderWorkingDays) <= now) {
      await db.transaction().execute(async (trx) => {
        await notify(
          trx,
          publicUrl,
          await agentsOf(trx, p.organisation_id, ['organisationManager']),
          'alert',
          p.case_id,
          p.organisation_id,
        );
        await updateParticipation(trx, p.case_id, p.organisation_id, { escalated_at: now });
      });
      alerted++;
    }
  }
  return { reminded, alerted };
}

/** The cut-off date before which closed cases lose their personal data. */
export function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * Erases the personal data of one case, in the caller's transaction: identity, numbers, question, outcome,
 * message texts, files, the consent's contact and scope. Statuses, dates, organisations, the life event and
 * usefulness stay for the statistics. Used by the nightly retention job and by the resident's request.
 */
export async function erasePersonalData(trx: Executor, caseId: string, now: Date): Promise<void> {
  await eraseCaseRows(trx, caseId, now);
  await deleteFilesOf(trx, { type: 'case', id: caseId });
}

/**
 * Erases the personal data of cases closed for longer than the retention period (see `erasePersonalData`).
 * Each case is one transaction with its journal entry.
 */
export async function eraseExpiredPersonalData(db: Db, settings: CaseSettings, now: Date): Promise<number> {
  const cutoff = retentionCutoff(now, settings.retentionMonths);
  const due = await closedCasesToErase(db, cutoff, 500);
  for (const id of due) {
    await db.transaction().execute(async (trx) => {
      await erasePersonalData(trx, id, now);
      await journal(trx, {
        actor: null,
        action: 'delete',
        subjectType: 'case',
        subjectId: id,
        reason: 'effacement à l’échéance de conservation',
      });
    });
  }
  return due.length;
}

/** Weekly digest: each agent who wants it gets the count of open cases of their organisation and those waiting for it. */
export async function sendWeeklyDigests(db: Db, publicUrl: string, periodKey: string): Promise<number> {
  const agents = await digestRecipients(db);
  let sent = 0;
  for (const a of agents) {
    if (a.volume === 'minimum') continue;
    const { open, waiting } = await digestCounts(db, a.organisationId);
    if (open === 0) continue;
    const text = [
      `Bonjour ${a.displayName},`,
      '',
      `Cette semaine, votre organisme a ${open} saisine(s) ouverte(s), dont ${waiting} attend(ent) sa première réponse.`,
      `Votre boîte de réception : ${publicUrl}/dossiers`,
      '',
      `Pour recevoir moins de courriels : ${publicUrl}/parametres/courriels`,
    ].join('\n');
    if (
      (await queueMail(
        db,
        { to: a.email, subject: 'Vos saisines de la semaine', text },
        `digest:${periodKey}:${a.id}`,
      )) != null
    )
      sent++;
  }
  return sent;
}

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
    !consent.contact ||
    (consent.kind !== 'email' && consent.kind !== 'sms')
  )
    return;
  const token = randomBytes(24).toString('base64url');
  await setConfirmationTokenHash(db, consentId, hashConfirmationToken(token));
  const text = `Votre aidant France Services a ouvert un dossier ${caseReference(consent.case_id)} pour vous. Confirmez votre accord ici : ${publicUrl}/consentement/${token}`;
  await provider.send(consent.kind, consent.contact, text);
}

/** The resident confirms their consent with the link's token; returns false when the token is unknown. */
export async function confirmConsent(db: Db, token: string, now: Date): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return false;
  const hash = hashConfirmationToken(token);
  return db.transaction().execute(async (trx) => {
    const consent = await consentByTokenHash(trx, hash);
    if (!consent) return false;
    if (!consent.confirmed_at) {
      await confirmConsentRow(trx, consent.id, now);
      await journal(trx, {
        actor: null,
        action: 'update',
        subjectType: 'consent',
        subjectId: consent.id,
        reason: 'confirmation du consentement par l’usager',
      });
    }
    return true;
  });
}
