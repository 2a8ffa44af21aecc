// Monthly social contributions of a micro-entrepreneur, computed by modele-social (the URSSAF's own model)
// in its own engine (src/features/rights/urssaf/): not part of the shared Publicodes model, hence `compute`.
// The rates are read from modele-social once per month/activity/creation date/ACRE and cached, so the
// estimate stays fast in the API and the batch (see urssaf/micro-entrepreneur.ts).
import type { BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest, Source } from '../contract.ts';
import {
  acreExemptionOver,
  fastMicroContributions,
  type MicroActivity,
} from '../urssaf/micro-entrepreneur.ts';
import { formatEuros, formatNumber } from '../../../platform/money.ts';
import { acreByAge } from './acre.ts';

const activityLabel: Record<MicroActivity, string> = {
  sale: 'vente de marchandises ou hébergement',
  services: 'prestations de services commerciales ou artisanales (BIC)',
  liberal: 'profession libérale non réglementée (BNC)',
};

const sources: Source[] = [
  {
    title: 'Simulateur de revenus pour auto-entrepreneur — Urssaf (mon-entreprise.urssaf.fr)',
    url: 'https://mon-entreprise.urssaf.fr/simulateurs/auto-entrepreneur',
  },
  {
    title: 'Micro-entrepreneur : cotisations et contributions sociales — entreprendre.service-public.gouv.fr',
    url: 'https://entreprendre.service-public.gouv.fr/vosdroits/F36232',
  },
  {
    title: 'Taux de cotisations des micro-entrepreneurs — Urssaf',
    url: 'https://www.autoentrepreneur.urssaf.fr/portail/accueil/sinformer-sur-le-statut/lessentiel-du-statut.html',
  },
  {
    title: 'Article D613-4 du code de la sécurité sociale (taux 2026)',
    url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000052218738',
  },
  {
    title: 'Décret n° 2026-69 du 6 février 2026 (taux avec l’ACRE)',
    url: 'https://www.legifrance.gouv.fr/eli/decret/2026/2/6/2026-69/jo/texte',
  },
];

/** The result for a request whose business answers are present (the inputs check ran before). */
function compute(request: EstimationRequest) {
  const business = request.business;
  if (!business) {
    return {
      eligible: false,
      amount: 0,
      explanation:
        'Ne concerne que les micro-entrepreneurs : décrivez votre activité (nature, chiffre d’affaires prévu, date de création) pour estimer vos cotisations.',
    };
  }
  const activity = business.activity ?? 'sale';
  const annualTurnover = business.annualTurnover ?? 0;
  const acreAsked = business.acre ?? false;
  // The URSSAF's model keeps the ACRE for the whole calendar year after a young business's first 1 January;
  // the law stops it at the end of the third calendar quarter after the creation: apply the law's window.
  const acreOver =
    acreAsked &&
    business.creationDate !== undefined &&
    acreExemptionOver(request.month, business.creationDate);
  // Asked for, but the person says they belong to none of the entitled groups and is 26 or more: no ACRE.
  const notEntitled = acreAsked && business.acreGroup === false && acreByAge(request) === false;
  const acre = acreAsked && !acreOver && !notEntitled;
  const result = fastMicroContributions({
    month: request.month,
    activity,
    annualTurnover,
    creationDate: business.creationDate,
    acre,
  });
  const lines = [
    'Cotisations et contributions sociales d’un micro-entrepreneur, calculées avec le modèle de l’Urssaf (modele-social) : un pourcentage du chiffre d’affaires encaissé, selon l’activité. Estimation sur le chiffre d’affaires annuel prévu, réparti également sur les 12 mois ; vous déclarez et payez chaque mois ou chaque trimestre sur le chiffre d’affaires réel.',
    `Activité : ${activityLabel[activity]}.`,
    `Chiffre d’affaires mensuel moyen : ${formatEuros(Math.round(annualTurnover) / 12)}.`,
    `Taux des cotisations sociales : ${formatNumber(result.socialRate)} %${result.acreApplied ? ' (réduit par l’ACRE, en supposant qu’elle vous est accordée)' : ''}.`,
    notEntitled
      ? 'L’ACRE demandée ne s’applique pas : elle est réservée aux 18-25 ans et à certains publics (demandeurs d’emploi, bénéficiaires du RSA…), dont vous n’indiquez pas faire partie.'
      : acreAsked && !result.acreApplied
        ? 'L’ACRE demandée ne s’applique pas ce mois-ci : elle ne court que jusqu’à la fin du troisième trimestre civil qui suit la création.'
        : undefined,
    `Cotisations sociales (maladie, retraite, allocations familiales, CSG-CRDS) : ${formatEuros(result.social)}.`,
    `Contribution à la formation professionnelle : ${formatEuros(result.training)}.`,
    result.chamberFees > 0
      ? `Taxe pour frais de chambre de commerce : ${formatEuros(result.chamberFees)}.`
      : undefined,
    `Total à payer par mois : ${formatEuros(result.total)}.`,
  ].filter((line): line is string => line !== undefined);
  return { eligible: true, amount: result.total, explanation: lines.join('\n') };
}

export const microEntrepreneurCotisations: BenefitDefinition = {
  id: 'micro-entrepreneur-cotisations',
  label: 'Cotisations sociales du micro-entrepreneur',
  organisation: 'urssaf',
  frequency: 'monthly',
  namespace: 'micro-entrepreneur cotisations',
  // Only a request describing a micro-enterprise is asked about it.
  inputs: (request) =>
    request.business
      ? [
          'entreprise . activité',
          "entreprise . chiffre d'affaires annuel",
          'entreprise . date de création',
          'entreprise . ACRE demandée',
        ]
      : [],
  summary:
    'Cotisations et contributions sociales dues chaque mois par un micro-entrepreneur, d’après le modèle de l’Urssaf.',
  explanation: [],
  officialUrl: {
    title: 'Simulateur de revenus pour auto-entrepreneur — Urssaf',
    url: 'https://mon-entreprise.urssaf.fr/simulateurs/auto-entrepreneur',
  },
  sources,
  compute,
};
