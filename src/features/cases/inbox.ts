// The inbox: an agent's cases by scope (mine, my site, my organisation), state (new, to answer, overdue by the
// reminder rule, answered, closed) and search words, with a counter per state. The lines name the resident, so
// each listing is journaled; administrators list metadata only (no names, no search).
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { FieldError } from '../../platform/errors.ts';
import { withPersonalData } from '../../platform/audit.ts';
import {
  countInbox,
  inboxStates,
  listInbox,
  searchBreadth,
  withoutParallelWorkers,
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
  page?: number;
}

/** A checked inbox request, or the French message of each wrong parameter. */
export interface InboxRequest {
  scope: InboxScope;
  state: InboxState;
  search: string;
  page: number;
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
  if (errors.length > 0) return { errors };
  return { request: { scope, state, search: scope === 'all' ? '' : search, page: params.page ?? 1 } };
}

/** One page of an inbox and its counters (none for a search too broad to count quickly). */
export interface InboxPageData {
  rows: InboxRow[];
  counts: Record<InboxState, number> | null;
  /** The words are common (a subject, a short prefix): newest first, uncounted; the page asks for more words. */
  broad: boolean;
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
    const query = { scope: request.scope, state: request.state, words, breadth, page: request.page, now };
    return { rows: await listInbox(trx, actor, query), counts, broad: breadth === 'broad' };
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
