// The indicators of appointments, declared for the pilotage's indicator store (see
// src/features/pilotage/indicator-registry.ts): appointments booked (in the month they were booked), their outcome
// (in the month they were due: seen, no-show, excused, cancelled, or not yet noted), walk-in visits, and the people
// met at each stop of the bus (appointments seen there and walk-ins there). Each one counts at the place's
// territory and commune; nothing about the person is read — these queries only count rows.
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import {
  monthBounds,
  parisMonth,
  type IndicatorRow,
  type IndicatorSource,
  type MonthRange,
} from '../pilotage/indicator-registry.ts';
import './tables.ts';

const outcomeLabels = {
  seen: 'Reçu',
  'no-show': 'Absent',
  excused: 'Excusé',
  'cancelled-by-resident': 'Annulé par l’usager',
  'cancelled-by-service': 'Annulé par le service',
  booked: 'Issue non notée',
};
const channelLabels = { public: 'Par l’usager', agent: 'Par un agent' };

interface Row {
  territory_id: string;
  month: string;
  commune: string | null;
  breakdown: string;
  n: number;
}

/**
 * The rows of one indicator, added up over what it does not keep: the commune (kept for the indicators shown by
 * commune or EPCI), the breakdown (kept for the ones shown by breakdown), or both.
 */
function rowsOf(
  indicator: string,
  rows: Row[],
  keep: { commune: boolean; breakdown: boolean },
  only: (r: Row) => boolean = () => true,
): IndicatorRow[] {
  const merged = new Map<string, IndicatorRow>();
  for (const r of rows.filter(only)) {
    const commune = keep.commune ? (r.commune ?? '') : '';
    const breakdown = keep.breakdown ? r.breakdown : '';
    const key = `${r.territory_id}|${r.month}|${commune}|${breakdown}`;
    const row = merged.get(key) ?? {
      indicator,
      territoryId: r.territory_id,
      month: r.month,
      commune,
      breakdown,
      value: 0,
    };
    row.value += Number(r.n);
    merged.set(key, row);
  }
  return [...merged.values()];
}

async function compute(db: Db, range: MonthRange): Promise<IndicatorRow[]> {
  return db.transaction().execute(async (trx) => {
    // The time indexes of migrations/20261207T1200 make these range reads; see cases/indicators.ts for the cost.
    await sql`set local random_page_cost = 1.1`.execute(trx);
    return computeIn(trx, range);
  });
}

async function computeIn(db: Transaction<Database>, range: MonthRange): Promise<IndicatorRow[]> {
  const { start, end } = monthBounds(range);
  const booked = await sql<Row>`
    select p.territory_id, ${parisMonth('a.created_at')} as month, p.commune_insee as commune,
      a.booked_via as breakdown, count(*) as n
    from appointments a join places p on p.id = a.place_id
    where a.created_at >= ${start} and a.created_at < ${end}
    group by 1, 2, 3, 4`.execute(db);
  const outcomes = await sql<Row>`
    select p.territory_id, ${parisMonth('a.starts_at')} as month, p.commune_insee as commune,
      a.status as breakdown, count(*) as n
    from appointments a join places p on p.id = a.place_id
    where a.starts_at >= ${start} and a.starts_at < ${end}
    group by 1, 2, 3, 4`.execute(db);
  const walkIns = await sql<Row>`
    select p.territory_id, ${parisMonth('w.at')} as month, p.commune_insee as commune, '' as breakdown,
      count(*) as n
    from walk_ins w join places p on p.id = w.place_id
    where w.at >= ${start} and w.at < ${end}
    group by 1, 2, 3`.execute(db);
  // People met at a stop of the bus: the appointments seen there and the walk-ins there, by stop (its place). An
  // agent may also note a visit at the bus itself (its own place) without the stop: it counts under the bus's name.
  const busPlaces = sql`(select place_id from bus_stops union select place_id from bus_tours)`;
  const busStops = await sql<Row>`
    select p.territory_id, month, p.commune_insee as commune, p.slug as breakdown, count(*) as n
    from (
      select a.place_id, ${parisMonth('a.starts_at')} as month from appointments a
      where a.starts_at >= ${start} and a.starts_at < ${end} and a.status = 'seen'
        and a.place_id in ${busPlaces}
      union all
      select w.place_id, ${parisMonth('w.at')} as month from walk_ins w
      where w.at >= ${start} and w.at < ${end} and w.place_id in ${busPlaces}
    ) met join places p on p.id = met.place_id
    group by 1, 2, 3, 4`.execute(db);
  const place = { commune: true, breakdown: false };
  const split = { commune: false, breakdown: true };
  return [
    ...rowsOf('appointments-booked', booked.rows, place),
    ...rowsOf('appointments-booked-by-channel', booked.rows, split),
    ...rowsOf('appointments-outcome', outcomes.rows, split),
    ...rowsOf('appointments-seen', outcomes.rows, place, (r) => r.breakdown === 'seen'),
    ...rowsOf('appointments-no-shows', outcomes.rows, place, (r) => r.breakdown === 'no-show'),
    ...rowsOf('walk-ins', walkIns.rows, place),
    ...rowsOf('bus-stop-people', busStops.rows, { commune: true, breakdown: true }),
  ];
}

/** The indicators of appointments, walk-ins and the bus. */
export const appointmentsIndicators: IndicatorSource = {
  feature: 'appointments',
  indicators: [
    {
      id: 'appointments-booked',
      label: 'Rendez-vous pris',
      description: 'Rendez-vous réservés dans le mois (par l’usager ou par un agent), par commune du lieu.',
      unit: 'count',
      byCommune: true,
    },
    {
      id: 'appointments-booked-by-channel',
      label: 'Rendez-vous pris, par qui',
      description: 'Les mêmes rendez-vous, selon qu’ils ont été réservés par l’usager ou par un agent.',
      unit: 'count',
      breakdown: { label: 'Auteur de la réservation', kind: 'values', labels: channelLabels },
    },
    {
      id: 'appointments-seen',
      label: 'Rendez-vous honorés',
      description: 'Rendez-vous du mois où la personne a été reçue (issue notée par l’agent).',
      unit: 'count',
      byCommune: true,
    },
    {
      id: 'appointments-no-shows',
      label: 'Rendez-vous manqués',
      description: 'Rendez-vous du mois où la personne n’est pas venue sans prévenir.',
      unit: 'count',
      byCommune: true,
    },
    {
      id: 'appointments-outcome',
      label: 'Issue des rendez-vous',
      description: 'Rendez-vous prévus dans le mois, selon leur issue.',
      unit: 'count',
      breakdown: { label: 'Issue', kind: 'values', labels: outcomeLabels },
    },
    {
      id: 'walk-ins',
      label: 'Visites sans rendez-vous',
      description: 'Personnes reçues sans rendez-vous, comptées par les agents, par commune du lieu.',
      unit: 'count',
      byCommune: true,
    },
    {
      id: 'bus-stop-people',
      label: 'Personnes reçues dans le bus',
      description:
        'Rendez-vous honorés et visites sans rendez-vous à un arrêt du bus France Services, par arrêt.',
      unit: 'count',
      breakdown: { label: 'Arrêt', kind: 'place' },
      byCommune: true,
    },
  ],
  sections: [
    {
      id: 'rendez-vous',
      title: 'Rendez-vous et visites sans rendez-vous',
      series: ['appointments-booked', 'appointments-seen', 'appointments-no-shows', 'walk-ins'],
      breakdowns: ['appointments-outcome', 'appointments-booked-by-channel'],
      byPlace: ['appointments-booked', 'appointments-seen', 'appointments-no-shows', 'walk-ins'],
    },
    {
      id: 'bus',
      title: 'Le bus France Services',
      description: 'Personnes reçues à chaque arrêt : rendez-vous honorés et visites sans rendez-vous.',
      series: ['bus-stop-people'],
      breakdowns: ['bus-stop-people'],
      byPlace: ['bus-stop-people'],
    },
  ],
  compute,
};
