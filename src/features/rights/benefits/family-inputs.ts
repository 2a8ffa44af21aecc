// The shared inputs of the family, disability and health benefits, depending on the household: a question
// is asked only when its answer can change the estimate (no resources question for a household without the
// children that open the right, no earnings question for a disability rate under 50 %).
import type { EstimationRequest } from '../contract.ts';
import type { InputName } from '../inputs.ts';
import { ageInMonths, ageInYears, firstDay } from '../situation.ts';

function isCouple(request: EstimationRequest): boolean {
  return request.household.couple ?? request.household.members.some((m) => m.role === 'partner');
}

function children(request: EstimationRequest) {
  return request.household.members.filter((m) => m.role === 'child');
}

const earningsOfBoth: readonly InputName[] = [
  "demandeur . revenus d'activité",
  "conjoint . revenus d'activité",
];

/** Allocations familiales: the N-2 resources matter from two children on. */
export function familyAllowanceInputs(request: EstimationRequest): readonly InputName[] {
  return children(request).length >= 2 ? ['foyer . enfants', 'foyer . ressources N-2'] : ['foyer . enfants'];
}

/** PAJE allocation de base: resources and, for a couple, both earnings, only with a child under 3 (or unknown age). */
export function basicAllowanceInputs(request: EstimationRequest): readonly InputName[] {
  const on = firstDay(request.month);
  const youngChild = children(request).some((c) => {
    const age = ageInYears(c.birthDate, on);
    return age === undefined || age < 3;
  });
  if (!youngChild) return ['foyer . enfants'];
  return [
    'foyer . couple',
    'foyer . enfants',
    'foyer . ressources N-2',
    ...(isCouple(request) ? earningsOfBoth : []),
  ];
}

/** PAJE prime à la naissance: the pregnancy first; the resources and the household only when a child is expected. */
export function birthGrantInputs(request: EstimationRequest): readonly InputName[] {
  const couple = isCouple(request);
  const pregnancy: InputName[] = couple
    ? ['demandeur . enceinte', 'conjoint . enceinte']
    : ['demandeur . enceinte'];
  const expecting = request.household.members.some(
    (m) => (m.role === 'applicant' || (couple && m.role === 'partner')) && m.pregnant === true,
  );
  if (!expecting) return pregnancy;
  return [
    ...pregnancy,
    'foyer . couple',
    'foyer . enfants',
    'foyer . ressources N-2',
    ...(couple ? earningsOfBoth : []),
  ];
}

/** AAH: age and disability rate; resources and children only from a rate of 50 %. */
export function disabilityAllowanceInputs(request: EstimationRequest): readonly InputName[] {
  const applicant = request.household.members.find((m) => m.role === 'applicant');
  const basic: InputName[] = ['demandeur . âge', "demandeur . taux d'incapacité"];
  if (applicant?.disabilityRate !== undefined && applicant.disabilityRate < 0.5) return basic;
  // From 50 to 79 %, and before the legal retirement age, the AAH needs a restriction of access to
  // employment recognised by the CDAPH: ask for it (above that age, or from 80 %, it does not matter).
  const age = ageInMonths(applicant?.birthDate, firstDay(request.month));
  const restriction: InputName[] =
    applicant?.disabilityRate !== undefined &&
    applicant.disabilityRate < 0.8 &&
    age !== undefined &&
    age < legalRetirementAgeInMonths(applicant.birthDate as string)
      ? ['aah . restriction substantielle et durable']
      : [];
  return [
    ...basic,
    ...restriction,
    "demandeur . revenus d'activité",
    'demandeur . revenus de remplacement',
    'foyer . enfants',
  ];
}

// The legal retirement age by birth cohort, in months (rule `aah . âge limite sans taux plein`, which carries the
// sources: loi n° 2023-270 and loi n° 2025-1403 article 45). Written here too so that the questionnaire asks
// about the employment restriction only before that age; family-inputs.test.ts proves both tables agree.
const retirementAges: readonly [bornBefore: string, months: number][] = [
  ['1961-09-01', 744],
  ['1962-01-01', 747],
  ['1963-01-01', 750],
  ['1965-04-01', 753],
  ['1966-01-01', 756],
  ['1967-01-01', 759],
  ['1968-01-01', 762],
  ['1969-01-01', 765],
];

/** The legal retirement age (article L161-17-2 CSS) of a person born on `birthDate` (YYYY-MM-DD), in months. */
export function legalRetirementAgeInMonths(birthDate: string): number {
  for (const [bornBefore, months] of retirementAges) if (birthDate < bornBefore) return months;
  return 768;
}
