// Saving answers for later: a private link carries a random token, the database keeps only its hash, the answers
// and an expiry. Every write and read goes through the audit journal (the answers are personal data).
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { withPersonalData } from '../../platform/audit.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { isLifeEventId, type LifeEventId } from './life-events.ts';
import type { Answers } from './questions.ts';

/** How long a private link works: long enough to find a missing paper, short enough not to keep data for nothing. */
export const savedAnswersDays = 30;

type Actor = { id: string; role: Role } | null;

/** Saves the answers and returns the raw token of the private link (shown once, never stored). */
export async function saveAnswers(
  db: Db,
  actor: Actor,
  lifeEventId: LifeEventId,
  answers: Answers,
  now = new Date(),
  requestId?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + savedAnswersDays * 86_400_000);
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
    async (trx) =>
      trx
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
        .executeTakeFirstOrThrow(),
  );
  return { token, expiresAt };
}

export type ResumeResult =
  | { status: 'ok'; lifeEvent: LifeEventId; answers: Answers }
  | { status: 'expired'; lifeEvent: LifeEventId }
  | { status: 'unknown' };

/** The answers behind a private link; an expired link is reported as such (and its data deleted). */
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
  if (!row || !isLifeEventId(row.life_event)) return { status: 'unknown' };
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
      async (trx) =>
        trx.updateTable('navigator_saved_answers').set({ answers: '{}' }).where('id', '=', row.id).execute(),
    );
    return { status: 'expired', lifeEvent: row.life_event };
  }
  const answers = await withPersonalData(
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
      return found.answers;
    },
  );
  return { status: 'ok', lifeEvent: row.life_event, answers };
}

/** Deletes the answers behind a private link, at the resident's request. Returns whether there was something to delete. */
export async function deleteSavedAnswers(
  db: Db,
  actor: Actor,
  token: string,
  requestId?: string,
): Promise<boolean> {
  if (!/^[\w-]{20,100}$/.test(token)) return false;
  const row = await db
    .selectFrom('navigator_saved_answers')
    .select('id')
    .where('token_hash', '=', hashToken(token))
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
    async (trx) => trx.deleteFrom('navigator_saved_answers').where('id', '=', row.id).execute(),
  );
  return true;
}

/** Deletes the rows expired for more than a week (their "expired" message has served). Returns how many. */
export async function purgeExpiredAnswers(db: Db, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('navigator_saved_answers')
    .where('expires_at', '<', sql<Date>`${new Date(now.getTime() - 7 * 86_400_000)}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
