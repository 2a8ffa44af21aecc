// The indicator store's contract. Each feature declares its indicators in its own folder (`indicators.ts`): what
// each one counts, how the pilotage pages show them, and a `compute` that reads the feature's own records for a
// range of months. The list of those declarations is src/features/indicators.ts; the refresh job (refresh.ts)
// runs every `compute` and keeps the values in one table, which the pages and the open data read. A new feature
// (appointments, outreach…) adds its indicators with one file and one line in that list.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

/** What the breakdown column of an indicator holds. */
export type BreakdownKind =
  /** a life event id (birth, job-loss…), labelled by the navigator's titles */
  | { kind: 'life-event' }
  /** an organisation's slug, labelled by the organisation's name */
  | { kind: 'organisation' }
  /** a place's slug (a counter, a bus stop), labelled by the place's name */
  | { kind: 'place' }
  /** a fixed list of values with their French labels, in display order */
  | { kind: 'values'; labels: Record<string, string> };

export interface IndicatorDefinition {
  /** Stable id: also the name used in the open data and the experiment register. */
  id: string;
  /** French label, short. */
  label: string;
  /** French: what is counted, exactly, and from when. */
  description: string;
  /**
   * 'count' values add up across communes, breakdowns and months; 'hours' are statistics (median, 90th percentile)
   * of one month, stored with breakdown '' for all organisations, and never added up. The counts stored beside
   * statistics follow their statistics' grouping (per organisation and all organisations; per commune and per EPCI)
   * and are read with them, never summed across it.
   */
  unit: 'count' | 'hours';
  breakdown?: { label: string } & BreakdownKind;
  /** Values are kept per commune (the resident's), so the pages can show them by commune or EPCI. */
  byCommune?: boolean;
}

/** How a group of indicators is shown on the indicator page. */
export interface IndicatorSection {
  id: string;
  title: string;
  description?: string;
  /** Count indicators drawn together as monthly series (a chart and its table). */
  series: string[];
  /** Count indicators also shown as a table month × breakdown. */
  breakdowns?: string[];
  /** Statistics shown by organisation for the last month of the period: [count, median, p90] triples. */
  statistics?: { title: string; count: string; median: string; p90: string }[];
  /** Count indicators shown by commune or EPCI over the period. */
  byPlace?: string[];
  /** Count indicators kept by commune and breakdown, shown as a table place × breakdown over the period. */
  placeBreakdowns?: string[];
  /**
   * Statistics shown by commune or EPCI for the last month of the period: [count, median, p90] triples whose rows
   * hold the place in `commune` (an INSEE code, an EPCI's SIREN, '' for no commune, '?' for no EPCI) and the grain
   * in `breakdown` ('commune' or 'epci'): a median by EPCI is computed from the durations, never from medians.
   */
  placeStatistics?: { title: string; count: string; median: string; p90: string }[];
}

/** One value of the store. */
export interface IndicatorRow {
  indicator: string;
  territoryId: string;
  month: string;
  commune?: string;
  breakdown?: string;
  value: number;
}

/** An inclusive range of months, 'YYYY-MM'. */
export interface MonthRange {
  from: string;
  to: string;
}

/** What a feature declares. */
export interface IndicatorSource {
  feature: string;
  indicators: IndicatorDefinition[];
  sections: IndicatorSection[];
  /** Every value of these indicators for the months of the range, computed from the feature's own records. */
  compute(db: Db, range: MonthRange): Promise<IndicatorRow[]>;
}

/**
 * The bounds of a month range as instants, for a feature's aggregate query: the first day of `from` to the first
 * day after `to`, at Paris midnight (events count in their Paris month, like the counters).
 */
export function monthBounds(range: MonthRange) {
  const [y, m] = range.to.split('-').map(Number) as [number, number];
  const after = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    start: sql`(${range.from + '-01'}::timestamp at time zone 'Europe/Paris')`,
    end: sql`(${after + '-01'}::timestamp at time zone 'Europe/Paris')`,
  };
}

/** The Paris month ('YYYY-MM') of a timestamp column, in SQL. */
export const parisMonth = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Europe/Paris', 'YYYY-MM')`;

/** Checks a list of sources: unique ids, sections naming declared indicators. Thrown at start when wrong. */
export function checkSources(sources: IndicatorSource[]): Map<string, IndicatorDefinition> {
  const byId = new Map<string, IndicatorDefinition>();
  for (const source of sources)
    for (const indicator of source.indicators) {
      if (byId.has(indicator.id)) throw new Error(`indicator declared twice: ${indicator.id}`);
      byId.set(indicator.id, indicator);
    }
  for (const source of sources)
    for (const section of source.sections) {
      const named = [
        ...section.series,
        ...(section.breakdowns ?? []),
        ...(section.byPlace ?? []),
        ...(section.placeBreakdowns ?? []),
        ...[...(section.statistics ?? []), ...(section.placeStatistics ?? [])].flatMap((s) => [
          s.count,
          s.median,
          s.p90,
        ]),
      ];
      for (const id of named)
        if (!byId.has(id)) throw new Error(`section ${section.id} names an unknown indicator: ${id}`);
      const byPlace = [
        ...(section.byPlace ?? []),
        ...(section.placeBreakdowns ?? []),
        ...(section.placeStatistics ?? []).flatMap((s) => [s.count, s.median, s.p90]),
      ];
      for (const id of byPlace)
        if (!byId.get(id)!.byCommune)
          throw new Error(`section ${section.id} shows by commune an indicator not kept by commune: ${id}`);
    }
  return byId;
}
