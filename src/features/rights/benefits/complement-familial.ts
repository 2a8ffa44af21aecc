// Complément familial: the model is rules/famille/complement-familial.publicodes.
import { carriedOverFromJanuary2027, withChildOrPregnancy, type BenefitDefinition } from '../benefit.ts';
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';
import { isCouple } from '../inputs.ts';

/** Complément familial: the resources (and both earnings of a couple) only from three children listed. */
export function familySupplementInputs(request: EstimationRequest): readonly InputName[] {
  const children = request.household.members.filter((m) => m.role === 'child').length;
  if (children < 3) return ['foyer . enfants'];
  return [
    'foyer . couple',
    'foyer . enfants',
    'foyer . ressources N-2',
    ...(isCouple(request)
      ? (["demandeur . revenus d'activité", "conjoint . revenus d'activité"] as const)
      : []),
  ];
}

export const complementFamilial: BenefitDefinition = {
  id: 'complement-familial',
  label: 'Complément familial',
  organisation: 'caf',
  frequency: 'monthly',
  namespace: 'complément familial',
  inputs: familySupplementInputs,
  summary:
    'Le complément familial est versé par la Caf, sans démarche, aux familles d’au moins trois enfants à charge tous âgés de 3 ans ou plus (et de moins de 21 ans), selon les ressources d’il y a deux ans : un montant majoré sous un premier plafond, le montant de base sous le plafond, une allocation différentielle juste au-dessus. Les plafonds sont plus hauts pour un parent isolé ou un couple à deux revenus. Estimation : la Caf fixe le montant exact.',
  explanation: [
    { rule: 'complément familial . enfants', label: 'Enfants à charge de 3 à 20 ans', format: 'nombre' },
    { rule: 'complément familial . ressources', label: 'Ressources du foyer retenues (année N-2, par an)' },
    { rule: 'complément familial . plafond majoré', label: 'Plafond du montant majoré (par an)' },
    { rule: 'complément familial . plafond', label: 'Plafond du complément familial (par an)' },
    { rule: 'complément familial . montant brut', label: 'Complément familial avant CRDS' },
    { rule: 'complément familial . CRDS', label: 'CRDS déduite (0,5 %)' },
  ],
  provisional: [
    {
      decidesEligibility: true,
      from: '2025-01',
      until: '2025-12',
      text: 'les plafonds de ressources de 2025 sont calculés par Sans Couture (la base de 2025 × 1,8 et × 0,3, la règle qui redonne les tableaux publiés de 2024 et 2026)',
    },
    carriedOverFromJanuary2027('les plafonds de ressources', {
      decidesEligibility: true,
      when: withChildOrPregnancy,
    }),
  ],
  officialUrl: {
    title: 'Complément familial : conditions et montant — service-public.fr',
    url: 'https://www.service-public.fr/particuliers/vosdroits/F13214',
  },
};
