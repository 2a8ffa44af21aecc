// The inbox: an agent's cases by scope (mine, my site, my organisation), state (new, to answer, overdue by the
// reminder rule, answered, closed) and search words, with a counter per state. The lines name the resident, so
// each listing is journaled; administrators list metadata only (no names, no search).
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { FieldError } from '../../platform/errors.ts';
import { withPersonalData } from '../../platform/audit.ts';
import { decodePageCursor, encodePageCursor, pageNeighbours } from '../../platform/page-cursor.ts';
import {
  countInbox,
  isUuid,
  inboxStates,
  listInbox,
  searchBreadth,
  withoutParallelWorkers,
  type InboxCursor,
  type InboxRow,
  type InboxScope,
  type InboxState,
} from './store.ts';

/** The words of the URL (French) and the filters they stand for. */
export const scopeParams: Record<InboxScope, string> = {
  mine: 'moi',
  site: 'site',
  organisation: 'organisme',
  all: 'tout',
};
export const stateParams: Record<InboxState, string> = {
  all: 'tous',
  new: 'nouveaux',
  'to-answer': 'a-traiter',
  overdue: 'en-retard',
  answered: 'repondus',
  closed: 'clos',
};

/** The longest search accepted: names and a subject, not a letter. */
export const maxSearchLength = 100;

/**
 * The search words as the index stores them: lower case, no accents (the same folding as the database's
 * sc_search_fold), letters and digits only, at most 6 words.
 */
export function foldSearch(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return folded ? folded.split(' ').slice(0, 6) : [];
}

/** An inbox request as typed in the URL. */
export interface InboxParams {
  boite?: string;
  etat?: string;
  q?: string;
  curseur?: string;
}

/** A checked inbox request, or the French message of each wrong parameter. */
export interface InboxRequest {
  scope: InboxScope;
  state: InboxState;
  search: string;
  /** None: the first page. */
  cursor: InboxCursor | null;
}

/**
 * The opaque text of a cursor in a link (the platform's page cursor: direction, last activity, case id), so that
 * nobody is invited to edit it (an edited one is refused, or lists another stretch of the same inbox — never
 * anything else).
 */
export function encodeCursor(cursor: InboxCursor): string {
  return encodePageCursor({ direction: cursor.direction, at: cursor.updatedAt, keys: [cursor.id] });
}

/** Reads a cursor from a link, or undefined when it is not one this server wrote (checked field by field). */
export function decodeCursor(text: string): InboxCursor | undefined {
  const cursor = decodePageCursor(text, [isUuid]);
  return cursor && { direction: cursor.direction, updatedAt: cursor.at, id: cursor.keys[0]! };
}

/** The scopes an actor may choose, the default first among them. */
export function scopesFor(actor: Actor): InboxScope[] {
  if (actor.role === 'admin') return ['all'];
  return actor.siteId ? ['organisation', 'site', 'mine'] : ['organisation', 'mine'];
}

/** Checks the inbox parameters: an unknown scope or state, or too long a search, is a field error. */
export function checkInboxParams(
  actor: Actor,
  params: InboxParams,
): { request: InboxRequest } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const scopes = scopesFor(actor);
  // Every agent starts from their organisation's inbox (and site): new cases arrive there, including those
  // where a town hall's helpers are invited.
  let scope = scopes[0]!;
  if (params.boite) {
    const wanted = (Object.keys(scopeParams) as InboxScope[]).find((s) => scopeParams[s] === params.boite);
    if (!wanted || !scopes.includes(wanted))
      errors.push({ field: 'boite', message: 'Cette boîte de réception n’existe pas pour votre compte.' });
    else scope = wanted;
  }
  let state: InboxState = 'all';
  if (params.etat) {
    const wanted = inboxStates.find((s) => stateParams[s] === params.etat);
    if (!wanted)
      errors.push({ field: 'etat', message: 'Ce filtre n’existe pas : choisissez-en un dans la liste.' });
    else state = wanted;
  }
  const search = (params.q ?? '').trim();
  if (search.length > maxSearchLength)
    errors.push({
      field: 'q',
      message: `La recherche compte au plus ${maxSearchLength} caractères : un nom, un prénom, un objet ou une référence.`,
    });
  let cursor: InboxCursor | null = null;
  if (params.curseur) {
    const decoded = decodeCursor(params.curseur);
    if (!decoded)
      errors.push({
        field: 'curseur',
        message:
          'Ce lien de page n’est pas valide (il a peut-être été coupé ou modifié) : repartez de la première page de la boîte de réception.',
      });
    else cursor = decoded;
  }
  if (errors.length > 0) return { errors };
  return { request: { scope, state, search: scope === 'all' ? '' : search, cursor } };
}

/** One page of an inbox and its counters (none for a search too broad to count quickly). */
export interface InboxPageData {
  rows: InboxRow[];
  counts: Record<InboxState, number> | null;
  /** The words are common (a subject, a short prefix): newest first, uncounted; the page asks for more words. */
  broad: boolean;
  /** The cursors of the pages before and after this one (encoded for a link), or null at either end. */
  previous: string | null;
  next: string | null;
}

/** Lists an inbox page and counts each state; the listing of names is journaled. */
export async function readInbox(
  db: Db,
  actor: Actor,
  request: InboxRequest,
  now: Date,
  requestId?: string,
): Promise<InboxPageData> {
  const words = foldSearch(request.search);
  const work = async (trx: Parameters<typeof listInbox>[0]): Promise<InboxPageData> => {
    await withoutParallelWorkers(trx);
    let breadth = words.length > 0 ? await searchBreadth(trx, actor, request.scope, words) : undefined;
    // Administrators see metadata across every organisation: no counters (they do not work on cases).
    let counts: Record<InboxState, number> | null = null;
    if (breadth !== 'broad' && request.scope !== 'all') {
      const counted = await countInbox(trx, actor, { scope: request.scope, words, breadth, now });
      if (counted === 'broad') breadth = 'broad';
      else counts = counted;
    }
    const query = { scope: request.scope, state: request.state, words, breadth, cursor: request.cursor, now };
    let listing = await listInbox(trx, actor, query);
    let cursor = request.cursor;
    // Back at the newest cases (fewer than a page before the cursor): show the first page, full, as it is now.
    if (cursor?.direction === 'before' && !listing.more) {
      cursor = null;
      listing = await listInbox(trx, actor, { ...query, cursor });
    }
    return {
      rows: listing.rows,
      counts,
      broad: breadth === 'broad',
      // Older cases after the page's last line, newer ones before its first.
      ...pageNeighbours(listing.rows, listing.more, cursor?.direction ?? null, (row) => ({
        at: row.sortKey.updatedAt,
        keys: [row.sortKey.id],
      })),
    };
  };
  if (request.scope === 'all') return db.transaction().execute(work);
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'case-list',
      subjectId: null,
      reason: words.length > 0 ? 'recherche dans la boîte de réception' : 'boîte de réception',
      requestId,
    },
    work,
  );
}
