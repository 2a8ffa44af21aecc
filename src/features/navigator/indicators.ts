// The navigator's indicators for the pilotage's indicator store: personal plans made, on the pages and through
// POST /api/v1/plans, counted as anonymous aggregates (month, commune, life event, channel) by
// src/features/pilotage/counters.ts — never the plan, the answers or anything about the person.
import type { IndicatorRow, IndicatorSource } from '../pilotage/indicator-registry.ts';
import { readCounters } from '../pilotage/store.ts';

/** The navigator's indicators. */
export const navigatorIndicators: IndicatorSource = {
  feature: 'navigator',
  indicators: [
    {
      id: 'plans',
      label: 'Plans personnalisés faits',
      description:
        'Plans affichés sur les pages (après le questionnaire) ou donnés par l’API POST /api/v1/plans, par commune de l’usager et moment de vie.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
      byCommune: true,
    },
    {
      id: 'plans-by-channel',
      label: 'Plans personnalisés, pages ou API',
      description: 'Les mêmes plans, selon qu’ils ont été faits sur les pages ou par l’API.',
      unit: 'count',
      breakdown: { label: 'Canal', kind: 'values', labels: { page: 'Pages', api: 'API' } },
    },
  ],
  sections: [
    {
      id: 'plans',
      title: 'Plans personnalisés',
      description:
        'Un plan compte chaque fois qu’il est affiché ou demandé à l’API : un plan rechargé compte deux fois.',
      series: ['plans'],
      breakdowns: ['plans', 'plans-by-channel'],
      byPlace: ['plans'],
    },
  ],
  async compute(db, range) {
    const rows: IndicatorRow[] = [];
    const byChannel = new Map<string, IndicatorRow>();
    for (const c of await readCounters(db, 'plan', range)) {
      rows.push({
        indicator: 'plans',
        territoryId: c.territoryId,
        month: c.month,
        commune: c.commune,
        breakdown: c.lifeEvent,
        value: c.count,
      });
      const key = `${c.territoryId}|${c.month}|${c.channel}`;
      const row = byChannel.get(key) ?? {
        indicator: 'plans-by-channel',
        territoryId: c.territoryId,
        month: c.month,
        breakdown: c.channel,
        value: 0,
      };
      row.value += c.count;
      byChannel.set(key, row);
    }
    // Channels are summed away from 'plans': merge rows that differ only by channel.
    const merged = new Map<string, IndicatorRow>();
    for (const r of rows) {
      const key = `${r.territoryId}|${r.month}|${r.commune}|${r.breakdown}`;
      const existing = merged.get(key);
      if (existing) existing.value += r.value;
      else merged.set(key, { ...r });
    }
    return [...merged.values(), ...byChannel.values()];
  },
};
