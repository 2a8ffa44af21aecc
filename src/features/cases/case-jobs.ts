// The background work of cases, run by the durable jobs: deadline reminders and manager alerts (hourly),
// erasure of old personal data (nightly), weekly digests, and the resident's consent confirmation.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { journal } from '../../platform/audit.ts';
import { deleteFilesOf } from '../../platform/files/files.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { addWorkingDays } from './working-days.ts';
import { agentsOf, caseReference, recipientById, type Executor } from './store.ts';
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
  const waiting = await db
    .selectFrom('case_participants')
    .innerJoin('cases', 'cases.id', 'case_participants.case_id')
    .select([
      'case_participants.case_id',
      'case_participants.organisation_id',
      'case_participants.invited_at',
      'case_participants.reminded_at',
      'case_participants.escalated_at',
      'case_participants.assignee_id',
    ])
    .where('case_participants.first_answer_at', 'is', null)
    .where('case_participants.done_at', 'is', null)
    .where('case_participants.escalated_at', 'is', null)
    .where('case_participants.invited_at', '<=', horizon)
    .where('cases.status', '<>', 'closed')
    .limit(1000)
    .execute();
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
        await trx
          .updateTable('case_participants')
          .set({ reminded_at: now })
          .where('case_id', '=', p.case_id)
          .where('organisation_id', '=', p.organisation_id)
          .execute();
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
        await trx
          .updateTable('case_participants')
          .set({ escalated_at: now })
          .where('case_id', '=', p.case_id)
          .where('organisation_id', '=', p.organisation_id)
          .execute();
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
  await trx
    .updateTable('cases')
    .set({
      resident_first_name: null,
      resident_last_name: null,
      resident_birth_date: null,
      caf_number: null,
      social_security_number: null,
      tax_number: null,
      question: null,
      outcome: null,
      personal_data_erased_at: now,
    })
    .where('id', '=', caseId)
    .execute();
  await trx.updateTable('case_messages').set({ body: null }).where('case_id', '=', caseId).execute();
  await trx
    .updateTable('case_consents')
    .set({ contact: null, scope: null, confirmation_token_hash: null })
    .where('case_id', '=', caseId)
    .execute();
  await trx.deleteFrom('case_attachments').where('case_id', '=', caseId).execute();
  await deleteFilesOf(trx, { type: 'case', id: caseId });
}

/**
 * Erases the personal data of cases closed for longer than the retention period (see `erasePersonalData`).
 * Each case is one transaction with its journal entry.
 */
export async function eraseExpiredPersonalData(db: Db, settings: CaseSettings, now: Date): Promise<number> {
  const cutoff = retentionCutoff(now, settings.retentionMonths);
  const due = await db
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_at', '<', cutoff)
    .where('personal_data_erased_at', 'is', null)
    .limit(500)
    .execute();
  for (const { id } of due) {
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
  const agents = await db
    .selectFrom('users')
    .leftJoin('user_mail_settings', 'user_mail_settings.user_id', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.organisation_id',
      'user_mail_settings.volume',
    ])
    .where('users.status', '=', 'active')
    .where('users.role', 'in', ['helper', 'partnerAgent', 'organisationManager'])
    .where('users.organisation_id', 'is not', null)
    .execute();
  let sent = 0;
  for (const a of agents) {
    if ((a.volume ?? 'immediate') === 'minimum') continue;
    const counts = await sql<{ open: number; waiting: number }>`
      select
        (select count(*) from case_participants p join cases c on c.id = p.case_id
           where p.organisation_id = ${a.organisation_id} and c.status <> 'closed')
        + (select count(*) from cases c where c.helper_organisation_id = ${a.organisation_id} and c.status <> 'closed') as open,
        (select count(*) from case_participants p join cases c on c.id = p.case_id
           where p.organisation_id = ${a.organisation_id} and c.status <> 'closed' and p.first_answer_at is null and p.done_at is null) as waiting
    `.execute(db);
    const { open, waiting } = counts.rows[0] ?? { open: 0, waiting: 0 };
    if (Number(open) === 0) continue;
    const text = [
      `Bonjour ${a.display_name},`,
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
  const consent = await db
    .selectFrom('case_consents')
    .select(['id', 'case_id', 'kind', 'contact', 'confirmed_at', 'expires_on'])
    .where('id', '=', consentId)
    .executeTakeFirst();
  if (
    !consent ||
    consent.confirmed_at ||
    !consent.contact ||
    (consent.kind !== 'email' && consent.kind !== 'sms')
  )
    return;
  const token = randomBytes(24).toString('base64url');
  await db
    .updateTable('case_consents')
    .set({ confirmation_token_hash: hashConfirmationToken(token) })
    .where('id', '=', consentId)
    .execute();
  const text = `Votre aidant France Services a ouvert un dossier ${caseReference(consent.case_id)} pour vous. Confirmez votre accord ici : ${publicUrl}/consentement/${token}`;
  await provider.send(consent.kind, consent.contact, text);
}

/** The resident confirms their consent with the link's token; returns false when the token is unknown. */
export async function confirmConsent(db: Db, token: string, now: Date): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return false;
  const hash = hashConfirmationToken(token);
  return db.transaction().execute(async (trx) => {
    const consent = await trx
      .selectFrom('case_consents')
      .select(['id', 'case_id', 'confirmed_at'])
      .where('confirmation_token_hash', '=', hash)
      .executeTakeFirst();
    if (!consent) return false;
    if (!consent.confirmed_at) {
      await trx
        .updateTable('case_consents')
        .set({ confirmed_at: now })
        .where('id', '=', consent.id)
        .execute();
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
