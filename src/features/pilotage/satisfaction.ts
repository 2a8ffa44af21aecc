// Satisfaction after a plan, a closed case or an appointment, in the style of Services Publics+ (« Je donne mon
// avis »): three questions — how it went, was it easy, was the answer useful — and an optional free text. Nothing
// ties an answer to a person: no account, no case, no address; the free text is erased after a few months by a
// durable job, and every read of it is journaled. A new answer asks for a refresh of the indicators at once, so
// that the figure moves within seconds.
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FieldError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { isLifeEventId } from '../navigator/life-events.ts';
import { currentCommuneCode } from '../territory/geography.ts';
import { membershipForYear } from '../territory/membership-store.ts';
import { canReadComments } from './access.ts';
import { monthOf } from './months.ts';
import { single, type CheckResult, type FormValues } from './register.ts';
import { eraseCommentsBefore, insertSatisfaction, recentComments, type SatisfactionRecord } from './store.ts';
import type { Respondent, SatisfactionSubject, Went, YesPartlyNo } from './tables.ts';

export const refreshJobKind = 'pilotage.refresh';
export const commentMaxLength = 1000;
const subjects: SatisfactionSubject[] = ['plan', 'case', 'appointment'];

/** What the form is about, read from its link (never trusted: checked against what exists). */
export interface SatisfactionContext {
  subject: SatisfactionSubject;
  lifeEvent: string;
  commune: string;
  territoryId: string;
}

/** Reads the subject of the form from the query or the hidden fields; null when the link is broken. */
export function readContext(values: FormValues, territoryIds: string[]): SatisfactionContext | null {
  const subject = single(values, 'sujet') as SatisfactionSubject;
  if (!subjects.includes(subject)) return null;
  const lifeEvent = single(values, 'moment');
  const commune = single(values, 'commune');
  const territoryId = single(values, 'territoire');
  return {
    subject,
    lifeEvent: isLifeEventId(lifeEvent) ? lifeEvent : '',
    commune: (commune && currentCommuneCode(commune)) || '',
    territoryId: territoryIds.includes(territoryId) ? territoryId : '',
  };
}

export interface SatisfactionInput {
  went: Went;
  easy: YesPartlyNo;
  useful: YesPartlyNo;
  comment: string | null;
}

/** Checks the three answers (each required) and the free text. */
export function checkSatisfaction(values: FormValues): CheckResult<SatisfactionInput> {
  const errors: FieldError[] = [];
  const went = single(values, 'deroulement');
  if (!['good', 'average', 'bad'].includes(went))
    errors.push({
      field: 'deroulement',
      message: 'Dites comment cela s’est passé : bien, moyennement ou mal.',
    });
  const easy = single(values, 'facilite');
  if (!['yes', 'partly', 'no'].includes(easy))
    errors.push({ field: 'facilite', message: 'Dites si c’était facile : oui, en partie ou non.' });
  const useful = single(values, 'utilite');
  if (!['yes', 'partly', 'no'].includes(useful))
    errors.push({
      field: 'utilite',
      message: 'Dites si la réponse vous a été utile : oui, en partie ou non.',
    });
  const comment = single(values, 'commentaire');
  if (comment.length > commentMaxLength)
    errors.push({
      field: 'commentaire',
      message: `Votre commentaire compte au plus ${commentMaxLength} caractères.`,
    });
  if (errors.length > 0) return { errors };
  return {
    input: {
      went: went as Went,
      easy: easy as YesPartlyNo,
      useful: useful as YesPartlyNo,
      comment: comment || null,
    },
  };
}

/** Who answered, as the statistics keep it (never who they are). */
export function respondentOf(role: Role | null): Respondent {
  if (role === null || role === 'resident') return 'resident';
  if (role === 'helper') return 'helper';
  if (role === 'partnerAgent' || role === 'organisationManager') return 'agent';
  return 'other';
}

/** Stores an answer, journals a free text (it may hold personal data), and asks for a refresh of the indicators. */
export async function recordSatisfaction(
  db: Db,
  context: SatisfactionContext,
  input: SatisfactionInput,
  respondent: Respondent,
  now: Date,
): Promise<string> {
  const month = monthOf(now);
  const territoryId =
    (context.commune && (await membershipForYear(db, Number(month.slice(0, 4)))).get(context.commune)) ||
    context.territoryId;
  const record: SatisfactionRecord = {
    month,
    territoryId,
    commune: context.commune,
    subject: context.subject,
    lifeEvent: context.lifeEvent,
    respondent,
    ...input,
  };
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertSatisfaction(trx, record);
    if (input.comment)
      await journal(trx, {
        actor: null,
        action: 'create',
        subjectType: 'satisfaction_comment',
        subjectId: id,
        reason: 'avis déposé avec un commentaire libre',
      });
    // One refresh per minute at most, however many answers arrive: the refresh of the minute runs at its end, so
    // that it counts every answer of that minute (a refresh run at the first answer would miss the later ones of
    // the same minute, whose request would then be the same job, already done).
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    await enqueue(
      trx,
      refreshJobKind,
      {},
      {
        idempotencyKey: `${refreshJobKind}@soon-${new Date(minute).toISOString()}`,
        runAt: new Date(minute + 60_000),
        maxAttempts: 3,
      },
    );
    return id;
  });
  return id;
}

/** Erases the free text of answers older than the retention; returns how many were erased (journaled). */
export async function eraseExpiredComments(db: Db, now: Date, months: number): Promise<number> {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return db.transaction().execute(async (trx) => {
    const erased = await eraseCommentsBefore(trx, cutoff);
    if (erased > 0)
      await journal(trx, {
        actor: null,
        action: 'delete',
        subjectType: 'satisfaction_comment',
        subjectId: null,
        reason: `${erased} commentaire(s) de plus de ${months} mois effacé(s)`,
      });
    return erased;
  });
}

/** The latest comments of the territories the actor may read them for; the read is journaled. */
export async function readComments(
  db: Db,
  actor: Actor,
  territoryIds: string[],
  requestId?: string,
): Promise<{ at: Date; territoryId: string; subject: SatisfactionSubject; went: Went; comment: string }[]> {
  const allowed = territoryIds.filter((t) => canReadComments(actor, t));
  if (allowed.length === 0) return [];
  return withPersonalData(
    db,
    {
      actor: { id: actor.id, role: actor.role },
      action: 'read',
      subjectType: 'satisfaction_comment',
      subjectId: allowed.join(','),
      reason: 'lecture des commentaires de satisfaction du territoire',
      ...(requestId ? { requestId } : {}),
    },
    async (trx) =>
      (await recentComments(trx, allowed, 30)).map((r) => ({
        at: new Date(r.created_at),
        territoryId: r.territory_id,
        subject: r.subject,
        went: r.went,
        comment: r.comment ?? '',
      })),
  );
}
