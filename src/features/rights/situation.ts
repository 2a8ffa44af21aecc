// The mapping from an API request (contract.ts) to the inputs of the Publicodes model (rules/commun/).
// Publicodes has no lists, so the household's members are folded here into the named inputs of
// rules/commun/situation.publicodes: the applicant, the partner, and counts of children by age.
import type { EstimationRequest, MemberInput } from './contract.ts';

/** A typed input value: numbers in the rule's unit, dates as dd/mm/yyyy, strings without quotes. */
export type InputValue = number | boolean | string | { date: string };

/** The inputs given to the model, by rule name; an absent key is an unanswered question. */
export type Situation = Record<string, InputValue>;

const housingStatus: Record<string, string> = {
  tenant: 'locataire',
  owner: 'propriétaire',
  'hosted-free': 'hébergé gratuitement',
  homeless: 'sans domicile',
};

const businessActivity: Record<string, string> = { sale: 'vente', services: 'services', liberal: 'libéral' };

/** Completed years between a birth date and a reference day (both YYYY-MM-DD), or undefined. */
export function ageInYears(birthDate: string | undefined, on: string): number | undefined {
  const months = ageInMonths(birthDate, on);
  return months === undefined ? undefined : Math.floor(months / 12);
}

/** Completed months between a birth date and a reference day (both YYYY-MM-DD), or undefined. */
export function ageInMonths(birthDate: string | undefined, on: string): number | undefined {
  if (!birthDate) return undefined;
  const by = Number(birthDate.slice(0, 4));
  const bm = Number(birthDate.slice(5, 7));
  const bd = Number(birthDate.slice(8, 10));
  const y = Number(on.slice(0, 4));
  const m = Number(on.slice(5, 7));
  const d = Number(on.slice(8, 10));
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  // A child born later in the month estimated (or after it) counts as 0 months old: benefits start with the birth.
  return Math.max(0, months);
}

/** The first day of the month estimated, YYYY-MM-DD. */
export function firstDay(month: string): string {
  return `${month}-01`;
}

/** dd/mm/yyyy, the date format of Publicodes. */
export function publicodesDate(isoDate: string): { date: string } {
  return { date: `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}` };
}

// The input names of each member, written once (not rebuilt for every household).
const memberInputs = {
  demandeur: memberInputNames('demandeur'),
  conjoint: memberInputNames('conjoint'),
};

function memberInputNames(prefix: 'demandeur' | 'conjoint') {
  return {
    age: `${prefix} . âge`,
    pregnant: `${prefix} . enceinte`,
    earnings: `${prefix} . revenus d'activité`,
    replacement: `${prefix} . revenus de remplacement`,
    disabilityRate: `${prefix} . taux d'incapacité`,
    gir: `${prefix} . GIR`,
    student: `${prefix} . étudiant`,
  };
}

function setMember(
  situation: Situation,
  prefix: 'demandeur' | 'conjoint',
  member: MemberInput,
  on: string,
): void {
  const names = memberInputs[prefix];
  const age = ageInYears(member.birthDate, on);
  if (age !== undefined) situation[names.age] = age;
  if (member.pregnant !== undefined) situation[names.pregnant] = member.pregnant;
  if (member.monthlyNetEarnings !== undefined) situation[names.earnings] = member.monthlyNetEarnings;
  if (member.monthlyReplacementIncome !== undefined)
    situation[names.replacement] = member.monthlyReplacementIncome;
  // The API speaks in rates from 0 to 1; the model in percent, as the MDPH decisions do.
  if (member.disabilityRate !== undefined)
    situation[names.disabilityRate] = Math.round(member.disabilityRate * 10000) / 100;
  if (member.gir !== undefined && member.gir !== null) situation[names.gir] = member.gir;
  if (member.student !== undefined) situation[names.student] = member.student;
}

/** Builds the model's inputs from a (validated) request. Pure; unanswered fields stay absent. */
export function toSituation(request: EstimationRequest): Situation {
  const on = firstDay(request.month);
  const situation: Situation = { 'mois estimé': publicodesDate(on) };
  if (request.commune) situation['commune . code INSEE'] = request.commune;
  const household = request.household;
  const applicant = household.members.find((m) => m.role === 'applicant');
  const partner = household.members.find((m) => m.role === 'partner');
  const children = household.members.filter((m) => m.role === 'child');

  // A partner listed in the members is a couple even when `couple` was left out.
  const couple = household.couple ?? (partner ? true : undefined);
  if (couple !== undefined) situation['foyer . couple'] = couple;
  if (applicant) setMember(situation, 'demandeur', applicant, on);
  if (applicant?.employmentRestriction !== undefined) {
    situation['aah . restriction substantielle et durable'] = applicant.employmentRestriction;
  }
  if (couple && partner) setMember(situation, 'conjoint', partner, on);

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
    if (years[0] !== undefined) situation["foyer . enfants . âge de l'aîné"] = years[0];
    if (years[1] !== undefined) situation['foyer . enfants . âge du deuxième'] = years[1];
    const supplement = ageSupplementChildren(request);
    if (supplement !== undefined)
      situation['allocations familiales . majoration pour âge . enfants de 14 à 19 ans'] = supplement;
  }

  const status = household.housing?.status;
  const statusName = status && housingStatus[status];
  if (statusName) situation['foyer . logement . statut'] = statusName;
  if (household.housing?.monthlyRent !== undefined)
    situation['foyer . logement . loyer'] = household.housing.monthlyRent;
  if (household.monthlyHousingAid !== undefined)
    situation['foyer . aides au logement'] = household.monthlyHousingAid;
  if (household.annualResources !== undefined)
    situation['foyer . ressources N-2'] = household.annualResources;
  if (household.referenceTaxIncome !== undefined) {
    situation['foyer . revenu fiscal de référence'] = household.referenceTaxIncome;
  }

  const business = request.business;
  if (business) {
    const activity = business.activity && businessActivity[business.activity];
    if (activity) situation['entreprise . activité'] = activity;
    if (business.annualTurnover !== undefined)
      situation["entreprise . chiffre d'affaires annuel"] = business.annualTurnover;
    if (business.creationDate)
      situation['entreprise . date de création'] = publicodesDate(business.creationDate);
    if (business.acre !== undefined) situation['entreprise . ACRE demandée'] = business.acre;
    if (business.acreGroup !== undefined) situation['acre . autre public'] = business.acreGroup;
  }
  return situation;
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
