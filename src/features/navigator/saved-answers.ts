// Saving answers for later: a private link carries a random token, the database keeps only its hash, the answers
// and an expiry (a month after the plan's last deadline, see reminders.ts `linkExpiry`), and, when the resident
// asked for them, the reminders. Every write and read goes through the audit journal (the answers are personal
// data). A link erased at the resident's request leaves its hash behind for a while, so that it can say so.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { isLifeEventId, type LifeEventId } from './life-events.ts';
import type { Answers } from './questions.ts';
import {
  createReminders,
  linkExpiresAt,
  minLinkDays,
  takeRefusalNotice,
  type PlannedReminder,
  type RefusalNotice,
  type ReminderChoice,
} from './reminders.ts';
import {
  deleteReminderOf,
  deleteRemindersOfExpiredLinks,
  erasedLinkByHash,
  insertErasedLink,
  purgeErasedLinks,
} from './store.ts';

/** How long a private link works when nothing else is said: long enough to find a missing paper. */
export const savedAnswersDays = minLinkDays;

type Actor = { id: string; role: Role } | null;

/** How long the link lives and, when asked for, the reminders to send (see reminders.ts). */
export interface SaveOptions {
  /** The last day the link works (YYYY-MM-DD); default: `savedAnswersDays` from now. */
  expiresOn?: string;
  reminders?: { choice: ReminderChoice; schedule: PlannedReminder[]; filesKey: Buffer };
}

/**
 * Saves the answers (and the reminders asked for, in the same transaction) and returns the raw token of the
 * private link (shown once, never stored in clear).
 */
export async function saveAnswers(
  db: Db,
  actor: Actor,
  lifeEventId: LifeEventId,
  answers: Answers,
  now = new Date(),
  requestId?: string,
  options: SaveOptions = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = options.expiresOn
    ? linkExpiresAt(options.expiresOn)
    : new Date(now.getTime() + savedAnswersDays * 86_400_000);
  await withPersonalData(
    db,
    {
      actor,
      action: 'create',
      subjectType: 'navigator-answers',
      subjectId: null,
      reason: 'enregistrement des réponses pour reprise',
      requestId,
    },
    async (trx) => {
      const row = await trx
        .insertInto('navigator_saved_answers')
        .values({
          token_hash: hashToken(token),
          life_event: lifeEventId,
          answers: JSON.stringify(answers),
          expires_at: expiresAt,
          // Only a resident's own answers join their account: an agent saving for someone at the counter
          // saves the resident's answers, not the agent's.
          user_id: actor?.role === 'resident' ? actor.id : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (options.reminders)
        await createReminders(trx, {
          savedAnswersId: row.id,
          resumeToken: token,
          choice: options.reminders.choice,
          schedule: options.reminders.schedule,
          filesKey: options.reminders.filesKey,
          now,
          actor,
          requestId,
        });
      return row;
    },
  );
  return { token, expiresAt };
}

export type ResumeResult =
  | { status: 'ok'; lifeEvent: LifeEventId; answers: Answers; notice: RefusalNotice | null; expiresAt: Date }
  | { status: 'expired'; lifeEvent: LifeEventId }
  | { status: 'erased'; lifeEvent: LifeEventId; erasedAt: Date }
  | { status: 'unknown' };

/**
 * The answers behind a private link, with the refusal of its reminders' address to tell (once); an expired link
 * is reported as such (and its data deleted), an erased one too.
 */
export async function resumeAnswers(
  db: Db,
  actor: Actor,
  token: string,
  now = new Date(),
  requestId?: string,
): Promise<ResumeResult> {
  if (!/^[\w-]{20,100}$/.test(token)) return { status: 'unknown' };
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('navigator_saved_answers')
    .select(['id', 'life_event', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) {
    const erased = await erasedLinkByHash(db, tokenHash);
    return erased && isLifeEventId(erased.lifeEvent)
      ? { status: 'erased', lifeEvent: erased.lifeEvent, erasedAt: erased.erasedAt }
      : { status: 'unknown' };
  }
  if (!isLifeEventId(row.life_event)) return { status: 'unknown' };
  if (row.expires_at.getTime() <= now.getTime()) {
    // The row is kept (without the answers) so that the link can still say "expired" rather than "unknown".
    await withPersonalData(
      db,
      {
        actor,
        action: 'delete',
        subjectType: 'navigator-answers',
        subjectId: row.id,
        reason: 'lien de reprise expiré',
        requestId,
      },
      async (trx) => {
        await trx
          .updateTable('navigator_saved_answers')
          .set({ answers: '{}' })
          .where('id', '=', row.id)
          .execute();
        await deleteReminderOf(trx, row.id);
      },
    );
    return { status: 'expired', lifeEvent: row.life_event };
  }
  const { answers, notice } = await withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'navigator-answers',
      subjectId: row.id,
      reason: 'reprise du questionnaire',
      requestId,
    },
    async (trx) => {
      const found = await trx
        .selectFrom('navigator_saved_answers')
        .select('answers')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      return { answers: found.answers, notice: await takeRefusalNotice(trx, row.id) };
    },
  );
  return { status: 'ok', lifeEvent: row.life_event, answers, notice, expiresAt: row.expires_at };
}

/**
 * Deletes the answers behind a private link (and their reminders), at the resident's request, and leaves the
 * link's hash so that it says "erased" until it would have expired. Returns whether there was something to delete.
 */
export async function deleteSavedAnswers(
  db: Db,
  actor: Actor,
  token: string,
  requestId?: string,
  now = new Date(),
): Promise<boolean> {
  if (!/^[\w-]{20,100}$/.test(token)) return false;
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('navigator_saved_answers')
    .select(['id', 'life_event', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return false;
  await withPersonalData(
    db,
    {
      actor,
      action: 'delete',
      subjectType: 'navigator-answers',
      subjectId: row.id,
      reason: 'effacement à la demande de l’usager',
      requestId,
    },
    async (trx) => {
      const reminderId = await deleteReminderOf(trx, row.id);
      if (reminderId)
        await journal(trx, {
          actor,
          action: 'delete',
          subjectType: 'navigator-reminder',
          subjectId: reminderId,
          reason: 'effacement à la demande de l’usager',
          requestId,
        });
      await trx.deleteFrom('navigator_saved_answers').where('id', '=', row.id).execute();
      await insertErasedLink(trx, {
        tokenHash,
        lifeEvent: row.life_event,
        erasedAt: now,
        purgeAfter: new Date(Math.max(row.expires_at.getTime(), now.getTime()) + graceDays * 86_400_000),
      });
    },
  );
  return true;
}

// Expired rows and tombstones stay a week so that a late click reads "expired" or "erased", not "unknown".
const graceDays = 7;

/**
 * The nightly clean-up: the reminders of links that have expired (journaled), the rows expired for more than a
 * week, and the tombstones whose time is over. Returns what it deleted.
 */
export async function purgeExpiredLinks(
  db: Db,
  now = new Date(),
): Promise<{ reminders: number; answers: number; tombstones: number }> {
  const reminders = await db.transaction().execute(async (trx) => {
    const ids = await deleteRemindersOfExpiredLinks(trx, now);
    for (const id of ids)
      await journal(trx, {
        actor: null,
        action: 'delete',
        subjectType: 'navigator-reminder',
        subjectId: id,
        reason: 'effacement à l’expiration du lien privé',
      });
    return ids.length;
  });
  const result = await db
    .deleteFrom('navigator_saved_answers')
    .where('expires_at', '<', sql<Date>`${new Date(now.getTime() - graceDays * 86_400_000)}`)
    .executeTakeFirst();
  return { reminders, answers: Number(result.numDeletedRows), tombstones: await purgeErasedLinks(db, now) };
}
