// The tables of the indicator pages, built from the declared sections (indicator-registry.ts) and the stored
// values. A page shows each table (with its chart when it has series) and offers it as CSV: both come from the same
// table, so that every table the page shows exports, and nothing else does. Pure: no I/O.
import { lifeEventIds } from '../navigator/life-events.ts';
import type { IndicatorDefinition, IndicatorSource, MonthRange } from './indicator-registry.ts';
import { monthLabel, monthsBetween } from './months.ts';
import type { IndicatorSummary } from './store.ts';

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface DataTable {
  /** Stable id, used by the CSV link. */
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** Draw the numeric columns as bars, one group per row (months or territories). */
  chart?: { unit: string };
}

export interface PageSection {
  id: string;
  title: string;
  description?: string;
  tables: DataTable[];
}

/** Labels the tables need, read by the route from the features that own them. */
export interface Labels {
  lifeEvents: Record<string, string>;
  organisations: Record<string, string>;
  /** Places (counters, bus stops) by slug. */
  places: Record<string, string>;
  communes: Record<string, string>;
  epciOf: (commune: string) => { code: string; name: string } | null;
  territories: Record<string, string>;
}

export type Grain = 'commune' | 'epci';

function breakdownLabel(definition: IndicatorDefinition, key: string, labels: Labels): string {
  const b = definition.breakdown;
  if (!b) return key;
  if (b.kind === 'life-event') return labels.lifeEvents[key] ?? (key || 'Non précisé');
  if (b.kind === 'organisation') return labels.organisations[key] ?? key;
  if (b.kind === 'place') return labels.places[key] ?? key;
  return b.labels[key] ?? key;
}

function breakdownOrder(definition: IndicatorDefinition, seen: string[]): string[] {
  const b = definition.breakdown;
  const base = !b
    ? []
    : b.kind === 'life-event'
      ? [...lifeEventIds]
      : b.kind === 'values'
        ? Object.keys(b.labels)
        : [];
  return [...base, ...seen.filter((k) => !base.includes(k)).sort()];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The keys seen in a summary map for one territory and indicator (`territory|indicator|key`). */
function keysOf(map: Map<string, number>, territory: string, indicator: string): string[] {
  const prefix = `${territory}|${indicator}|`;
  const keys: string[] = [];
  for (const key of map.keys()) if (key.startsWith(prefix)) keys.push(key.slice(prefix.length));
  return keys;
}

/**
 * The indicators a page needs, split as the summary reads them: counts, statistics with their counts, counts by
 * place and breakdown, and statistics by place with their counts (read apart: their counts are per grain).
 */
export function summaryIndicators(sources: IndicatorSource[]): {
  counts: string[];
  statistics: string[];
  placeBreakdowns: string[];
  placeStatistics: string[];
} {
  const sections = sources.flatMap((s) => s.sections);
  const triples = (list: { count: string; median: string; p90: string }[]) =>
    list.flatMap((st) => [st.count, st.median, st.p90]);
  const statistics = triples(sections.flatMap((section) => section.statistics ?? []));
  const placeStatistics = triples(sections.flatMap((section) => section.placeStatistics ?? []));
  const placeBreakdowns = [...new Set(sections.flatMap((section) => section.placeBreakdowns ?? []))];
  const counts = sources.flatMap((s) =>
    s.indicators.filter((i) => i.unit === 'count' && !placeStatistics.includes(i.id)).map((i) => i.id),
  );
  return { counts, statistics, placeBreakdowns, placeStatistics };
}

/** The words of a place with no commune said, at either grain. */
export const noCommuneLabel = 'Commune non renseignée';

/**
 * A stored commune ('' when not said) at a grain: the key its row adds up under and its label. At the EPCI grain the
 * EPCI comes from `labels.epciOf`; a commune in no EPCI goes under '?'.
 */
function placeOfCommune(commune: string, grain: Grain, labels: Labels): { key: string; label: string } {
  if (!commune) return { key: '', label: noCommuneLabel };
  if (grain === 'commune')
    return { key: commune, label: `${labels.communes[commune] ?? commune} (${commune})` };
  const epci = labels.epciOf(commune);
  return epci ? { key: epci.code, label: epci.name } : { key: '?', label: 'Intercommunalité inconnue' };
}

/** Places in label order, the unsaid and unknown ones last. */
function byPlaceLabel(a: { key: string; label: string }, b: { key: string; label: string }): number {
  const rank = (p: { key: string }) => (p.key === '' ? 2 : p.key === '?' ? 1 : 0);
  return rank(a) - rank(b) || a.label.localeCompare(b.label, 'fr');
}

const grainWords = (grain: Grain) =>
  grain === 'epci'
    ? { slug: 'epci', column: 'Intercommunalité', by: 'intercommunalité' }
    : { slug: 'communes', column: 'Commune', by: 'commune' };

/** The sections of one territory's page. */
export function territorySections(
  sources: IndicatorSource[],
  summary: IndicatorSummary,
  territory: string,
  labels: Labels,
  range: MonthRange,
  grain: Grain,
): PageSection[] {
  const definitions = new Map(sources.flatMap((s) => s.indicators).map((i) => [i.id, i]));
  const months = monthsBetween(range.from, range.to);
  const monthly = (id: string, month: string) => summary.byMonth.get(`${territory}|${id}|${month}`) ?? 0;
  const sections: PageSection[] = [];
  for (const source of sources)
    for (const section of source.sections) {
      const tables: DataTable[] = [];
      if (section.series.length > 0)
        tables.push({
          id: `${section.id}-mois`,
          caption: `${section.title} par mois`,
          columns: [
            { key: 'month', label: 'Mois' },
            ...section.series.map((id) => ({ key: id, label: definitions.get(id)!.label, numeric: true })),
          ],
          rows: months.map((month) => ({
            month: monthLabel(month),
            ...Object.fromEntries(section.series.map((id) => [id, monthly(id, month)])),
          })),
          chart: { unit: 'nombre' },
        });
      for (const id of section.breakdowns ?? []) {
        const definition = definitions.get(id)!;
        const seen = keysOf(summary.byBreakdown, territory, id);
        const count = (key: string) => summary.byBreakdown.get(`${territory}|${id}|${key}`) ?? 0;
        const total = seen.reduce((s, key) => s + count(key), 0);
        tables.push({
          id: `${id}-detail`,
          caption: `${definition.label} : répartition par ${definition.breakdown!.label.toLowerCase()}, sur la période`,
          columns: [
            { key: 'value', label: definition.breakdown!.label },
            { key: 'count', label: 'Nombre', numeric: true },
            { key: 'share', label: 'Part (%)', numeric: true },
          ],
          rows: breakdownOrder(definition, seen).map((key) => ({
            value: breakdownLabel(definition, key, labels),
            count: count(key),
            share: total > 0 ? round1((100 * count(key)) / total) : null,
          })),
        });
      }
      (section.statistics ?? []).forEach((statistic, index) => {
        const last = range.to;
        const read = (id: string, month: string, organisation: string) =>
          summary.statistics.get(`${territory}|${id}|${month}|${organisation}`) ?? null;
        const prefix = `${territory}|${statistic.count}|${last}|`;
        const organisations = [...summary.statistics.keys()]
          .filter((k) => k.startsWith(prefix) && k.length > prefix.length)
          .map((k) => k.slice(prefix.length))
          .sort((a, b) => (labels.organisations[a] ?? a).localeCompare(labels.organisations[b] ?? b, 'fr'));
        const row = (month: string, organisation: string, label: string) => ({
          label,
          count: read(statistic.count, month, organisation) ?? 0,
          median: read(statistic.median, month, organisation),
          p90: read(statistic.p90, month, organisation),
        });
        const columns = (first: string) => [
          { key: 'label', label: first },
          { key: 'count', label: 'Nombre', numeric: true },
          { key: 'median', label: 'Médiane (heures)', numeric: true },
          { key: 'p90', label: '90e centile (heures)', numeric: true },
        ];
        tables.push({
          id: `${section.id}-delais-${index + 1}`,
          caption: `${statistic.title}, ${monthLabel(last)}`,
          columns: columns('Organisme'),
          rows: [
            row(last, '', 'Tous les organismes'),
            ...organisations.map((o) => row(last, o, labels.organisations[o] ?? o)),
          ],
        });
        tables.push({
          id: `${section.id}-delais-${index + 1}-mois`,
          caption: `${statistic.title} : tous les organismes, par mois`,
          columns: columns('Mois'),
          rows: months.map((m) => row(m, '', monthLabel(m))),
        });
      });
      const words = grainWords(grain);
      if (section.byPlace?.length) {
        const places = new Map<string, { key: string; label: string; values: Record<string, number> }>();
        for (const id of section.byPlace)
          for (const commune of keysOf(summary.byCommune, territory, id)) {
            const value = summary.byCommune.get(`${territory}|${id}|${commune}`) ?? 0;
            const { key, label } = placeOfCommune(commune, grain, labels);
            const place = places.get(key) ?? { key, label, values: {} };
            place.values[id] = (place.values[id] ?? 0) + value;
            places.set(key, place);
          }
        tables.push({
          id: `${section.id}-${words.slug}`,
          caption: `${section.title} par ${words.by}, sur la période`,
          columns: [
            { key: 'place', label: words.column },
            ...section.byPlace.map((id) => ({ key: id, label: definitions.get(id)!.label, numeric: true })),
          ],
          rows: [...places.values()].sort(byPlaceLabel).map((p) => ({
            place: p.label,
            ...Object.fromEntries(section.byPlace!.map((id) => [id, p.values[id] ?? 0])),
          })),
        });
      }
      for (const id of section.placeBreakdowns ?? []) {
        const definition = definitions.get(id)!;
        const places = new Map<string, { key: string; label: string; values: Map<string, number> }>();
        for (const entry of keysOf(summary.byCommuneBreakdown, territory, id)) {
          const [commune, breakdown] = entry.split('|') as [string, string];
          const { key, label } = placeOfCommune(commune, grain, labels);
          const place = places.get(key) ?? { key, label, values: new Map() };
          const value = summary.byCommuneBreakdown.get(`${territory}|${id}|${entry}`) ?? 0;
          place.values.set(breakdown, (place.values.get(breakdown) ?? 0) + value);
          places.set(key, place);
        }
        const keys = breakdownOrder(definition, [
          ...new Set([...places.values()].flatMap((p) => [...p.values.keys()])),
        ]);
        tables.push({
          id: `${id}-${words.slug}`,
          caption: `${definition.label} par ${words.by}, sur la période`,
          columns: [
            { key: 'place', label: words.column },
            ...keys.map((k) => ({
              key: `b-${k}`,
              label: breakdownLabel(definition, k, labels),
              numeric: true,
            })),
          ],
          rows: [...places.values()].sort(byPlaceLabel).map((p) => ({
            place: p.label,
            ...Object.fromEntries(keys.map((k) => [`b-${k}`, p.values.get(k) ?? 0])),
          })),
        });
      }
      (section.placeStatistics ?? []).forEach((statistic, index) => {
        const last = range.to;
        const read = (id: string, place: string) =>
          summary.placeStatistics.get(`${territory}|${id}|${grain}|${place}`) ?? null;
        const prefix = `${territory}|${statistic.count}|${grain}|`;
        const epciNames = new Map<string, string>();
        for (const commune of Object.keys(labels.communes)) {
          const epci = labels.epciOf(commune);
          if (epci) epciNames.set(epci.code, epci.name);
        }
        const label = (place: string) =>
          place === ''
            ? noCommuneLabel
            : grain === 'commune'
              ? `${labels.communes[place] ?? place} (${place})`
              : place === '?'
                ? 'Intercommunalité inconnue'
                : (epciNames.get(place) ?? place);
        const places = [...summary.placeStatistics.keys()]
          .filter((k) => k.startsWith(prefix))
          .map((k) => ({ key: k.slice(prefix.length), label: label(k.slice(prefix.length)) }))
          .sort(byPlaceLabel);
        tables.push({
          id: `${section.id}-delais-${words.slug}-${index + 1}`,
          caption: `${statistic.title} par ${words.by}, ${monthLabel(last)}`,
          columns: [
            { key: 'label', label: words.column },
            { key: 'count', label: 'Nombre', numeric: true },
            { key: 'median', label: 'Médiane (heures)', numeric: true },
            { key: 'p90', label: '90e centile (heures)', numeric: true },
          ],
          rows: places.map((p) => ({
            label: p.label,
            count: read(statistic.count, p.key) ?? 0,
            median: read(statistic.median, p.key),
            p90: read(statistic.p90, p.key),
          })),
        });
      });
      sections.push({
        id: section.id,
        title: section.title,
        ...(section.description ? { description: section.description } : {}),
        tables,
      });
    }
  return sections;
}

/** The national observer's view: every territory side by side, over the period. */
export function comparisonSections(
  sources: IndicatorSource[],
  summary: IndicatorSummary,
  labels: Labels,
  territoryIds: string[],
  range: MonthRange,
): PageSection[] {
  const definitions = sources.flatMap((s) => s.indicators);
  const counted = sources.flatMap((s) => s.sections.flatMap((section) => section.series));
  const statistics = sources.flatMap((s) => s.sections.flatMap((section) => section.statistics ?? []));
  const months = monthsBetween(range.from, range.to);
  const label = (id: string) => definitions.find((d) => d.id === id)!.label;
  const monthly = (territory: string, id: string, month: string) =>
    summary.byMonth.get(`${territory}|${id}|${month}`) ?? 0;
  const total = (territory: string, id: string) => months.reduce((s, m) => s + monthly(territory, id, m), 0);
  const median = (territory: string, id: string) =>
    summary.statistics.get(`${territory}|${id}|${range.to}|`) ?? null;
  const name = (id: string) => labels.territories[id] ?? (id || 'Hors territoire');
  const sections: PageSection[] = [
    {
      id: 'comparaison',
      title: 'Les territoires côte à côte',
      description:
        'Totaux de la période ; délais médians du dernier mois de la période, tous organismes confondus.',
      tables: [
        {
          id: 'comparaison',
          caption: 'Indicateurs par territoire, sur la période',
          columns: [
            { key: 'territory', label: 'Territoire' },
            ...counted.map((id) => ({ key: id, label: label(id), numeric: true })),
            ...statistics.map((st) => ({ key: st.median, label: label(st.median), numeric: true })),
          ],
          rows: territoryIds.map((t) => ({
            territory: name(t),
            ...Object.fromEntries(counted.map((id) => [id, total(t, id)])),
            ...Object.fromEntries(statistics.map((st) => [st.median, median(t, st.median)])),
          })),
        },
      ],
    },
  ];
  for (const id of counted)
    sections.push({
      id: `comparaison-${id}`,
      title: `${label(id)} par territoire`,
      tables: [
        {
          id: `comparaison-${id}`,
          caption: `${label(id)} par mois et par territoire`,
          columns: [
            { key: 'month', label: 'Mois' },
            ...territoryIds.map((t) => ({ key: `t-${t}`, label: name(t), numeric: true })),
          ],
          rows: months.map((m) => ({
            month: monthLabel(m),
            ...Object.fromEntries(territoryIds.map((t) => [`t-${t}`, monthly(t, id, m)])),
          })),
          chart: { unit: 'nombre' },
        },
      ],
    });
  return sections;
}

/** A table as CSV (comma-separated, UTF-8 with BOM for spreadsheets, header line). */
export function tableCsv(table: DataTable): string {
  const field = (value: Cell) => {
    if (value === null) return '';
    const text = String(value);
    return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [table.columns.map((c) => field(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => field(row[c.key] ?? null)).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
