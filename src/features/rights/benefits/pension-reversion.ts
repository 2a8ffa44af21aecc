// Pension de réversion of the régime général: the model is rules/retraite/pension-reversion.publicodes.
import { carriedOverFromJanuary2027, type BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';
import { isCouple } from '../inputs.ts';
import { ageInYears, firstDay } from '../situation.ts';

/** The minimum age of the réversion: the resources matter only from it. */
const minimumAge = 55;

/**
 * Réversion: nothing to ask without a deceased relative; then the marriage (no réversion without one), the
 * applicant's age (none before 55), the deceased's pension; the resources and the children raised only when those
 * open a réversion — so that a partner who was not married, or is under 55, is asked one or two questions, not six.
 */
export function survivorPensionInputs(request: EstimationRequest): readonly InputName[] {
  const deceased = request.household.deceased;
  if (!deceased) return [];
  const marriage: InputName[] = ['défunt . date du décès', 'défunt . marié'];
  if (deceased.married === false) return marriage;
  const applicant = request.household.members.find((m) => m.role === 'applicant');
  const age = ageInYears(applicant?.birthDate, firstDay(request.month));
  const withAge: InputName[] = [...marriage, 'demandeur . âge'];
  if (age !== undefined && age < minimumAge) return withAge;
  const first: InputName[] = [...withAge, 'défunt . pension de base'];
  const open =
    deceased.married === true &&
    deceased.monthlyBasePension !== undefined &&
    deceased.monthlyBasePension > 0 &&
    age !== undefined;
  if (!open) return first;
  const couple = isCouple(request);
  return [
    ...first,
    'foyer . couple',
    "demandeur . revenus d'activité",
    'demandeur . revenus de remplacement',
    ...(couple ? (["conjoint . revenus d'activité", 'conjoint . revenus de remplacement'] as const) : []),
    'demandeur . enfants élevés',
  ];
}

export const pensionReversion: BenefitDefinition = {
  id: 'pension-reversion',
  label: 'Pension de réversion (régime général)',
  organisation: 'carsat',
  frequency: 'monthly',
  namespace: 'pension de réversion',
  inputs: survivorPensionInputs,
  summary:
    'La pension de réversion du régime général (Assurance retraite, Carsat) est versée dès 55 ans au conjoint survivant ou divorcé qui était marié avec le défunt (le Pacs et le concubinage n’y ouvrent pas droit), sous condition de ressources : 54 % de la retraite de base que le défunt percevait ou aurait perçue, réduite si vos ressources dépassent le plafond. Les autres régimes versent leur propre réversion, à demander à part et non estimée ici : retraite complémentaire Agirc-Arrco (60 % des points, sans condition de ressources), fonction publique (50 %), MSA. Une seule demande en ligne, sur info-retraite.fr, vaut pour tous les régimes.',
  explanation: [
    {
      rule: 'pension de réversion . montant théorique',
      label: '54 % de la retraite de base du défunt (par mois)',
    },
    { rule: 'pension de réversion . ressources', label: 'Vos ressources annuelles comptées' },
    { rule: 'pension de réversion . plafond de ressources', label: 'Plafond annuel de ressources' },
    {
      rule: 'pension de réversion . réversion sous le plafond',
      label: 'Réversion après la condition de ressources (par mois)',
    },
    {
      rule: 'pension de réversion . majoration pour enfants',
      label: 'Majoration de 10 % pour trois enfants eus ou élevés',
      hideWhenZero: true,
    },
  ],
  amountLabel: 'Pension de réversion estimée (avant prélèvements sociaux)',
  provisional: [
    carriedOverFromJanuary2027('le Smic et les plafonds de ressources qui en découlent', {
      decidesEligibility: true,
      when: (request) => request.household.deceased !== undefined,
    }),
  ],
  officialUrl: {
    title: 'Pension de réversion du régime général : conditions et demande — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F13106',
  },
};
