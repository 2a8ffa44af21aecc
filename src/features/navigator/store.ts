// Queries of the navigator's reminders and erased links (the use-cases in reminders.ts and saved-answers.ts own
// the transactions). Saved answers' own queries are still in saved-answers.ts.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReminderChannel, ReminderKind, ReminderMessageStatus, ReminderStopReason } from './tables.ts';

/** A reminder subscription as it is written. */
export interface NewReminder {
  id: string;
  savedAnswersId: string;
  channel: ReminderChannel;
  contact: string;
  consentText: string;
  consentedAt: Date;
  stopTokenHash: string;
  linksSealed: string;
}

/** One message to send later. */
export interface NewReminderMessage {
  kind: ReminderKind;
  procedureId: string;
  procedureTitle: string | null;
  organisation: string | null;
  deadline: string | null;
  legal: boolean | null;
  place: string | null;
  sendAt: Date;
}

/** Inserts a reminder subscription. */
export async function insertReminder(db: Executor, reminder: NewReminder): Promise<void> {
  await db
    .insertInto('navigator_reminders')
    .values({
      id: reminder.id,
      saved_answers_id: reminder.savedAnswersId,
      channel: reminder.channel,
      contact: reminder.contact,
      consent_text: reminder.consentText,
      consented_at: reminder.consentedAt,
      stop_token_hash: reminder.stopTokenHash,
      links_sealed: reminder.linksSealed,
      stopped_at: null,
      stop_reason: null,
    })
    .execute();
}

/** Inserts the messages of a reminder; returns their ids with their send times, in the given order. */
export async function insertReminderMessages(
  db: Executor,
  reminderId: string,
  messages: NewReminderMessage[],
): Promise<{ id: string; sendAt: Date }[]> {
  if (messages.length === 0) return [];
  const rows = await db
    .insertInto('navigator_reminder_messages')
    .values(
      messages.map((m) => ({
        reminder_id: reminderId,
        kind: m.kind,
        procedure_id: m.procedureId,
        procedure_title: m.procedureTitle,
        organisation: m.organisation,
        deadline: m.deadline,
        legal: m.legal,
        place: m.place,
        send_at: m.sendAt,
        sent_at: null,
      })),
    )
    .returning(['id', 'send_at'])
    .execute();
  return rows.map((r) => ({ id: r.id, sendAt: new Date(r.send_at) }));
}

/** A message with what its delivery needs: the subscription and the saved answers it hangs on. */
export interface MessageForDelivery {
  id: string;
  kind: ReminderKind;
  procedureTitle: string | null;
  organisation: string | null;
  deadline: string | null;
  legal: boolean | null;
  place: string | null;
  status: ReminderMessageStatus;
  reminderId: string;
  channel: ReminderChannel;
  contact: string | null;
  linksSealed: string | null;
  stoppedAt: Date | null;
  lifeEvent: string;
  expiresAt: Date;
}

/** The message of a job, or undefined when it is gone (the saved answers were deleted). */
export async function messageForDelivery(
  db: Executor,
  messageId: string,
): Promise<MessageForDelivery | undefined> {
  const row = await db
    .selectFrom('navigator_reminder_messages as m')
    .innerJoin('navigator_reminders as r', 'r.id', 'm.reminder_id')
    .innerJoin('navigator_saved_answers as s', 's.id', 'r.saved_answers_id')
    .select([
      'm.id',
      'm.kind',
      'm.procedure_title',
      'm.organisation',
      'm.deadline',
      'm.legal',
      'm.place',
      'm.status',
      'r.id as reminder_id',
      'r.channel',
      'r.contact',
      'r.links_sealed',
      'r.stopped_at',
      's.life_event',
      's.expires_at',
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    kind: row.kind,
    procedureTitle: row.procedure_title,
    organisation: row.organisation,
    deadline: row.deadline,
    legal: row.legal,
    place: row.place,
    status: row.status,
    reminderId: row.reminder_id,
    channel: row.channel,
    contact: row.contact,
    linksSealed: row.links_sealed,
    stoppedAt: row.stopped_at ? new Date(row.stopped_at) : null,
    lifeEvent: row.life_event,
    expiresAt: new Date(row.expires_at),
  };
}

/** The procedure messages still to send of a reminder, by send time (what the welcome message announces). */
export async function pendingProcedureMessages(
  db: Executor,
  reminderId: string,
): Promise<{ procedureTitle: string; deadline: string; legal: boolean; sendAt: Date }[]> {
  const rows = await db
    .selectFrom('navigator_reminder_messages')
    .select(['procedure_title', 'deadline', 'legal', 'send_at'])
    .where('reminder_id', '=', reminderId)
    .where('kind', '<>', 'welcome')
    .where('status', '=', 'pending')
    .orderBy('send_at')
    .orderBy('procedure_id')
    .execute();
  return rows.map((r) => ({
    procedureTitle: r.procedure_title ?? '',
    deadline: r.deadline ?? '',
    legal: r.legal ?? false,
    sendAt: new Date(r.send_at),
  }));
}

/**
 * Marks a pending message sent, skipped or refused; returns false when it was no longer pending (another
 * delivery already settled it).
 */
export async function settleMessage(
  db: Executor,
  messageId: string,
  status: Exclude<ReminderMessageStatus, 'pending'>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('navigator_reminder_messages')
    .set({ status, sent_at: status === 'sent' ? at : null })
    .where('id', '=', messageId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Skips every message of a reminder still pending. */
export async function skipPendingMessages(db: Executor, reminderId: string): Promise<void> {
  await db
    .updateTable('navigator_reminder_messages')
    .set({ status: 'skipped' })
    .where('reminder_id', '=', reminderId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Stops a reminder and forgets the sealed links. A refusal keeps the contact until the resident has been told
 * (on the next visit of the private link); a stop at the resident's request forgets it at once.
 */
export async function stopReminder(
  db: Executor,
  reminderId: string,
  reason: ReminderStopReason,
  at: Date,
): Promise<void> {
  await db
    .updateTable('navigator_reminders')
    .set({
      stopped_at: at,
      stop_reason: reason,
      links_sealed: null,
      ...(reason === 'request' ? { contact: null } : {}),
    })
    .where('id', '=', reminderId)
    .where('stopped_at', 'is', null)
    .execute();
}

/** A reminder found by its stop link. */
export async function reminderByStopHash(
  db: Executor,
  stopTokenHash: string,
): Promise<
  | {
      id: string;
      channel: ReminderChannel;
      stoppedAt: Date | null;
      stopReason: ReminderStopReason | null;
      lifeEvent: string;
    }
  | undefined
> {
  const row = await db
    .selectFrom('navigator_reminders as r')
    .innerJoin('navigator_saved_answers as s', 's.id', 'r.saved_answers_id')
    .select(['r.id', 'r.channel', 'r.stopped_at', 'r.stop_reason', 's.life_event'])
    .where('r.stop_token_hash', '=', stopTokenHash)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        channel: row.channel,
        stoppedAt: row.stopped_at ? new Date(row.stopped_at) : null,
        stopReason: row.stop_reason,
        lifeEvent: row.life_event,
      }
    : undefined;
}

/** The reminder of saved answers, if they have one. */
export async function reminderOfSavedAnswers(
  db: Executor,
  savedAnswersId: string,
): Promise<
  | {
      id: string;
      channel: ReminderChannel;
      contact: string | null;
      stoppedAt: Date | null;
      stopReason: ReminderStopReason | null;
    }
  | undefined
> {
  const row = await db
    .selectFrom('navigator_reminders')
    .select(['id', 'channel', 'contact', 'stopped_at', 'stop_reason'])
    .where('saved_answers_id', '=', savedAnswersId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        channel: row.channel,
        contact: row.contact,
        stoppedAt: row.stopped_at ? new Date(row.stopped_at) : null,
        stopReason: row.stop_reason,
      }
    : undefined;
}

/** Forgets the contact of a stopped reminder (once the refusal has been told). */
export async function forgetReminderContact(db: Executor, reminderId: string): Promise<void> {
  await db
    .updateTable('navigator_reminders')
    .set({ contact: null })
    .where('id', '=', reminderId)
    .where('stopped_at', 'is not', null)
    .execute();
}

/** Deletes the reminder of saved answers (its messages go with it); returns its id when there was one. */
export async function deleteReminderOf(db: Executor, savedAnswersId: string): Promise<string | undefined> {
  const row = await db
    .deleteFrom('navigator_reminders')
    .where('saved_answers_id', '=', savedAnswersId)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Deletes the reminders whose private link has expired; returns their ids. */
export async function deleteRemindersOfExpiredLinks(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .deleteFrom('navigator_reminders')
    .where('saved_answers_id', 'in', (qb) =>
      qb.selectFrom('navigator_saved_answers').select('id').where('expires_at', '<=', now),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Records that a private link was erased at the resident's request (its hash only). */
export async function insertErasedLink(
  db: Executor,
  link: { tokenHash: string; lifeEvent: string; erasedAt: Date; purgeAfter: Date },
): Promise<void> {
  await db
    .insertInto('navigator_erased_links')
    .values({
      token_hash: link.tokenHash,
      life_event: link.lifeEvent,
      erased_at: link.erasedAt,
      purge_after: link.purgeAfter,
    })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/** An erased link by its hash. */
export async function erasedLinkByHash(
  db: Executor,
  tokenHash: string,
): Promise<{ lifeEvent: string; erasedAt: Date } | undefined> {
  const row = await db
    .selectFrom('navigator_erased_links')
    .select(['life_event', 'erased_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? { lifeEvent: row.life_event, erasedAt: new Date(row.erased_at) } : undefined;
}

/** Deletes the tombstones whose time is over; returns how many. */
export async function purgeErasedLinks(db: Executor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('navigator_erased_links')
    .where('purge_after', '<', sql<Date>`${now}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether a private link (by hash) still resumes answers at `now`. */
export async function savedLinkIsLive(db: Executor, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('navigator_saved_answers')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}
