// The shared inputs the RSA and the prime d'activité both need, depending on the household.
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';
import { ageInYears, firstDay } from '../situation.ts';

const always: readonly InputName[] = [
  'foyer . couple',
  'foyer . enfants',
  'demandeur . âge',
  'demandeur . étudiant',
  "demandeur . revenus d'activité",
  'demandeur . revenus de remplacement',
  "conjoint . revenus d'activité",
  'conjoint . revenus de remplacement',
  'foyer . logement . statut',
  'foyer . aides au logement',
];

/** The inputs of the RSA and the prime d'activité for this request. */
export function solidarityInputs(request: EstimationRequest): readonly InputName[] {
  const members = request.household.members;
  const inputs = [...always];
  // Family benefits count in the resources: with two children or more the allocations familiales, and so
  // the N-2 resources that modulate them, are needed.
  if (members.filter((m) => m.role === 'child').length >= 2) inputs.push('foyer . ressources N-2');
  // A pregnancy matters for a person living alone (majoration) and, under 25, for the RSA's age condition.
  const applicant = members.find((m) => m.role === 'applicant');
  const age = ageInYears(applicant?.birthDate, firstDay(request.month));
  const couple = request.household.couple ?? members.some((m) => m.role === 'partner');
  if (!couple || (age !== undefined && age < 25)) inputs.push('demandeur . enceinte');
  return inputs;
}
