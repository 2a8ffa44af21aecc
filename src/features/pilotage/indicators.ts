// The pilotage's own indicators: satisfaction (after a plan, a closed case or an appointment). The questions and
// documents residents were not asked again are the resident's file's (src/features/resident-file/indicators.ts).
import type { IndicatorRow, IndicatorSource } from './indicator-registry.ts';
import { satisfactionCounts } from './store.ts';

export const subjectLabels = {
  plan: 'Après un plan',
  case: 'Après une saisine',
  appointment: 'Après un rendez-vous',
};
export const wentLabels = { good: 'Bien', average: 'Moyennement', bad: 'Mal' };
export const yesPartlyNoLabels = { yes: 'Oui', partly: 'En partie', no: 'Non' };

/** The pilotage's indicators. */
export const pilotageIndicators: IndicatorSource = {
  feature: 'pilotage',
  indicators: [
    {
      id: 'satisfaction-answers',
      label: 'Avis donnés',
      description:
        'Questionnaires de satisfaction remplis dans le mois, par occasion et commune de l’usager.',
      unit: 'count',
      byCommune: true,
      breakdown: { label: 'Occasion', kind: 'values', labels: subjectLabels },
    },
    {
      id: 'satisfaction-went',
      label: 'Comment cela s’est-il passé ?',
      description: 'Réponses à la première question du questionnaire de satisfaction.',
      unit: 'count',
      breakdown: { label: 'Réponse', kind: 'values', labels: wentLabels },
    },
    {
      id: 'satisfaction-easy',
      label: 'Était-ce facile ?',
      description: 'Réponses à la deuxième question du questionnaire de satisfaction.',
      unit: 'count',
      breakdown: { label: 'Réponse', kind: 'values', labels: yesPartlyNoLabels },
    },
    {
      id: 'satisfaction-useful',
      label: 'La réponse vous a-t-elle été utile ?',
      description: 'Réponses à la troisième question du questionnaire de satisfaction.',
      unit: 'count',
      breakdown: { label: 'Réponse', kind: 'values', labels: yesPartlyNoLabels },
    },
  ],
  sections: [
    {
      id: 'satisfaction',
      title: 'Satisfaction',
      description:
        'Trois questions et un commentaire libre, après un plan, une saisine close ou un rendez-vous.',
      series: ['satisfaction-answers'],
      breakdowns: ['satisfaction-answers', 'satisfaction-went', 'satisfaction-easy', 'satisfaction-useful'],
      byPlace: ['satisfaction-answers'],
    },
  ],
  async compute(db, range) {
    const rows = new Map<string, IndicatorRow>();
    const add = (
      indicator: string,
      territoryId: string,
      month: string,
      breakdown: string,
      n: number,
      commune = '',
    ) => {
      const key = `${indicator}|${territoryId}|${month}|${commune}|${breakdown}`;
      const row = rows.get(key) ?? { indicator, territoryId, month, commune, breakdown, value: 0 };
      row.value += n;
      rows.set(key, row);
    };
    for (const r of await satisfactionCounts(db, range)) {
      const n = Number(r.n);
      add('satisfaction-answers', r.territory_id, r.month, r.subject, n, r.commune);
      add('satisfaction-went', r.territory_id, r.month, r.went, n);
      add('satisfaction-easy', r.territory_id, r.month, r.easy, n);
      add('satisfaction-useful', r.territory_id, r.month, r.useful, n);
    }
    return [...rows.values()];
  },
};
