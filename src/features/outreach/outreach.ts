// Aller-vers, the resident's side and the helpers' side. The resident asks "prévenez-moi si j’ai droit à une
// nouvelle aide" (or withdraws it: everything found goes, but a right they declined stays declined), sees the
// rights found with the plan's explanation and declines one for good. Helpers of a territory get the list of
// consenting residents with probable unclaimed rights and record what happened: contacted, appointment, claim
// filed, declined. Nobody is on the list without their consent; every reading of it is journaled.
import type { Db } from '../../platform/db/database.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { normalisePhone } from '../../platform/sms/sms.ts';
import { decodePageCursor, encodePageCursor, pageNeighbours } from '../../platform/page-cursor.ts';
import { isUuid } from '../../platform/validation.ts';
import { benefits } from '../rights/benefits/registry.ts';
import type { BenefitResult } from '../rights/contract.ts';
import { territoryOfFile } from '../resident-file/file.ts';
import { findFile } from '../resident-file/store.ts';
import { probableRights } from './reestimate.ts';
import {
  countListed,
  declineRight,
  deleteConsent,
  findConsent,
  listedRightTerritory,
  outreachPage,
  rightsOfResident,
  setOutcome,
  upsertConsent,
  type OutreachCursor,
  type OutreachLine,
} from './store.ts';
import type { Outcome } from './tables.ts';

/** The outcomes a helper records, in French. */
export const outcomeLabels: Record<Outcome, string> = {
  contacted: 'Contacté',
  appointment: 'Rendez-vous pris',
  'claim-filed': 'Demande déposée',
  declined: 'Refus de l’usager (ne plus proposer)',
};

/** Whether a value is an outcome. */
export function isOutcome(value: string): value is Outcome {
  return value in outcomeLabels;
}

/** The French name of a benefit. */
export function benefitLabel(id: string): string {
  return benefits.find((b) => b.id === id)?.label ?? id;
}

/** What the resident's page shows. */
export interface ResidentOutreach {
  consent: { smsPhone: string | null; givenAt: Date } | null;
  /** Rights probable now from the file, with the plan's explanation (declined ones left out). */
  probable: BenefitResult[];
  declined: string[];
}

/** The resident's aller-vers page: their consent, and the rights their file makes probable today. */
export async function residentOutreach(
  db: Db,
  actor: { id: string; role: Role },
  today: string,
  requestId?: string,
): Promise<ResidentOutreach> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: 'consultation de ses nouvelles aides probables par l’usager',
      requestId,
    },
    async (trx) => {
      const consent = await findConsent(trx, actor.id);
      const file = await findFile(trx, actor.id);
      const rights = await rightsOfResident(trx, actor.id);
      const declined = rights.filter((r) => r.outcome === 'declined').map((r) => r.benefit_id);
      const probable = probableRights(file?.facts ?? {}, today.slice(0, 7), today).filter(
        (b) => !declined.includes(b.id),
      );
      return {
        consent: consent ? { smsPhone: consent.smsPhone, givenAt: consent.givenAt } : null,
        probable,
        declined,
      };
    },
  );
}

/** The resident gives (or renews) their consent, with an optional mobile number for SMS. */
export async function giveConsent(
  db: Db,
  actor: { id: string; role: Role },
  form: { accord?: string; telephone?: string },
  now: Date,
  requestId?: string,
): Promise<{ ok: true } | { errors: FieldError[] }> {
  const errors: FieldError[] = [];
  if (form.accord !== 'oui')
    errors.push({ field: 'accord', message: 'Cochez la case pour donner votre accord.' });
  const typed = (form.telephone ?? '').trim();
  const phone = typed ? normalisePhone(typed) : null;
  if (typed && !phone)
    errors.push({
      field: 'telephone',
      message: 'Indiquez un numéro de portable, par exemple 06 12 34 56 78, ou laissez vide.',
    });
  if (errors.length > 0) return { errors };
  await db.transaction().execute(async (trx) => {
    const file = await findFile(trx, actor.id);
    await upsertConsent(trx, {
      userId: actor.id,
      territoryId: await territoryOfFile(trx, file?.facts ?? {}),
      smsPhone: phone,
      now,
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `accord de l’usager pour être prévenu d’une nouvelle aide (aller-vers)${phone ? ', par courriel et SMS' : ', par courriel'}`,
      requestId,
    });
  });
  return { ok: true };
}

/** The resident withdraws their consent: they leave every list at once. */
export async function withdrawConsent(
  db: Db,
  actor: { id: string; role: Role },
  requestId?: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteConsent(trx, actor.id);
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: 'retrait de l’accord aller-vers : l’usager n’est plus sur aucune liste',
      requestId,
    });
  });
}

/** The resident declines a right: never proposed, notified or listed again. */
export async function declineByResident(
  db: Db,
  actor: { id: string; role: Role },
  benefitId: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  if (!benefits.some((b) => b.id === benefitId)) throw notFound('Cette aide n’existe pas.');
  await db.transaction().execute(async (trx) => {
    const file = await findFile(trx, actor.id);
    await declineRight(trx, {
      userId: actor.id,
      benefitId,
      territoryId: await territoryOfFile(trx, file?.facts ?? {}),
      now,
    });
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'resident-file',
      subjectId: actor.id,
      reason: `l’usager ne souhaite pas demander : ${benefitLabel(benefitId)} (ne plus proposer)`,
      requestId,
    });
  });
}

/** How many lines a page of the outreach list holds. */
export const outreachPageSize = 50;

/** Up to this many lines the list says how many it holds; beyond, "plus de 1 000". */
export const outreachCountCap = 1000;

function helperTerritory(actor: Actor): string {
  const territoryId = actor.territoryIds[0];
  if (actor.role !== 'helper' || !territoryId)
    throw new AppError('forbidden', 'Seuls les aidants d’un territoire voient sa liste d’aller-vers.');
  return territoryId;
}

/** A benefit id as the registry writes them (a cursor holds one; never a `|`). */
const benefitIdPattern = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** The opaque text of a cursor of the list, for a "Suivant" or "Précédent" link. */
export function encodeOutreachCursor(cursor: OutreachCursor): string {
  return encodePageCursor({
    direction: cursor.direction,
    at: cursor.at,
    keys: [cursor.userId, cursor.benefitId],
  });
}

/** Reads a cursor of the list from a link, or undefined when it is not one this server wrote. */
export function decodeOutreachCursor(text: string): OutreachCursor | undefined {
  const cursor = decodePageCursor(text, [isUuid, (id) => benefitIdPattern.test(id)]);
  return (
    cursor && {
      direction: cursor.direction,
      at: cursor.at,
      userId: cursor.keys[0]!,
      benefitId: cursor.keys[1]!,
    }
  );
}

/** A page of the helper's list, what it counts, and the cursors of the pages around it. */
export interface OutreachListPageData {
  lines: OutreachLine[];
  /** Exact up to `outreachCountCap`; `more`: the list holds more than that. */
  total: { count: number; more: boolean };
  previous: string | null;
  next: string | null;
  /** The cursor of this page as listed (null: the first page), for a follow-up saved from it to come back to. */
  current: string | null;
}

/**
 * A page of the helper's outreach list from a cursor (none: the first page), the lines counted up to the cap; the
 * reading is journaled (it names residents).
 */
export async function outreachList(
  db: Db,
  actor: Actor,
  cursor: OutreachCursor | null,
  requestId?: string,
): Promise<OutreachListPageData> {
  const territoryId = helperTerritory(actor);
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'outreach-list',
      subjectId: territoryId,
      reason: `liste d’aller-vers du territoire, ${cursor ? 'page suivante ou précédente' : 'première page'}`,
      requestId,
    },
    async (trx) => {
      let from = cursor;
      let listing = await outreachPage(trx, territoryId, from, outreachPageSize);
      // Back at the newest lines (fewer than a page before the cursor): the first page, full, as it is now.
      if (from?.direction === 'before' && !listing.more) {
        from = null;
        listing = await outreachPage(trx, territoryId, from, outreachPageSize);
      }
      const total = await countListed(trx, territoryId, outreachCountCap);
      return {
        lines: listing.lines,
        total,
        current: from ? encodeOutreachCursor(from) : null,
        ...pageNeighbours(listing.lines, listing.more, from?.direction ?? null, (line) => ({
          at: line.sortKey.at,
          keys: [line.sortKey.userId, line.sortKey.benefitId],
        })),
      };
    },
  );
}

/** A helper records what happened about a right of the list. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  userId: string,
  benefitId: string,
  outcome: string,
  now: Date,
  requestId?: string,
): Promise<{ ok: true } | { errors: FieldError[] }> {
  helperTerritory(actor);
  if (!isOutcome(outcome))
    return { errors: [{ field: 'issue', message: 'Choisissez ce qui s’est passé dans la liste.' }] };
  await db.transaction().execute(async (trx) => {
    const listed = await listedRightTerritory(trx, userId, benefitId);
    if (!listed || !actor.territoryIds.includes(listed))
      throw notFound('Cette ligne n’est pas (ou plus) sur votre liste.');
    await setOutcome(trx, userId, benefitId, outcome, actor.id, now);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'resident-file',
      subjectId: userId,
      reason: `aller-vers : ${outcomeLabels[outcome].toLowerCase()} pour ${benefitLabel(benefitId)}`,
      requestId,
    });
  });
  return { ok: true };
}
