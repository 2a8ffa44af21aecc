// The indicators of aller-vers, declared for the pilotage's indicator store (see
// src/features/pilotage/indicator-registry.ts): rights found probably unclaimed among consenting residents (in the
// month first found, by benefit), residents told of them (in the month told), and what the helpers recorded (in the
// month of the latest outcome of each right). Only counts are read, per territory; never who.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import {
  monthBounds,
  parisMonth,
  type IndicatorRow,
  type IndicatorSource,
  type MonthRange,
} from '../pilotage/indicator-registry.ts';
import { benefits } from '../rights/benefits/registry.ts';
import { outcomeLabels } from './outreach.ts';
import './tables.ts';

interface Row {
  territory_id: string;
  month: string;
  breakdown: string;
  n: number;
}

const rowsOf = (indicator: string, rows: Row[]): IndicatorRow[] =>
  rows.map((r) => ({
    indicator,
    territoryId: r.territory_id,
    month: r.month,
    breakdown: r.breakdown,
    value: Number(r.n),
  }));

async function compute(db: Db, range: MonthRange): Promise<IndicatorRow[]> {
  const { start, end } = monthBounds(range);
  const found = await sql<Row>`
    select territory_id, ${parisMonth('first_probable_at')} as month, benefit_id as breakdown, count(*) as n
    from outreach_rights where first_probable_at >= ${start} and first_probable_at < ${end}
    group by 1, 2, 3`.execute(db);
  const notified = await sql<Row>`
    select territory_id, ${parisMonth('notified_at')} as month, '' as breakdown, count(*) as n
    from outreach_rights where notified_at >= ${start} and notified_at < ${end}
    group by 1, 2, 3`.execute(db);
  const outcomes = await sql<Row>`
    select territory_id, ${parisMonth('outcome_at')} as month, outcome as breakdown, count(*) as n
    from outreach_rights where outcome_at >= ${start} and outcome_at < ${end} and outcome is not null
    group by 1, 2, 3`.execute(db);
  return [
    ...rowsOf('outreach-found', found.rows),
    ...rowsOf('outreach-notified', notified.rows),
    ...rowsOf('outreach-outcomes', outcomes.rows),
  ];
}

/** The indicators of aller-vers. */
export const outreachIndicators: IndicatorSource = {
  feature: 'outreach',
  indicators: [
    {
      id: 'outreach-found',
      label: 'Droits probables trouvés',
      description:
        'Droits probablement non demandés, trouvés dans le mois chez les usagers qui ont accepté l’aller-vers, par aide.',
      unit: 'count',
      breakdown: {
        label: 'Aide',
        kind: 'values',
        labels: Object.fromEntries(benefits.map((b) => [b.id, b.label])),
      },
    },
    {
      id: 'outreach-notified',
      label: 'Usagers prévenus',
      description: 'Droits probables dont l’usager a été prévenu dans le mois (courriel ou SMS).',
      unit: 'count',
    },
    {
      id: 'outreach-outcomes',
      label: 'Suites données',
      description:
        'Droits probables dont la suite a été notée dans le mois (la dernière notée : contacté, rendez-vous, demande déposée, refus).',
      unit: 'count',
      breakdown: { label: 'Suite', kind: 'values', labels: outcomeLabels },
    },
  ],
  sections: [
    {
      id: 'aller-vers',
      title: 'Aller-vers',
      description:
        'Droits probablement non demandés trouvés chez les usagers qui l’ont accepté, et ce qui en a été fait.',
      series: ['outreach-found', 'outreach-notified', 'outreach-outcomes'],
      breakdowns: ['outreach-found', 'outreach-outcomes'],
    },
  ],
  compute,
};
