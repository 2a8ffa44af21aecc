// The resident's file's indicators, declared for the pilotage's indicator store (see
// src/features/pilotage/indicator-registry.ts): the questions and documents residents were not asked again because
// their file already held them ("dites-le nous une fois"), read from the counters the file keeps per territory,
// moment of life and day (file_reuse_counts: counters only, no personal data).
import { sql } from 'kysely';
import type { IndicatorSource } from '../pilotage/indicator-registry.ts';
import './tables.ts';

/** The resident's file's indicators. */
export const residentFileIndicators: IndicatorSource = {
  feature: 'resident-file',
  indicators: [
    {
      id: 'questions-not-asked-again',
      label: 'Questions non reposées',
      description:
        'Questions que l’usager n’a pas eu à redire : son dossier avait déjà la réponse (questionnaire, saisine).',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
    },
    {
      id: 'documents-not-asked-again',
      label: 'Pièces non redemandées',
      description:
        'Pièces justificatives que l’usager n’a pas eu à fournir de nouveau : son dossier les avait.',
      unit: 'count',
      breakdown: { label: 'Moment de vie', kind: 'life-event' },
    },
  ],
  sections: [
    {
      id: 'dites-le-nous-une-fois',
      title: 'Dites-le-nous une fois',
      description:
        'Questions et pièces que l’usager n’a pas eu à redonner, parce que son dossier les avait déjà. Comptées par territoire et moment de vie (le dossier ne garde pas la commune de ces compteurs).',
      series: ['questions-not-asked-again', 'documents-not-asked-again'],
      breakdowns: ['questions-not-asked-again', 'documents-not-asked-again'],
    },
  ],
  async compute(db, range) {
    const rows = await sql<{ territory_id: string; month: string; life_event: string; q: number; d: number }>`
      select territory_id, to_char(day, 'YYYY-MM') as month, life_event,
        sum(questions_avoided) as q, sum(documents_avoided) as d
      from file_reuse_counts
      where day >= ${range.from + '-01'}::date and day < (${range.to + '-01'}::date + interval '1 month')
      group by 1, 2, 3`.execute(db);
    return rows.rows.flatMap((r) =>
      (
        [
          ['questions-not-asked-again', Number(r.q)],
          ['documents-not-asked-again', Number(r.d)],
        ] as const
      )
        .filter(([, value]) => value > 0)
        .map(([indicator, value]) => ({
          indicator,
          territoryId: r.territory_id,
          month: r.month,
          breakdown: r.life_event,
          value,
        })),
    );
  },
};
