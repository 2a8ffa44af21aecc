// What the platform publishes of its indicators — the open data and the live figures of the public experiment
// register — built once per refresh of the indicator store and protected by statistical secrecy (secrecy.ts). Every
// public figure comes from here, so that the datasets and the register never publish two figures that, put
// together, would give a secret away. Margins, for each territory and month: plans (commune × life event),
// estimations (commune), cases opened, answered and closed (life event, the resident's commune, and usefulness for
// the closed ones), satisfaction answers (occasion, and each question's answers), organisations' first answers,
// appointments seen, walk-ins, people met in the bus (by stop).
//
// Only complete months are published, by the open data and by the public pages alike: a month still counting would
// change from one refresh to the next, and two looks at it would tell the difference — "secret" then 11 is one more
// person. A month is complete once a refresh that started after its end has counted it (`lastCompleteMonth`).
import type { Db } from '../../platform/db/database.ts';
import { lifeEventIds } from '../navigator/life-events.ts';
import { membershipForYear } from '../territory/membership-store.ts';
import { addMonths, monthOf, monthsBetween } from './months.ts';
import { cell, protectMargins, type Margin, type ProtectedCell } from './secrecy.ts';
import { lastRefresh, readIndicatorValues, type StoredValue } from './store.ts';
import { listTerritorySummaries } from '../territory/membership-store.ts';

/** A margin of one territory and month: its total and its named partitions (key → cell). */
export interface PublishedMargin {
  total: ProtectedCell;
  partitions: Record<string, Map<string, ProtectedCell>>;
}

/** A statistic published beside a count (a median of the durations the count counts). */
export interface PublishedStatistic {
  count: ProtectedCell;
  median: number | null;
  p90: number | null;
}

/** The measures published per territory and month. */
export type MeasureId =
  | 'plans'
  | 'estimations'
  | 'cases-opened'
  | 'cases-answered'
  | 'cases-closed'
  | 'satisfaction-answers'
  | 'case-first-answers'
  | 'appointments-seen'
  | 'walk-ins'
  | 'bus-stop-people';

export interface Publication {
  /** Months covered, the last one being the current (incomplete) month. */
  months: string[];
  currentMonth: string;
  /**
   * The last month published: before the current month, and before the month in which the last refresh of the
   * indicator store started (that refresh counted every event of the months before). Null before any refresh.
   */
  lastCompleteMonth: string | null;
  territories: { id: string; name: string }[];
  /** `${measure}|${territory}|${month}` → margin. */
  margins: Map<string, PublishedMargin>;
  /** `${territory}|${month}|${organisation}` → first-answer statistic ('' for all organisations). */
  firstAnswerDelays: Map<string, PublishedStatistic>;
  /** When the indicator store was last refreshed. */
  refreshedAt: Date | null;
}

const measureIndicators: Record<MeasureId, string> = {
  plans: 'plans',
  estimations: 'estimations',
  'cases-opened': 'cases-opened',
  'cases-answered': 'cases-answered',
  'cases-closed': 'cases-closed',
  'satisfaction-answers': 'satisfaction-answers',
  'case-first-answers': 'case-first-answers',
  'appointments-seen': 'appointments-seen',
  'walk-ins': 'walk-ins',
  'bus-stop-people': 'bus-stop-people',
};
const extraIndicators = [
  'cases-usefulness',
  'satisfaction-went',
  'satisfaction-easy',
  'satisfaction-useful',
  'case-first-answer-median-hours',
  'case-first-answer-p90-hours',
];
export const usefulnessValues = ['yes', 'partly', 'no', 'unknown'];
export const subjectValues = ['plan', 'case', 'appointment'];
export const wentValues = ['good', 'average', 'bad'];
export const yesPartlyNoValues = ['yes', 'partly', 'no'];

/** The key of a margin. */
export const marginKey = (measure: MeasureId, territory: string, month: string) =>
  `${measure}|${territory}|${month}`;

/** Cells of a partition: every key of the grid (zero when absent) plus any key seen in the values. */
function partition(grid: string[], values: Map<string, number>): Map<string, ProtectedCell> {
  const cells = new Map<string, ProtectedCell>();
  for (const key of grid) cells.set(key, cell(0));
  for (const [key, value] of values) cells.set(key, cell((cells.get(key)?.value ?? 0) + value));
  return cells;
}

function sumOf(values: Map<string, number>): number {
  let total = 0;
  for (const v of values.values()) total += v;
  return total;
}

/** Builds and protects the whole publication from the indicator store. */
export async function buildPublication(db: Db, now: Date): Promise<Publication> {
  const currentMonth = monthOf(now);
  const refreshed = await lastRefresh(db);
  const lastCompleteMonth = refreshed
    ? [addMonths(currentMonth, -1), addMonths(monthOf(refreshed.startedAt), -1)].sort()[0]!
    : null;
  const all = await readIndicatorValues(db, {
    indicators: [...Object.values(measureIndicators), ...extraIndicators],
    territoryIds: null,
    range: { from: '2000-01', to: currentMonth },
  });
  // At least the last twelve months, so that a quiet month shows 0 rather than nothing.
  const firstMonth = all.reduce((m, v) => (v.month < m ? v.month : m), addMonths(currentMonth, -12));
  const months = monthsBetween(firstMonth, currentMonth);
  const summaries = await listTerritorySummaries(db);
  const territories = summaries.map((t) => ({ id: t.id, name: t.name }));
  const territoryIds = [...territories.map((t) => t.id)];
  if (all.some((v) => v.territoryId === '')) territoryIds.push('');

  // values[indicator][territory|month] → Map(key → value)
  const grouped = new Map<string, Map<string, Map<string, number>>>();
  const add = (v: StoredValue, key: string) => {
    let byIndicator = grouped.get(v.indicator);
    if (!byIndicator) grouped.set(v.indicator, (byIndicator = new Map()));
    const group = `${v.territoryId}|${v.month}`;
    let cells = byIndicator.get(group);
    if (!cells) byIndicator.set(group, (cells = new Map()));
    cells.set(key, (cells.get(key) ?? 0) + v.value);
  };
  const statistics = new Map<string, number>();
  const casesByCommune = new Set(['cases-opened', 'cases-answered', 'cases-closed']);
  for (const v of all) {
    if (v.indicator === 'plans') add(v, `${v.commune}|${v.breakdown}`);
    else if (v.indicator === 'estimations') add(v, v.commune);
    else if (v.indicator.endsWith('-hours'))
      statistics.set(`${v.indicator}|${v.territoryId}|${v.month}|${v.breakdown}`, v.value);
    else {
      add(v, v.breakdown);
      // The cases also split by the resident's commune ('' when not said).
      if (casesByCommune.has(v.indicator)) add({ ...v, indicator: `${v.indicator}|commune` }, v.commune);
    }
  }
  const cellsOf = (indicator: string, territory: string, month: string) =>
    grouped.get(indicator)?.get(`${territory}|${month}`) ?? new Map<string, number>();

  const communesByYear = new Map<number, Map<string, string[]>>();
  const communesOf = async (territory: string, month: string): Promise<string[]> => {
    const year = Number(month.slice(0, 4));
    if (!communesByYear.has(year)) {
      const byTerritory = new Map<string, string[]>();
      for (const [commune, t] of await membershipForYear(db, year)) {
        const list = byTerritory.get(t) ?? [];
        list.push(commune);
        byTerritory.set(t, list);
      }
      for (const list of byTerritory.values()) list.sort();
      communesByYear.set(year, byTerritory);
    }
    return communesByYear.get(year)!.get(territory) ?? [];
  };

  const margins = new Map<string, PublishedMargin>();
  const firstAnswerDelays = new Map<string, PublishedStatistic>();
  const events = [...lifeEventIds];
  for (const territory of territoryIds) {
    for (const month of months) {
      const communes = territory === '' ? [] : await communesOf(territory, month);
      const plans = cellsOf('plans', territory, month);
      const planGrid = communes.flatMap((c) => events.map((e) => `${c}|${e}`));
      margins.set(marginKey('plans', territory, month), {
        total: cell(sumOf(plans)),
        partitions: { cells: partition(planGrid, plans) },
      });
      const estimations = cellsOf('estimations', territory, month);
      margins.set(marginKey('estimations', territory, month), {
        total: cell(sumOf(estimations)),
        partitions: { cells: partition(communes, estimations) },
      });
      if (territory === '') continue;
      // The cases by the resident's commune: every commune of the territory, and '' for "non renseignée".
      const caseCommunes = [...communes, ''];
      for (const measure of ['cases-opened', 'cases-answered'] as const) {
        const values = cellsOf(measure, territory, month);
        margins.set(marginKey(measure, territory, month), {
          total: cell(sumOf(values)),
          partitions: {
            'life-event': partition(events, values),
            commune: partition(caseCommunes, cellsOf(`${measure}|commune`, territory, month)),
          },
        });
      }
      const closed = cellsOf('cases-closed', territory, month);
      margins.set(marginKey('cases-closed', territory, month), {
        total: cell(sumOf(closed)),
        partitions: {
          'life-event': partition(events, closed),
          usefulness: partition(usefulnessValues, cellsOf('cases-usefulness', territory, month)),
          commune: partition(caseCommunes, cellsOf('cases-closed|commune', territory, month)),
        },
      });
      const subjects = cellsOf('satisfaction-answers', territory, month);
      margins.set(marginKey('satisfaction-answers', territory, month), {
        total: cell(sumOf(subjects)),
        partitions: {
          subject: partition(subjectValues, subjects),
          went: partition(wentValues, cellsOf('satisfaction-went', territory, month)),
          easy: partition(yesPartlyNoValues, cellsOf('satisfaction-easy', territory, month)),
          useful: partition(yesPartlyNoValues, cellsOf('satisfaction-useful', territory, month)),
        },
      });
      // Appointments seen and walk-ins: a total each (the register shows them, no dataset splits them); the people
      // met in the bus, split by stop.
      for (const measure of ['appointments-seen', 'walk-ins'] as const)
        margins.set(marginKey(measure, territory, month), {
          total: cell(sumOf(cellsOf(measure, territory, month))),
          partitions: {},
        });
      const met = cellsOf('bus-stop-people', territory, month);
      margins.set(marginKey('bus-stop-people', territory, month), {
        total: cell(sumOf(met)),
        partitions: { stop: partition([], met) },
      });
      // The store keeps the organisations' first answers and, under '', all of them: the total of the margin.
      const answers = new Map(cellsOf('case-first-answers', territory, month));
      const total = answers.get('') ?? 0;
      answers.delete('');
      const margin = { total: cell(total), partitions: { organisation: partition([], answers) } };
      margins.set(marginKey('case-first-answers', territory, month), margin);
    }
  }
  protectMargins(
    [...margins.values()].map((m): Margin => ({
      total: m.total,
      partitions: Object.values(m.partitions).map((p) => [...p.values()]),
    })),
  );
  // Medians and 90th percentiles describe the durations a count counts: published only beside a published count.
  for (const [key, margin] of margins) {
    if (!key.startsWith('case-first-answers|')) continue;
    const [, territory, month] = key.split('|') as [string, string, string];
    const statistic = (organisation: string, count: ProtectedCell): PublishedStatistic => {
      const read = (indicator: string) =>
        count.secret || count.value === 0
          ? null
          : (statistics.get(`${indicator}|${territory}|${month}|${organisation}`) ?? null);
      return {
        count,
        median: read('case-first-answer-median-hours'),
        p90: read('case-first-answer-p90-hours'),
      };
    };
    firstAnswerDelays.set(`${territory}|${month}|`, statistic('', margin.total));
    for (const [organisation, count] of margin.partitions.organisation!)
      firstAnswerDelays.set(`${territory}|${month}|${organisation}`, statistic(organisation, count));
  }
  return {
    months,
    currentMonth,
    lastCompleteMonth,
    territories,
    margins,
    firstAnswerDelays,
    refreshedAt: refreshed?.finishedAt ?? null,
  };
}

// One publication per database and refresh: rebuilt when the store is refreshed or the month changes.
const cache = new WeakMap<Db, { key: string; value: Promise<Publication> }>();

/** The current publication, built at most once per refresh of the indicator store. */
export async function currentPublication(db: Db, now: Date): Promise<Publication> {
  const refreshed = await lastRefresh(db);
  const key = `${refreshed?.finishedAt.toISOString() ?? 'never'}|${monthOf(now)}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.value;
  const value = buildPublication(db, now);
  cache.set(db, { key, value });
  value.catch(() => cache.delete(db));
  return value;
}

/**
 * The figures a solution of the public register may be judged by, month by month once each month is complete: each
 * one a total or a cell of the protected margins, so that the register publishes nothing the open data does not
 * protect.
 */
export const publicIndicators: Record<
  string,
  { label: string; measure: MeasureId; partition?: string; key?: string }
> = {
  plans: { label: 'Plans personnalisés faits', measure: 'plans' },
  estimations: { label: 'Estimations de droits par l’API', measure: 'estimations' },
  'cases-opened': { label: 'Saisines ouvertes', measure: 'cases-opened' },
  'cases-answered': { label: 'Saisines avec une première réponse', measure: 'cases-answered' },
  'cases-closed': { label: 'Saisines closes', measure: 'cases-closed' },
  'cases-useful': {
    label: 'Saisines closes avec une réponse utile',
    measure: 'cases-closed',
    partition: 'usefulness',
    key: 'yes',
  },
  'appointments-seen': { label: 'Rendez-vous honorés', measure: 'appointments-seen' },
  'walk-ins': { label: 'Visites sans rendez-vous', measure: 'walk-ins' },
  'bus-stop-people': { label: 'Personnes reçues dans le bus', measure: 'bus-stop-people' },
  'satisfaction-answers': { label: 'Avis donnés', measure: 'satisfaction-answers' },
  'satisfaction-good': {
    label: 'Avis « cela s’est bien passé »',
    measure: 'satisfaction-answers',
    partition: 'went',
    key: 'good',
  },
};

/** Whether a month is published: complete, and counted by a refresh that started after its end. */
export function isPublishedMonth(publication: Publication, month: string): boolean {
  return publication.lastCompleteMonth !== null && month <= publication.lastCompleteMonth;
}

/**
 * A public indicator's published value for a territory and month: a count, 'secret', or null when not covered —
 * and null for a month not complete yet (see isPublishedMonth), whoever asks.
 */
export function publicValue(
  publication: Publication,
  indicator: string,
  territoryId: string,
  month: string,
): number | 'secret' | null {
  const definition = publicIndicators[indicator];
  if (!definition || !isPublishedMonth(publication, month)) return null;
  const margin = publication.margins.get(marginKey(definition.measure, territoryId, month));
  if (!margin) return null;
  const c = definition.partition
    ? margin.partitions[definition.partition]?.get(definition.key!)
    : margin.total;
  return c ? (c.secret ? 'secret' : c.value) : null;
}
