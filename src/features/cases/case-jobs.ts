// The background work of cases, run by the durable jobs: deadline reminders and manager alerts (hourly),
// erasure of old personal data (nightly), weekly digests, and the resident's consent confirmation.
import type { Db, Executor } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { deleteFilesOf } from '../../platform/files/files.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { addWorkingDays } from './working-days.ts';
import {
  agentsOf,
  closedCasesToErase,
  digestCounts,
  digestRecipients,
  eraseCaseRows,
  updateParticipation,
  waitingParticipations,
} from './store.ts';
import { notify, organisationRecipients } from './notify.ts';
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
        await notify(
          trx,
          publicUrl,
          await organisationRecipients(trx, p.organisation_id, p.assignee_id),
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
      `Cette semaine, ${digestSentence(open, waiting)}`,
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

/** The digest's sentence, in French agreed in number ("1 saisine ouverte, qui attend…", "aucune n’attend…"). */
export function digestSentence(open: number, waiting: number): string {
  const opened = open === 1 ? 'une saisine ouverte' : `${open} saisines ouvertes`;
  const waits =
    waiting === 0
      ? open === 1
        ? 'elle n’attend pas sa première réponse'
        : 'aucune n’attend sa première réponse'
      : open === 1
        ? 'elle attend sa première réponse'
        : waiting === 1
          ? 'dont une attend sa première réponse'
          : `dont ${waiting} attendent leur première réponse`;
  return `votre organisme a ${opened}${waits.startsWith('dont') ? ', ' : ' : '}${waits}.`;
}
