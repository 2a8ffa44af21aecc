// The indicators of shared cases, declared for the pilotage's indicator store (see
// src/features/pilotage/indicator-registry.ts). Each event counts in the month it happened, in Paris time: a case
// opened, first answered, closed; an organisation's first answer and the end of its part. The queries below are this
// feature's aggregate queries (the indicator store's only reads of the cases tables): each one reads one range of
// months through the time indexes of migrations/20261206T2030, never the whole table, unless a full refresh asks.
// Every count keeps the resident's commune ('' when the helper did not say it: "commune non renseignée"), so the
// pages show cases by commune or EPCI; the delays, which do not add up, are computed once per commune and once per
// EPCI — the EPCI of the commune as the territory's communes table holds it (from the official geography, like the
// EPCI the pages give the other indicators' communes).
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type {
  IndicatorDefinition,
  IndicatorRow,
  IndicatorSource,
  MonthRange,
} from '../pilotage/indicator-registry.ts';
import './tables.ts';

const usefulnessLabels = { yes: 'Oui', partly: 'En partie', no: 'Non', unknown: 'Non renseignée' };

/** The bounds of a month range as instants: first day of `from` to first day after `to`, Paris midnight. */
function bounds(range: MonthRange) {
  const [y, m] = range.to.split('-').map(Number) as [number, number];
  const after = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    start: sql`(${range.from + '-01'}::timestamp at time zone 'Europe/Paris')`,
    end: sql`(${after + '-01'}::timestamp at time zone 'Europe/Paris')`,
  };
}

const month = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'Europe/Paris', 'YYYY-MM')`;

/** The pilotage's grains for the delays by place: a commune's INSEE code, or an EPCI's SIREN. */
const placeGrains = { commune: 'Commune', epci: 'Intercommunalité' };

interface CountRow {
  territory_id: string;
  month: string;
  commune: string;
  breakdown: string;
  n: number;
}
interface StatRow {
  territory_id: string;
  month: string;
  organisation: string | null;
  commune: string | null;
  epci: string | null;
  /** grouping(organisation, commune, epci): which grouping set the row is (7: all organisations). */
  g: number;
  n: number;
  median: number;
  p90: number;
}

function counts(indicator: string, rows: CountRow[]): IndicatorRow[] {
  return rows.map((r) => ({
    indicator,
    territoryId: r.territory_id,
    month: r.month,
    commune: r.commune,
    breakdown: r.breakdown,
    value: Number(r.n),
  }));
}

interface StatisticNames {
  count: string;
  median: string;
  p90: string;
}

/**
 * Count, median and 90th percentile rows from the grouping sets of a delay query: per organisation and for all
 * organisations (breakdown ''), and per commune and per EPCI (the place in the commune column, its grain in the
 * breakdown; '' for the cases without a commune, '?' for a commune in no EPCI).
 */
function statistics(names: StatisticNames, placeNames: StatisticNames, rows: StatRow[]): IndicatorRow[] {
  return rows.flatMap((r) => {
    const g = Number(r.g);
    const grain = g === 5 ? 'commune' : g === 6 ? 'epci' : null;
    const indicator = grain ? placeNames : names;
    const base = {
      territoryId: r.territory_id,
      month: r.month,
      commune: grain === 'commune' ? (r.commune ?? '') : grain === 'epci' ? (r.epci ?? '') : '',
      breakdown: grain ?? (g === 3 ? (r.organisation ?? '') : ''),
    };
    return [
      { ...base, indicator: indicator.count, value: Number(r.n) },
      { ...base, indicator: indicator.median, value: Math.round(Number(r.median) * 10) / 10 },
      { ...base, indicator: indicator.p90, value: Math.round(Number(r.p90) * 10) / 10 },
    ];
  });
}

/** The delay statistics' grouping sets: per organisation, all organisations, per commune, per EPCI. */
const delayGroupingSets = sql`grouping sets ((territory_id, month, organisation), (territory_id, month),
  (territory_id, month, commune), (territory_id, month, epci))`;

/** The commune of a case's resident ('' when not said) and its EPCI ('' without commune, '?' outside any EPCI). */
const communeColumns = (cases: string, communes: string) => sql`
  coalesce(${sql.ref(`${cases}.resident_commune`)}, '') as commune,
  case when ${sql.ref(`${cases}.resident_commune`)} is null then ''
    else coalesce(${sql.ref(`${communes}.epci_code`)}, '?') end as epci`;

const firstAnswerNames = {
  count: 'case-first-answers',
  median: 'case-first-answer-median-hours',
  p90: 'case-first-answer-p90-hours',
};
const closingNames = {
  count: 'case-closings',
  median: 'case-closing-median-hours',
  p90: 'case-closing-p90-hours',
};
/** The same statistics by the resident's place: their own indicators, since their rows are per commune and EPCI. */
const byPlace = (names: StatisticNames): StatisticNames => ({
  count: `${names.count}-by-place`,
  median: `${names.median}-by-place`,
  p90: `${names.p90}-by-place`,
});
const firstAnswerNamesByPlace = byPlace(firstAnswerNames);
const closingNamesByPlace = byPlace(closingNames);

/**
 * Each query reads one range of months through a time index, then joins the cases by primary key. With PostgreSQL's
 * default random_page_cost (4, for spinning disks) the planner would rather scan the million cases on every refresh;
 * the transaction states the cost of a random read on SSD or cached storage, where the index path is 3 to 5 times
 * faster (measured on the bench dataset, docs/performance.md).
 */
async function compute(db: Db, range: MonthRange): Promise<IndicatorRow[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set local random_page_cost = 1.1`.execute(trx);
    return computeIn(trx, range);
  });
}

async function computeIn(db: Transaction<Database>, range: MonthRange): Promise<IndicatorRow[]> {
  const { start, end } = bounds(range);
  const opened = await sql<CountRow>`
    select territory_id, ${month('created_at')} as month, coalesce(resident_commune, '') as commune,
      life_event as breakdown, count(*) as n
    from cases where created_at >= ${start} and created_at < ${end}
    group by 1, 2, 3, 4`.execute(db);
  // A case is answered in the month of the first answer any organisation gave on it: the cases with an answer in
  // the range (time index), then each one's earliest answer through its participants (primary key), never a scan.
  const answered = await sql<CountRow>`
    select c.territory_id, ${month('f.first_at')} as month, coalesce(c.resident_commune, '') as commune,
      c.life_event as breakdown, count(*) as n
    from (select distinct case_id from case_participants where first_answer_at >= ${start} and first_answer_at < ${end}) candidate
    cross join lateral (
      select min(q.first_answer_at) as first_at from case_participants q where q.case_id = candidate.case_id
    ) f
    join cases c on c.id = candidate.case_id
    where f.first_at >= ${start} and f.first_at < ${end}
    group by 1, 2, 3, 4`.execute(db);
  const closed = await sql<CountRow & { usefulness: string }>`
    select territory_id, ${month('closed_at')} as month, coalesce(resident_commune, '') as commune,
      life_event as breakdown, coalesce(usefulness, 'unknown') as usefulness, count(*) as n
    from cases where closed_at >= ${start} and closed_at < ${end}
    group by 1, 2, 3, 4, 5`.execute(db);
  const closedByEvent = new Map<string, CountRow>();
  const closedByUsefulness = new Map<string, CountRow>();
  for (const r of closed.rows) {
    for (const [map, breakdown] of [
      [closedByEvent, r.breakdown],
      [closedByUsefulness, r.usefulness],
    ] as const) {
      const key = `${r.territory_id}|${r.month}|${r.commune}|${breakdown}`;
      const row = map.get(key) ?? {
        territory_id: r.territory_id,
        month: r.month,
        commune: r.commune,
        breakdown,
        n: 0,
      };
      row.n += Number(r.n);
      map.set(key, row);
    }
  }
  // Time to first answer, per invited organisation, in hours, counted in the month of the answer. A case flagged
  // "procédure standard" (a trivial request) stays out of the delays, as in the managers' dashboard.
  const firstAnswers = await sql<StatRow>`
    select territory_id, month, organisation, commune, epci, grouping(organisation, commune, epci) as g,
      count(*) as n,
      percentile_cont(0.5) within group (order by hours) as median,
      percentile_cont(0.9) within group (order by hours) as p90
    from (
      select c.territory_id, ${month('p.first_answer_at')} as month, o.slug as organisation,
        ${communeColumns('c', 'm')},
        extract(epoch from p.first_answer_at - p.invited_at) / 3600 as hours
      from case_participants p join cases c on c.id = p.case_id join organisations o on o.id = p.organisation_id
        left join communes m on m.insee_code = c.resident_commune
      where p.first_answer_at >= ${start} and p.first_answer_at < ${end} and not c.standard_procedure
    ) d
    group by ${delayGroupingSets}`.execute(db);
  // Time to closing, per organisation: from its invitation to the end of its part — the part it marked done, or the
  // closing of the case when that came first — counted in the month of that end; standard procedures left out.
  const closings = await sql<StatRow>`
    with ends as (
      select c.territory_id, c.resident_commune, p.organisation_id, p.invited_at, p.done_at as ended_at
      from case_participants p join cases c on c.id = p.case_id
      where p.done_at >= ${start} and p.done_at < ${end} and (c.closed_at is null or c.closed_at >= p.done_at)
        and not c.standard_procedure
      union all
      select c.territory_id, c.resident_commune, p.organisation_id, p.invited_at, c.closed_at as ended_at
      from cases c join case_participants p on p.case_id = c.id
      where c.closed_at >= ${start} and c.closed_at < ${end} and (p.done_at is null or p.done_at > c.closed_at)
        and not c.standard_procedure
    )
    select territory_id, month, organisation, commune, epci, grouping(organisation, commune, epci) as g,
      count(*) as n,
      percentile_cont(0.5) within group (order by hours) as median,
      percentile_cont(0.9) within group (order by hours) as p90
    from (
      select e.territory_id, ${month('e.ended_at')} as month, o.slug as organisation,
        ${communeColumns('e', 'm')},
        extract(epoch from e.ended_at - e.invited_at) / 3600 as hours
      from ends e join organisations o on o.id = e.organisation_id
        left join communes m on m.insee_code = e.resident_commune
    ) d
    group by ${delayGroupingSets}`.execute(db);
  return [
    ...counts('cases-opened', opened.rows),
    ...counts('cases-answered', answered.rows),
    ...counts('cases-closed', [...closedByEvent.values()]),
    ...counts('cases-usefulness', [...closedByUsefulness.values()]),
    ...statistics(firstAnswerNames, firstAnswerNamesByPlace, firstAnswers.rows),
    ...statistics(closingNames, closingNamesByPlace, closings.rows),
  ];
}

/**
 * The three indicators of a delay by the resident's place: counted and measured in the month, once per commune and
 * once per EPCI (the grain in the breakdown), so that a median is never made from other medians.
 */
function placeStatistics(
  names: StatisticNames,
  labels: { count: string; median: string; p90: string; what: string },
): IndicatorDefinition[] {
  const breakdown = { label: 'Maille', kind: 'values' as const, labels: placeGrains };
  const common = { breakdown, byCommune: true };
  const scope = `par commune de l’usager et par intercommunalité, hors procédures standard`;
  return [
    {
      id: names.count,
      label: labels.count,
      description: `Nombre de ${labels.what} dans le mois, ${scope}.`,
      unit: 'count',
      ...common,
    },
    {
      id: names.median,
      label: labels.median,
      description: `Médiane du délai des ${labels.what} dans le mois, ${scope}.`,
      unit: 'hours',
      ...common,
    },
    {
      id: names.p90,
      label: labels.p90,
      description: `90e centile du délai des ${labels.what} dans le mois, ${scope}.`,
      unit: 'hours',
      ...common,
    },
  ];
}

/** The indicators of shared cases. */
export const casesIndicators: IndicatorSource = {
  feature: 'cases',
  indicators: [
    {
      id: 'cases-opened',
      label: 'Saisines ouvertes',
      description:
        'Saisines ouvertes par un aidant dans le mois, par moment de vie et commune de l’usager (« non renseignée » quand l’aidant ne l’a pas dite).',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
      byCommune: true,
    },
    {
      id: 'cases-answered',
      label: 'Saisines avec une première réponse',
      description: 'Saisines qui ont reçu dans le mois la première réponse d’un organisme.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
      byCommune: true,
    },
    {
      id: 'cases-closed',
      label: 'Saisines closes',
      description: 'Saisines closes par l’aidant dans le mois.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
      byCommune: true,
    },
    {
      id: 'cases-usefulness',
      label: 'Utilité de la réponse à la clôture',
      description: 'Saisines closes dans le mois, selon l’utilité de la réponse dite par l’aidant.',
      unit: 'count',
      breakdown: { label: 'Réponse utile', kind: 'values', labels: usefulnessLabels },
      byCommune: true,
    },
    {
      id: 'case-first-answers',
      label: 'Premières réponses des organismes',
      description:
        'Organismes invités qui ont donné leur première réponse dans le mois (hors procédures standard).',
      unit: 'count',
      breakdown: { label: 'Organisme', kind: 'organisation' },
    },
    {
      id: 'case-first-answer-median-hours',
      label: 'Délai médian de première réponse (heures)',
      description:
        'Médiane du temps entre l’invitation d’un organisme et sa première réponse, hors procédures standard.',
      unit: 'hours',
      breakdown: { label: 'Organisme', kind: 'organisation' },
    },
    {
      id: 'case-first-answer-p90-hours',
      label: 'Délai de première réponse, 90e centile (heures)',
      description: '9 premières réponses sur 10 arrivent avant ce délai.',
      unit: 'hours',
      breakdown: { label: 'Organisme', kind: 'organisation' },
    },
    {
      id: 'case-closings',
      label: 'Parts terminées par les organismes',
      description:
        'Organismes dont la part s’est terminée dans le mois (part marquée terminée ou saisine close), hors procédures standard.',
      unit: 'count',
      breakdown: { label: 'Organisme', kind: 'organisation' },
    },
    {
      id: 'case-closing-median-hours',
      label: 'Délai médian jusqu’à la clôture (heures)',
      description:
        'Médiane du temps entre l’invitation d’un organisme et la fin de sa part, hors procédures standard.',
      unit: 'hours',
      breakdown: { label: 'Organisme', kind: 'organisation' },
    },
    {
      id: 'case-closing-p90-hours',
      label: 'Délai jusqu’à la clôture, 90e centile (heures)',
      description: '9 parts sur 10 se terminent avant ce délai.',
      unit: 'hours',
      breakdown: { label: 'Organisme', kind: 'organisation' },
    },
    ...placeStatistics(firstAnswerNamesByPlace, {
      count: 'Premières réponses des organismes, par lieu de l’usager',
      median: 'Délai médian de première réponse, par lieu de l’usager (heures)',
      p90: 'Délai de première réponse, 90e centile, par lieu de l’usager (heures)',
      what: 'premières réponses des organismes invités',
    }),
    ...placeStatistics(closingNamesByPlace, {
      count: 'Parts terminées par les organismes, par lieu de l’usager',
      median: 'Délai médian jusqu’à la clôture, par lieu de l’usager (heures)',
      p90: 'Délai jusqu’à la clôture, 90e centile, par lieu de l’usager (heures)',
      what: 'parts des organismes terminées',
    }),
  ],
  sections: [
    {
      id: 'saisines',
      title: 'Saisines partagées entre organismes',
      series: ['cases-opened', 'cases-answered', 'cases-closed'],
      breakdowns: ['cases-opened', 'cases-usefulness'],
      byPlace: ['cases-opened', 'cases-answered', 'cases-closed'],
      placeBreakdowns: ['cases-usefulness'],
      placeStatistics: [
        { title: 'Délai de première réponse', ...firstAnswerNamesByPlace },
        { title: 'Délai jusqu’à la clôture', ...closingNamesByPlace },
      ],
      statistics: [
        {
          title: 'Délai de première réponse par organisme',
          count: 'case-first-answers',
          median: 'case-first-answer-median-hours',
          p90: 'case-first-answer-p90-hours',
        },
        {
          title: 'Délai jusqu’à la clôture par organisme',
          count: 'case-closings',
          median: 'case-closing-median-hours',
          p90: 'case-closing-p90-hours',
        },
      ],
    },
  ],
  compute,
};
