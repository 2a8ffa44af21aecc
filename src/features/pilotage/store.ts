// Queries of the pilotage indicators: usage counters, the indicator store and its refresh watermark, satisfaction
// answers. Aggregates only, except the free-text comments, which the use-cases read through the audit journal.
import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { IndicatorRow, MonthRange } from './indicator-registry.ts';
import type { CounterKind, Respondent, SatisfactionSubject, Went, YesPartlyNo } from './tables.ts';
import './tables.ts';

/** One usage counter row, summed over channels when asked. */
export interface CounterRow {
  territoryId: string;
  month: string;
  commune: string;
  lifeEvent: string;
  channel: string;
  count: number;
}

/** The usage counters of a kind for a range of months. */
export async function readCounters(
  db: Executor,
  kind: CounterKind,
  range: MonthRange,
): Promise<CounterRow[]> {
  const rows = await db
    .selectFrom('usage_counters')
    .select(['territory_id', 'month', 'commune', 'life_event', 'channel', 'count'])
    .where('kind', '=', kind)
    .where('month', '>=', range.from)
    .where('month', '<=', range.to)
    .execute();
  return rows.map((r) => ({
    territoryId: r.territory_id,
    month: r.month,
    commune: r.commune,
    lifeEvent: r.life_event,
    channel: r.channel,
    count: Number(r.count),
  }));
}

/** Replaces, in one transaction, the values of some indicators for a range of months. */
export async function replaceIndicatorValues(
  db: Db,
  indicators: string[],
  range: MonthRange,
  rows: IndicatorRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('indicator_values')
      .where('indicator', 'in', indicators)
      .where('month', '>=', range.from)
      .where('month', '<=', range.to)
      .execute();
    // Inserted by slices: PostgreSQL takes at most 65,535 parameters per statement.
    for (let i = 0; i < rows.length; i += 5000) {
      await trx
        .insertInto('indicator_values')
        .values(
          rows.slice(i, i + 5000).map((r) => ({
            indicator: r.indicator,
            territory_id: r.territoryId,
            month: r.month,
            commune: r.commune ?? '',
            breakdown: r.breakdown ?? '',
            value: r.value,
          })),
        )
        .execute();
    }
  });
}

/** A stored value as the pages read it. */
export interface StoredValue {
  indicator: string;
  territoryId: string;
  month: string;
  commune: string;
  breakdown: string;
  value: number;
}

/** Values of some indicators, for some territories (all when null), over a range of months. */
export async function readIndicatorValues(
  db: Executor,
  query: { indicators: string[]; territoryIds: string[] | null; range: MonthRange },
): Promise<StoredValue[]> {
  if (query.indicators.length === 0 || query.territoryIds?.length === 0) return [];
  let q = db
    .selectFrom('indicator_values')
    .select(['indicator', 'territory_id', 'month', 'commune', 'breakdown', 'value'])
    .where('indicator', 'in', query.indicators)
    .where('month', '>=', query.range.from)
    .where('month', '<=', query.range.to);
  if (query.territoryIds) q = q.where('territory_id', 'in', query.territoryIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    indicator: r.indicator,
    territoryId: r.territory_id,
    month: r.month,
    commune: r.commune,
    breakdown: r.breakdown,
    value: r.value,
  }));
}

/** The last refresh of the indicators. */
export async function lastRefresh(
  db: Executor,
): Promise<{ startedAt: Date; finishedAt: Date; fromMonth: string } | undefined> {
  const row = await db
    .selectFrom('indicator_refreshes')
    .select(['started_at', 'finished_at', 'from_month'])
    .where('id', '=', 'indicators')
    .executeTakeFirst();
  return row
    ? {
        startedAt: new Date(row.started_at),
        finishedAt: new Date(row.finished_at),
        fromMonth: row.from_month,
      }
    : undefined;
}

/** Records a refresh as the new watermark. */
export async function recordRefresh(
  db: Executor,
  refresh: { startedAt: Date; finishedAt: Date; fromMonth: string; full: boolean },
): Promise<void> {
  const values = {
    started_at: refresh.startedAt,
    finished_at: refresh.finishedAt,
    from_month: refresh.fromMonth,
    full_refresh: refresh.full,
  };
  await db
    .insertInto('indicator_refreshes')
    .values({ id: 'indicators', ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** A satisfaction answer as stored. */
export interface SatisfactionRecord {
  month: string;
  territoryId: string;
  commune: string;
  subject: SatisfactionSubject;
  lifeEvent: string;
  respondent: Respondent;
  went: Went;
  easy: YesPartlyNo;
  useful: YesPartlyNo;
  comment: string | null;
}

/** Stores a satisfaction answer; returns its id. */
export async function insertSatisfaction(db: Executor, record: SatisfactionRecord): Promise<string> {
  const row = await db
    .insertInto('satisfaction_answers')
    .values({
      month: record.month,
      territory_id: record.territoryId,
      commune: record.commune,
      subject: record.subject,
      life_event: record.lifeEvent,
      respondent: record.respondent,
      went: record.went,
      easy: record.easy,
      useful: record.useful,
      comment: record.comment,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Satisfaction answers counted by month, territory, subject and each answer (for the indicator store). */
export async function satisfactionCounts(db: Executor, range: MonthRange) {
  return db
    .selectFrom('satisfaction_answers')
    .select(({ fn }) => [
      'month',
      'territory_id',
      'commune',
      'subject',
      'went',
      'easy',
      'useful',
      fn.countAll<number>().as('n'),
    ])
    .where('month', '>=', range.from)
    .where('month', '<=', range.to)
    .groupBy(['month', 'territory_id', 'commune', 'subject', 'went', 'easy', 'useful'])
    .execute();
}

/** Erases the free text of answers older than the cut-off (the answers themselves stay, anonymous). */
export async function eraseCommentsBefore(db: Executor, cutoff: Date): Promise<number> {
  const result = await db
    .updateTable('satisfaction_answers')
    .set({ comment: null })
    .where('comment', 'is not', null)
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The latest free-text comments of some territories. */
export async function recentComments(db: Executor, territoryIds: string[], limit: number) {
  if (territoryIds.length === 0) return [];
  return db
    .selectFrom('satisfaction_answers')
    .select(['id', 'created_at', 'territory_id', 'subject', 'went', 'comment'])
    .where('territory_id', 'in', territoryIds)
    .where('comment', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * What the indicator pages show, summed by the database rather than sent row by row (a territory's year of plans is
 * thousands of rows: commune × life event × month): counts by month, by breakdown and by commune over the range,
 * and the statistics (medians) of every month for all organisations and of the last month per organisation.
 */
export interface IndicatorSummary {
  /** `${territory}|${indicator}|${month}` → sum. */
  byMonth: Map<string, number>;
  /** `${territory}|${indicator}|${breakdown}` → sum over the range. */
  byBreakdown: Map<string, number>;
  /** `${territory}|${indicator}|${commune}` → sum over the range. */
  byCommune: Map<string, number>;
  /** `${territory}|${indicator}|${month}|${breakdown}` → value, for statistics and their counts. */
  statistics: Map<string, number>;
  /** `${territory}|${indicator}|${commune}|${breakdown}` → sum over the range, for the place × breakdown tables. */
  byCommuneBreakdown: Map<string, number>;
  /** `${territory}|${indicator}|${grain}|${place}` → value of the last month, for the statistics by place. */
  placeStatistics: Map<string, number>;
}

/** Reads the summary of some indicators for some territories over a range of months. */
export async function readIndicatorSummary(
  db: Executor,
  query: {
    counts: string[];
    statistics: string[];
    placeBreakdowns?: string[];
    placeStatistics?: string[];
    territoryIds: string[];
    range: MonthRange;
  },
): Promise<IndicatorSummary> {
  const summary: IndicatorSummary = {
    byMonth: new Map(),
    byBreakdown: new Map(),
    byCommune: new Map(),
    statistics: new Map(),
    byCommuneBreakdown: new Map(),
    placeStatistics: new Map(),
  };
  if (query.territoryIds.length === 0) return summary;
  if (query.counts.length > 0) {
    const rows = await sql<{
      territory_id: string;
      indicator: string;
      month: string | null;
      commune: string | null;
      breakdown: string | null;
      v: number;
      g: number;
    }>`
      select territory_id, indicator, month, commune, breakdown, sum(value) as v,
        grouping(month, commune, breakdown) as g
      from indicator_values
      where indicator in (${sql.join(query.counts)}) and territory_id in (${sql.join(query.territoryIds)})
        and month >= ${query.range.from} and month <= ${query.range.to}
      group by grouping sets ((territory_id, indicator, month), (territory_id, indicator, breakdown),
        (territory_id, indicator, commune))`.execute(db);
    // grouping() bits: month 4, commune 2, breakdown 1 — a set per row says which columns it kept.
    for (const r of rows.rows) {
      const base = `${r.territory_id}|${r.indicator}|`;
      if (Number(r.g) === 3) summary.byMonth.set(base + r.month, Number(r.v));
      else if (Number(r.g) === 6) summary.byBreakdown.set(base + r.breakdown, Number(r.v));
      else summary.byCommune.set(base + r.commune, Number(r.v));
    }
  }
  if (query.statistics.length > 0) {
    const rows = await db
      .selectFrom('indicator_values')
      .select(['territory_id', 'indicator', 'month', 'breakdown', 'value'])
      .where('indicator', 'in', query.statistics)
      .where('territory_id', 'in', query.territoryIds)
      .where('month', '>=', query.range.from)
      .where('month', '<=', query.range.to)
      .where((eb) => eb.or([eb('breakdown', '=', ''), eb('month', '=', query.range.to)]))
      .execute();
    for (const r of rows)
      summary.statistics.set(`${r.territory_id}|${r.indicator}|${r.month}|${r.breakdown}`, r.value);
  }
  if (query.placeBreakdowns?.length) {
    const rows = await db
      .selectFrom('indicator_values')
      .select(({ fn }) => [
        'territory_id',
        'indicator',
        'commune',
        'breakdown',
        fn.sum<number>('value').as('v'),
      ])
      .where('indicator', 'in', query.placeBreakdowns)
      .where('territory_id', 'in', query.territoryIds)
      .where('month', '>=', query.range.from)
      .where('month', '<=', query.range.to)
      .groupBy(['territory_id', 'indicator', 'commune', 'breakdown'])
      .execute();
    for (const r of rows)
      summary.byCommuneBreakdown.set(
        `${r.territory_id}|${r.indicator}|${r.commune}|${r.breakdown}`,
        Number(r.v),
      );
  }
  if (query.placeStatistics?.length) {
    const rows = await db
      .selectFrom('indicator_values')
      .select(['territory_id', 'indicator', 'commune', 'breakdown', 'value'])
      .where('indicator', 'in', query.placeStatistics)
      .where('territory_id', 'in', query.territoryIds)
      .where('month', '=', query.range.to)
      .execute();
    for (const r of rows)
      summary.placeStatistics.set(`${r.territory_id}|${r.indicator}|${r.breakdown}|${r.commune}`, r.value);
  }
  return summary;
}
