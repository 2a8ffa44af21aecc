// The mapping from an API request (contract.ts) to the inputs of the Publicodes model (rules/commun/).
// Each input's rule name and conversion are declared once in the registry (household-inputs.ts); Publicodes
// has no lists, so the household's children are folded here into counts by age.
import type { EstimationRequest, MemberInput } from './contract.ts';
import {
  ageInMonths,
  ageInYears,
  housingAidZone,
  inputDefinitions,
  publicodesDate,
  valueOf,
  type InputDefinition,
  type RuleValue,
} from './household-inputs.ts';

/** A typed input value: numbers in the rule's unit, dates as dd/mm/yyyy, strings without quotes. */
export type InputValue = RuleValue;

/** The inputs given to the model, by rule name; an absent key is an unanswered question. */
export type Situation = Record<string, InputValue>;

export { ageInMonths, ageInYears, publicodesDate };

/** Calendar months from the month of a birth date (YYYY-MM-DD) to a month (YYYY-MM): 0 in the month of birth. */
export function calendarMonthsSince(birthDate: string, month: string): number {
  const months = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7));
  return months(month) - months(birthDate);
}

/** The first day of the month estimated, YYYY-MM-DD. */
export function firstDay(month: string): string {
  return `${month}-01`;
}

// The registry's inputs that fill a model input directly (the couple and the children are worked out below).
const direct = inputDefinitions.filter((input) => input.rule !== undefined && input.toRule !== undefined);

/** Builds the model's inputs from a (validated) request. Pure; unanswered fields stay absent. */
export function toSituation(request: EstimationRequest): Situation {
  const on = firstDay(request.month);
  const situation: Situation = { 'mois estimé': publicodesDate(on) };
  const household = request.household;
  const partner = household.members.find((m) => m.role === 'partner');
  const children = household.members.filter((m) => m.role === 'child');

  // A partner listed in the members is a couple even when `couple` was left out.
  const couple = household.couple ?? (partner ? true : undefined);
  if (couple !== undefined) situation['foyer . couple'] = couple;
  for (let i = 0; i < direct.length; i++) {
    const input = direct[i] as InputDefinition;
    // The partner's answers count only for a couple.
    if ('member' in input.slot && input.slot.member === 'partner' && !couple) continue;
    const value = valueOf(input, request);
    if (value === undefined) continue;
    const ruleValue = input.toRule!(value as never, on);
    if (ruleValue !== undefined) situation[input.rule as string] = ruleValue;
  }

  // Worked out from the birth dates besides the ages in years: the legal retirement age of the generation.
  const applicant = household.members.find((m) => m.role === 'applicant');
  if (applicant?.birthDate) {
    situation['demandeur . âge en mois'] = ageInMonths(applicant.birthDate, on) as number;
    situation['demandeur . date de naissance'] = publicodesDate(applicant.birthDate);
  }
  // The zone of the aides au logement: said, or known from the commune.
  if (situation['foyer . logement . zone'] === undefined) {
    const zone = housingAidZone(request.commune);
    if (zone !== undefined) situation['foyer . logement . zone'] = zone;
  }
  if (couple && partner?.birthDate) {
    situation['conjoint . âge en mois'] = ageInMonths(partner.birthDate, on) as number;
    situation['conjoint . date de naissance'] = publicodesDate(partner.birthDate);
  }
  // A deceased relative: whether there is one, and how long ago the death was.
  const deceased = household.deceased;
  situation['défunt . déclaré'] = deceased !== undefined;
  if (deceased?.deathDate)
    situation['défunt . mois depuis le décès'] = ageInMonths(deceased.deathDate, on) as number;

  situation['foyer . enfants . nombre'] = children.length;
  const ages = children.map((c) => ageInMonths(c.birthDate, on));
  // Counts by age are only known when every child's birth date is.
  if (ages.every((a) => a !== undefined)) {
    const months = (ages as number[]).slice().sort((a, b) => b - a);
    const years = months.map((a) => Math.floor(a / 12));
    const count = (test: (years: number) => boolean) => years.filter(test).length;
    situation['foyer . enfants . moins de 3 ans'] = count((y) => y < 3);
    situation['foyer . enfants . moins de 6 ans'] = count((y) => y < 6);
    situation['foyer . enfants . moins de 14 ans'] = count((y) => y < 14);
    situation['foyer . enfants . de 14 à 19 ans'] = count((y) => y >= 14 && y < 20);
    situation['foyer . enfants . moins de 20 ans'] = count((y) => y < 20);
    situation['foyer . enfants . moins de 21 ans'] = count((y) => y < 21);
    situation['foyer . enfants . moins de 25 ans'] = count((y) => y < 25);
    const youngest = months[months.length - 1];
    if (youngest !== undefined) situation['foyer . enfants . âge du plus jeune en mois'] = youngest;
    const calendarMonths = children.map((c) => calendarMonthsSince(c.birthDate as string, request.month));
    if (calendarMonths.length > 0)
      situation['foyer . enfants . mois civils du plus jeune'] = Math.max(0, Math.min(...calendarMonths));
    if (years[0] !== undefined) situation["foyer . enfants . âge de l'aîné"] = years[0];
    if (years[1] !== undefined) situation['foyer . enfants . âge du deuxième'] = years[1];
    const supplement = ageSupplementChildren(request);
    if (supplement !== undefined)
      situation['allocations familiales . majoration pour âge . enfants de 14 à 19 ans'] = supplement;
    setSchoolStartChildren(situation, children, request.month);
    setDisabledChildren(situation, children, on);
    setChildSupport(situation, children, on);
  }
  return situation;
}

/**
 * The children counted for the allocation de rentrée scolaire of the month's year (article R543-2 of the code
 * de la sécurité sociale): by the age reached during the calendar year — 6 to 10, 11 to 14, 15 to 18 — a child
 * reaching 18 counting only if still 17 on 15 September. Called only when every birth date is known.
 */
function setSchoolStartChildren(situation: Situation, children: MemberInput[], month: string): void {
  const year = Number(month.slice(0, 4));
  // Born after 15 September of the year of the 18th birthday: not yet 18 on 15 September.
  const stillSeventeen = `${year - 18}-09-16`;
  let primary = 0;
  let middle = 0;
  let high = 0;
  for (const child of children) {
    const birthDate = child.birthDate as string;
    const reached = year - Number(birthDate.slice(0, 4));
    if (reached >= 6 && reached <= 10) primary++;
    else if (reached >= 11 && reached <= 14) middle++;
    else if ((reached >= 15 && reached <= 17) || (reached === 18 && birthDate >= stillSeventeen)) high++;
  }
  situation['foyer . enfants . rentrée . de 6 à 10 ans'] = primary;
  situation['foyer . enfants . rentrée . de 11 à 14 ans'] = middle;
  situation['foyer . enfants . rentrée . de 15 à 18 ans'] = high;
}

/** Children under 20 whose incapacity rate opens the AEEH; unset while a rate or a care answer is missing. */
function setDisabledChildren(situation: Situation, children: MemberInput[], on: string): void {
  let atLeast80 = 0;
  let from50WithCare = 0;
  for (const child of children) {
    if ((ageInYears(child.birthDate, on) as number) >= 20) continue;
    const rate = child.disabilityRate;
    if (rate === undefined) return;
    if (rate >= 0.8) atLeast80++;
    else if (rate >= 0.5) {
      if (child.disabilityCare === undefined) return;
      if (child.disabilityCare) from50WithCare++;
    }
  }
  situation["foyer . enfants . handicap . taux d'au moins 80"] = atLeast80;
  situation['foyer . enfants . handicap . taux de 50 à 79 avec accompagnement'] = from50WithCare;
}

/** The number of child-support slots of the model (rules/commun/situation.publicodes). */
const childSupportSlots = 6;

/**
 * The child support paid for each child under 20 (ASF): how many receive nothing, and the amounts paid, one
 * per slot of the model (Publicodes has no lists). Unset while an answer is missing.
 */
function setChildSupport(situation: Situation, children: MemberInput[], on: string): void {
  const paid: number[] = [];
  let none = 0;
  for (const child of children) {
    if ((ageInYears(child.birthDate, on) as number) >= 20) continue;
    const support = child.monthlyChildSupport;
    if (support === undefined) return;
    if (support > 0) paid.push(support);
    else none++;
  }
  const prefix = 'foyer . enfants . pension alimentaire';
  situation[`${prefix} . aucune`] = none;
  situation[`${prefix} . versées`] = Math.min(paid.length, childSupportSlots);
  situation[`${prefix} . au-delà de six`] = Math.max(0, paid.length - childSupportSlots);
  for (let i = 0; i < paid.length && i < childSupportSlots; i++)
    situation[`${prefix} . enfant ${i + 1}`] = paid[i] as number;
}

/**
 * The exact number of children whose age supplement is due (rule `allocations familiales . majoration pour
 * âge . enfants de 14 à 19 ans`): children aged 14 to 19 on the first day of the month, and, from March 2026
 * (décret n° 2026-138), only those born before 1 March 2012 or aged 18 or more. The shared situation only
 * carries counts by age, and the model's own formula alone would assume every child of 14 to 19 was born
 * before that day: `toSituation` sets this exact count whenever every child's birth date is known.
 */
export function ageSupplementChildren(request: EstimationRequest): number | undefined {
  const on = `${request.month}-01`;
  let count = 0;
  for (const member of request.household.members) {
    if (member.role !== 'child') continue;
    if (!member.birthDate) return undefined;
    const age = ageInYears(member.birthDate, on);
    if (age === undefined || age < 14 || age >= 20) continue;
    const reformApplies = on >= '2026-03-01' && member.birthDate >= '2012-03-01' && age < 18;
    if (!reformApplies) count += 1;
  }
  return count;
}

/** The same inputs in the form Publicodes' setSituation expects (quoted strings, oui/non). */
export function toPublicodesSituation(situation: Situation): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(situation)) {
    if (typeof value === 'number') out[name] = value;
    else if (typeof value === 'boolean') out[name] = value ? 'oui' : 'non';
    else if (typeof value === 'string') out[name] = `'${value.replace(/'/g, ' ')}'`;
    else out[name] = value.date;
  }
  return out;
}
