// The shared inputs the RSA and the prime d'activité both need, depending on the household.
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';
import { ageInYears, calendarMonthsSince, firstDay } from '../situation.ts';

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
  const couple = request.household.couple ?? members.some((m) => m.role === 'partner');
  if (members.filter((m) => m.role === 'child').length >= 2 || basicAllowanceCounted(request, couple))
    inputs.push('foyer . ressources N-2');
  // A pregnancy matters for a person living alone (majoration) and, under 25, for the RSA's age condition.
  const applicant = members.find((m) => m.role === 'applicant');
  const age = ageInYears(applicant?.birthDate, firstDay(request.month));
  if (!couple || (age !== undefined && age < 25)) inputs.push('demandeur . enceinte');
  return inputs;
}

/**
 * Whether the PAJE allocation de base (and so the N-2 resources that decide it) counts in the resources this
 * month: a child under 3, past the month of birth, and for a parent alone past the month the child reaches three
 * months (CASF R262-11, CSS R844-5; rule `rsa . ressources . allocation de base neutralisée`).
 */
function basicAllowanceCounted(request: EstimationRequest, couple: boolean): boolean {
  const on = firstDay(request.month);
  const children = request.household.members.filter((m) => m.role === 'child');
  const youngest = Math.min(
    ...children.map((c) => (c.birthDate ? calendarMonthsSince(c.birthDate, request.month) : 0)),
  );
  const underThree = children.some((c) => {
    const age = ageInYears(c.birthDate, on);
    return age === undefined || age < 3;
  });
  return underThree && youngest > (couple ? 0 : 3);
}
