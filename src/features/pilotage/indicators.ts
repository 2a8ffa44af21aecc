// The pilotage's own indicators: satisfaction (after a plan, a closed case or an appointment), and the questions
// and documents residents were not asked again (counted by countNotAskedAgain, fed by the feature that reuses what
// residents already said).
import type { IndicatorRow, IndicatorSource } from './indicator-registry.ts';
import { readCounters, satisfactionCounts } from './store.ts';

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
      description: 'Questionnaires de satisfaction remplis dans le mois, par occasion.',
      unit: 'count',
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
    {
      id: 'questions-not-asked-again',
      label: 'Questions non reposées',
      description: 'Questions que l’usager n’a pas eu à redire : la plateforme avait déjà la réponse.',
      unit: 'count',
      byCommune: true,
    },
    {
      id: 'documents-not-asked-again',
      label: 'Pièces non redemandées',
      description: 'Pièces justificatives que l’usager n’a pas eu à fournir de nouveau.',
      unit: 'count',
      byCommune: true,
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
    },
    {
      id: 'dites-le-nous-une-fois',
      title: 'Dites-le-nous une fois',
      description:
        'Questions et pièces que l’usager n’a pas eu à redonner. Les fonctionnalités qui réutilisent ce que l’usager a déjà dit alimentent ces compteurs.',
      series: ['questions-not-asked-again', 'documents-not-asked-again'],
      byPlace: ['questions-not-asked-again', 'documents-not-asked-again'],
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
      add('satisfaction-answers', r.territory_id, r.month, r.subject, n);
      add('satisfaction-went', r.territory_id, r.month, r.went, n);
      add('satisfaction-easy', r.territory_id, r.month, r.easy, n);
      add('satisfaction-useful', r.territory_id, r.month, r.useful, n);
    }
    for (const [kind, indicator] of [
      ['question-not-asked', 'questions-not-asked-again'],
      ['document-not-asked', 'documents-not-asked-again'],
    ] as const)
      for (const c of await readCounters(db, kind, range))
        add(indicator, c.territoryId, c.month, '', c.count, c.commune);
    return [...rows.values()];
  },
};
