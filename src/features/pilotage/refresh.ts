// The refresh of the indicator store, run by a durable job every few minutes (and fully each night): the buffered
// counters are written, then every declared source recomputes its values for the months that may have changed —
// from the month of the previous refresh's start to the current month — and replaces them in one transaction.
// Every event counts in the month it happened, so a later event never changes an older month, except a reopened
// case (its closing month loses it) or an erased record: the nightly full refresh recomputes every month for those.
import type { Db } from '../../platform/db/database.ts';
import { flushCounters } from './counters.ts';
import type { IndicatorSource } from './indicator-registry.ts';
import { monthOf } from './months.ts';
import { lastRefresh, recordRefresh, replaceIndicatorValues } from './store.ts';

/** The earliest month a full refresh reads: before any record of the platform. */
export const firstMonth = '2017-01';

export interface RefreshResult {
  from: string;
  to: string;
  values: number;
  full: boolean;
}

/** Recomputes the indicator store (incrementally, or every month with `full`). */
export async function refreshIndicators(
  db: Db,
  sources: IndicatorSource[],
  now: Date,
  options: { full?: boolean } = {},
): Promise<RefreshResult> {
  await flushCounters(db);
  const previous = await lastRefresh(db);
  const full = options.full === true || previous === undefined;
  const to = monthOf(now);
  const from = full ? firstMonth : monthOf(previous.startedAt);
  const range = { from: from <= to ? from : to, to };
  let values = 0;
  for (const source of sources) {
    const rows = await source.compute(db, range);
    values += rows.length;
    await replaceIndicatorValues(
      db,
      source.indicators.map((i) => i.id),
      range,
      rows,
    );
  }
  await recordRefresh(db, { startedAt: now, finishedAt: new Date(), fromMonth: range.from, full });
  return { ...range, values, full };
}
