// Keyset paging of the lists shown page by page (the cases inbox, the aller-vers list): a page starts from the
// sort key of the line next to it — an instant to the microsecond, then ids —, carried by a "Suivant" or
// "Précédent" plain link as an opaque cursor. Unlike an OFFSET, the thousandth page costs what the first does, and
// a line that moves or leaves while someone reads is neither listed twice nor skips another.
import { sql, type RawBuilder } from 'kysely';

/** 'after' lists the lines past the cursor in the list's order (the next page), 'before' those ahead of it. */
export type PageDirection = 'after' | 'before';

/** Where a page starts: the side, and the sort key of the line next to the page. */
export interface PageCursor {
  direction: PageDirection;
  /** The instant the list is sorted on, ISO with its microseconds ("2026-12-06T10:15:02.123456Z"). */
  at: string;
  /** The rest of the sort key (ids that break the ties on the instant), in the list's order. */
  keys: string[];
}

/** A check of one key of a cursor read back (an id's shape): what the database must never see wrong. */
export type KeyCheck = (key: string) => boolean;

const directionLetters = { after: 'a', before: 'b' } as const;
const instantPattern = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Longer than any cursor written here (an instant, a uuid and a benefit id: about 170 characters). */
const maxCursorLength = 200;

/**
 * The opaque text of a cursor in a link: its direction, instant and keys, base64url-encoded, so that nobody is
 * invited to edit it (an edited one is refused, or lists another stretch of the same list — never anything else).
 * Keys never hold a `|` (the key checks refuse one).
 */
export function encodePageCursor(cursor: PageCursor): string {
  const text = [directionLetters[cursor.direction], cursor.at, ...cursor.keys].join('|');
  return Buffer.from(text).toString('base64url');
}

/** Whether a text is an ISO instant with microseconds that exists in the calendar. */
export function isMicrosecondInstant(text: string): boolean {
  if (!instantPattern.test(text)) return false;
  // A real calendar instant: JavaScript would roll 31 February into March, so the round trip must be exact.
  const millis = new Date(text.slice(0, 23) + 'Z');
  return !Number.isNaN(millis.getTime()) && millis.toISOString().slice(0, 23) === text.slice(0, 23);
}

/**
 * Reads a cursor from a link, or undefined when it is not one this server wrote: checked here, field by field
 * (one check per key), so that the database never sees an impossible instant or id (which it would answer with an
 * error, hence a 500).
 */
export function decodePageCursor(text: string, keyChecks: readonly KeyCheck[]): PageCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length > maxCursorLength) return undefined;
  const [direction, at, ...keys] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (direction !== 'a' && direction !== 'b') return undefined;
  if (!at || !isMicrosecondInstant(at)) return undefined;
  if (keys.length !== keyChecks.length || !keys.every((key, i) => keyChecks[i]!(key))) return undefined;
  return { direction: direction === 'a' ? 'after' : 'before', at, keys };
}

/**
 * The cursors (encoded for a link) of the pages around one: "Précédent" from its first line, "Suivant" from its
 * last, or null at either end. `more`: a line lies past the page in the direction it was read.
 */
export function pageNeighbours<Row>(
  rows: readonly Row[],
  more: boolean,
  direction: PageDirection | null,
  sortKey: (row: Row) => { at: string; keys: string[] },
): { previous: string | null; next: string | null } {
  const first = rows[0];
  const last = rows.at(-1);
  // Reached from a "Suivant" link, lines lie ahead (those of the page before); from a "Précédent" link, past it.
  const hasAhead = direction === 'after' || (direction === 'before' && more);
  const hasPast = direction === 'before' || more;
  return {
    previous: hasAhead && first ? encodePageCursor({ direction: 'before', ...sortKey(first) }) : null,
    next: hasPast && last ? encodePageCursor({ direction: 'after', ...sortKey(last) }) : null,
  };
}

/**
 * A timestamptz column as the text of a cursor, to the microsecond (a JavaScript date keeps milliseconds only,
 * and lines a microsecond apart would be skipped).
 */
export function microsecondText(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
