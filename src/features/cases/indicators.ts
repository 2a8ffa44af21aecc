// The indicators of shared cases, declared for the pilotage's indicator store (see
// src/features/pilotage/indicator-registry.ts). Each event counts in the month it happened, in Paris time: a case
// opened, first answered, closed; an organisation's first answer and the end of its part. The queries below are this
// feature's aggregate queries (the indicator store's only reads of the cases tables): each one reads one range of
// months through the time indexes of migrations/20261206T2030, never the whole table, unless a full refresh asks.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { IndicatorRow, IndicatorSource, MonthRange } from '../pilotage/indicator-registry.ts';
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

interface CountRow {
  territory_id: string;
  month: string;
  breakdown: string;
  n: number;
}
interface StatRow {
  territory_id: string;
  month: string;
  breakdown: string | null;
  n: number;
  median: number;
  p90: number;
}

function counts(indicator: string, rows: CountRow[]): IndicatorRow[] {
  return rows.map((r) => ({
    indicator,
    territoryId: r.territory_id,
    month: r.month,
    breakdown: r.breakdown,
    value: Number(r.n),
  }));
}

/** Count, median and 90th percentile rows, per organisation and for all organisations (breakdown ''). */
function statistics(names: { count: string; median: string; p90: string }, rows: StatRow[]): IndicatorRow[] {
  return rows.flatMap((r) => {
    const base = { territoryId: r.territory_id, month: r.month, breakdown: r.breakdown ?? '' };
    return [
      { ...base, indicator: names.count, value: Number(r.n) },
      { ...base, indicator: names.median, value: Math.round(Number(r.median) * 10) / 10 },
      { ...base, indicator: names.p90, value: Math.round(Number(r.p90) * 10) / 10 },
    ];
  });
}

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
    select territory_id, ${month('created_at')} as month, life_event as breakdown, count(*) as n
    from cases where created_at >= ${start} and created_at < ${end}
    group by 1, 2, 3`.execute(db);
  // A case is answered in the month of the first answer any organisation gave on it: the cases with an answer in
  // the range (time index), then each one's earliest answer through its participants (primary key), never a scan.
  const answered = await sql<CountRow>`
    select c.territory_id, ${month('f.first_at')} as month, c.life_event as breakdown, count(*) as n
    from (select distinct case_id from case_participants where first_answer_at >= ${start} and first_answer_at < ${end}) candidate
    cross join lateral (
      select min(q.first_answer_at) as first_at from case_participants q where q.case_id = candidate.case_id
    ) f
    join cases c on c.id = candidate.case_id
    where f.first_at >= ${start} and f.first_at < ${end}
    group by 1, 2, 3`.execute(db);
  const closed = await sql<CountRow & { usefulness: string }>`
    select territory_id, ${month('closed_at')} as month, life_event as breakdown, coalesce(usefulness, 'unknown') as usefulness, count(*) as n
    from cases where closed_at >= ${start} and closed_at < ${end}
    group by 1, 2, 3, 4`.execute(db);
  const closedByEvent = new Map<string, CountRow>();
  const closedByUsefulness = new Map<string, CountRow>();
  for (const r of closed.rows) {
    for (const [map, breakdown] of [
      [closedByEvent, r.breakdown],
      [closedByUsefulness, r.usefulness],
    ] as const) {
      const key = `${r.territory_id}|${r.month}|${breakdown}`;
      const row = map.get(key) ?? { territory_id: r.territory_id, month: r.month, breakdown, n: 0 };
      row.n += Number(r.n);
      map.set(key, row);
    }
  }
  // Time to first answer, per invited organisation, in hours, counted in the month of the answer. A case flagged
  // "procédure standard" (a trivial request) stays out of the delays, as in the managers' dashboard.
  const firstAnswers = await sql<StatRow>`
    select territory_id, month, breakdown, count(*) as n,
      percentile_cont(0.5) within group (order by hours) as median,
      percentile_cont(0.9) within group (order by hours) as p90
    from (
      select c.territory_id, ${month('p.first_answer_at')} as month, o.slug as breakdown,
        extract(epoch from p.first_answer_at - p.invited_at) / 3600 as hours
      from case_participants p join cases c on c.id = p.case_id join organisations o on o.id = p.organisation_id
      where p.first_answer_at >= ${start} and p.first_answer_at < ${end} and not c.standard_procedure
    ) d
    group by grouping sets ((territory_id, month, breakdown), (territory_id, month))`.execute(db);
  // Time to closing, per organisation: from its invitation to the end of its part — the part it marked done, or the
  // closing of the case when that came first — counted in the month of that end; standard procedures left out.
  const closings = await sql<StatRow>`
    with ends as (
      select c.territory_id, p.organisation_id, p.invited_at, p.done_at as ended_at
      from case_participants p join cases c on c.id = p.case_id
      where p.done_at >= ${start} and p.done_at < ${end} and (c.closed_at is null or c.closed_at >= p.done_at)
        and not c.standard_procedure
      union all
      select c.territory_id, p.organisation_id, p.invited_at, c.closed_at as ended_at
      from cases c join case_participants p on p.case_id = c.id
      where c.closed_at >= ${start} and c.closed_at < ${end} and (p.done_at is null or p.done_at > c.closed_at)
        and not c.standard_procedure
    )
    select territory_id, month, breakdown, count(*) as n,
      percentile_cont(0.5) within group (order by hours) as median,
      percentile_cont(0.9) within group (order by hours) as p90
    from (
      select e.territory_id, ${month('e.ended_at')} as month, o.slug as breakdown,
        extract(epoch from e.ended_at - e.invited_at) / 3600 as hours
      from ends e join organisations o on o.id = e.organisation_id
    ) d
    group by grouping sets ((territory_id, month, breakdown), (territory_id, month))`.execute(db);
  return [
    ...counts('cases-opened', opened.rows),
    ...counts('cases-answered', answered.rows),
    ...counts('cases-closed', [...closedByEvent.values()]),
    ...counts('cases-usefulness', [...closedByUsefulness.values()]),
    ...statistics(
      {
        count: 'case-first-answers',
        median: 'case-first-answer-median-hours',
        p90: 'case-first-answer-p90-hours',
      },
      firstAnswers.rows,
    ),
    ...statistics(
      { count: 'case-closings', median: 'case-closing-median-hours', p90: 'case-closing-p90-hours' },
      closings.rows,
    ),
  ];
}

/** The indicators of shared cases. */
export const casesIndicators: IndicatorSource = {
  feature: 'cases',
  indicators: [
    {
      id: 'cases-opened',
      label: 'Saisines ouvertes',
      description: 'Saisines ouvertes par un aidant dans le mois, par moment de vie.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
    },
    {
      id: 'cases-answered',
      label: 'Saisines avec une première réponse',
      description: 'Saisines qui ont reçu dans le mois la première réponse d’un organisme.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
    },
    {
      id: 'cases-closed',
      label: 'Saisines closes',
      description: 'Saisines closes par l’aidant dans le mois.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
    },
    {
      id: 'cases-usefulness',
      label: 'Utilité de la réponse à la clôture',
      description: 'Saisines closes dans le mois, selon l’utilité de la réponse dite par l’aidant.',
      unit: 'count',
      breakdown: { label: 'Réponse utile', kind: 'values', labels: usefulnessLabels },
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
  ],
  sections: [
    {
      id: 'saisines',
      title: 'Saisines partagées entre organismes',
      series: ['cases-opened', 'cases-answered', 'cases-closed'],
      breakdowns: ['cases-opened', 'cases-usefulness'],
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
