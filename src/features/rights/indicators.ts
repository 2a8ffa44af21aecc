// The rights feature's indicator for the pilotage's indicator store: estimations answered by the anonymous API
// POST /api/v1/estimations, counted as aggregates (month, commune) by src/features/pilotage/counters.ts; nothing
// of the household is kept.
import type { IndicatorRow, IndicatorSource } from '../pilotage/indicator-registry.ts';
import { readCounters } from '../pilotage/store.ts';

/** The rights feature's indicators. */
export const rightsIndicators: IndicatorSource = {
  feature: 'rights',
  indicators: [
    {
      id: 'estimations',
      label: 'Estimations de droits',
      description:
        'Estimations demandées à l’API POST /api/v1/estimations, par commune indiquée (sans commune : commune inconnue).',
      unit: 'count',
      byCommune: true,
    },
  ],
  sections: [
    {
      id: 'estimations',
      title: 'Estimations de droits par l’API',
      series: ['estimations'],
      byPlace: ['estimations'],
    },
  ],
  async compute(db, range) {
    const merged = new Map<string, IndicatorRow>();
    for (const c of await readCounters(db, 'estimation', range)) {
      const key = `${c.territoryId}|${c.month}|${c.commune}`;
      const row = merged.get(key) ?? {
        indicator: 'estimations',
        territoryId: c.territoryId,
        month: c.month,
        commune: c.commune,
        value: 0,
      };
      row.value += c.count;
      merged.set(key, row);
    }
    return [...merged.values()];
  },
};
