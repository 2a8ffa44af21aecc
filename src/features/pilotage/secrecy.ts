// Statistical secrecy of the published figures. Every count from 1 to 10 is replaced by `secret` (primary
// suppression); zero stays zero. Secondary suppression then makes sure no secret count can be worked out from what
// is published beside it.
//
// Published figures come in margins: a total (a territory's plans of a month, shown in the experiment register
// and in the dataset territories-monthly) and one or more partitions of it, each a list of cells that add up to the
// total (the plans of that month by commune × life event; the closed cases by life event, and again by usefulness).
// Nothing else is published that links cells — no total over months, over territories, or of a row or column of a
// partition — so margins are independent, and each one is protected on its own:
//
// - total published: in each partition, the secret cells must be none, or at least two whose sum exceeds their
//   number. One secret cell alone would be total − the others; secret cells summing to their number would all be 1
//   (a secret is never 0). When that is not so, the smallest published non-zero cell of the partition is made
//   secret too (it is above 10, so the sum then exceeds the number); when there is none, the total is made secret.
// - total secret: every partition must keep at least one secret cell, or the total would be the sum of its
//   published cells; the smallest non-zero cell of a partition with none is made secret.
//
// Why this is enough, for someone who knows every published figure and that a secret is a whole number ≥ 1: with a
// published total, a secret cell c of a partition can be changed without changing anything published — move one
// from c to another secret cell when c ≥ 2, or to c from a secret cell ≥ 2 (there is one, the sum exceeding the
// number). With a secret total, add one to the total, to c, and to one secret cell of every other partition. So
// no secret cell has a single possible value. secrecy.test.ts checks this on generated data, by building those
// other tables and by trying to recompute the cells as an attacker would.

/** Counts from 1 to this threshold are never published. */
export const secrecyThreshold = 10;

/** A count and whether it may be published. */
export interface ProtectedCell {
  value: number;
  secret: boolean;
  /** Why it is secret: a small count (primary), or to protect another (secondary). */
  reason?: 'primary' | 'secondary';
}

/** A total and the partitions that add up to it. */
export interface Margin {
  total: ProtectedCell;
  partitions: ProtectedCell[][];
}

/** A cell for a count, not yet protected. */
export function cell(value: number): ProtectedCell {
  if (!Number.isInteger(value) || value < 0) throw new Error(`a count is a whole number ≥ 0, not ${value}`);
  return { value, secret: false };
}

function primary(c: ProtectedCell): void {
  if (c.value >= 1 && c.value <= secrecyThreshold) {
    c.secret = true;
    c.reason = 'primary';
  }
}

function secondary(c: ProtectedCell): void {
  if (!c.secret) {
    c.secret = true;
    c.reason = 'secondary';
  }
}

/** The smallest published non-zero cell of a partition. */
function smallestPublished(partition: ProtectedCell[]): ProtectedCell | undefined {
  let best: ProtectedCell | undefined;
  for (const c of partition) if (!c.secret && c.value > 0 && (!best || c.value < best.value)) best = c;
  return best;
}

/** Whether a partition's secret cells are safe under a published total: none, or several with a sum above their number. */
export function partitionSafeUnderPublishedTotal(partition: ProtectedCell[]): boolean {
  const secrets = partition.filter((c) => c.secret);
  if (secrets.length === 0) return true;
  const sum = secrets.reduce((s, c) => s + c.value, 0);
  return secrets.length >= 2 && sum > secrets.length;
}

/** Marks the secret cells of every margin (primary, then secondary suppression). Changes the cells in place. */
export function protectMargins(margins: Margin[]): void {
  for (const margin of margins) {
    const sum = (p: ProtectedCell[]) => p.reduce((s, c) => s + c.value, 0);
    for (const p of margin.partitions)
      if (sum(p) !== margin.total.value)
        throw new Error(`a partition adds up to ${sum(p)}, not to its total ${margin.total.value}`);
    primary(margin.total);
    for (const p of margin.partitions) for (const c of p) primary(c);
    if (!margin.total.secret) {
      for (const p of margin.partitions) {
        if (partitionSafeUnderPublishedTotal(p)) continue;
        const extra = smallestPublished(p);
        if (extra) secondary(extra);
        else {
          secondary(margin.total);
          break;
        }
      }
    }
    if (margin.total.secret) {
      for (const p of margin.partitions) {
        if (p.some((c) => c.secret)) continue;
        const extra = smallestPublished(p);
        if (extra) secondary(extra);
      }
    }
  }
}

/** What is published for a cell: its count, or 'secret'. */
export function published(c: ProtectedCell): number | 'secret' {
  return c.secret ? 'secret' : c.value;
}
