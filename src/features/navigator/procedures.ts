// Which procedures of a moment of life apply to a household, and in which order to do them. Pure: the content
// (content/life-events/*.json) declares each procedure's urgency and its conditions on the household; this
// module checks them at start, reads the household's facts from the estimation request, keeps the procedures
// whose conditions may hold, and orders them by urgency, then by deadline, then as the content lists them.
import type { EstimationRequest } from '../rights/contract.ts';
import { ageInYears } from '../rights/household-inputs.ts';
import { computeDeadline, type DeadlineRule } from './deadlines.ts';

/**
 * How soon to act, whatever the deadline: "immediately" (the days around the event: a birth to declare, a
 * registration that opens the allowance), "soon" (the weeks after), "later" (when convenient).
 */
export const urgencies = ['immediately', 'soon', 'later'] as const;
export type Urgency = (typeof urgencies)[number];

/** Housing statuses, as the estimation request says them. */
const housingStatuses = ['tenant', 'owner', 'hosted-free', 'homeless'] as const;

/** What the deceased relative did in the three months before the death (the capital décès depends on it). */
const deceasedSituations = [
  'employee',
  'jobseeker',
  'invalidity',
  'retired',
  'self-employed',
  'civil-servant',
  'farmer',
  'other',
] as const;

/** A bound on a number: at least `atLeast`, under `under` (either or both). */
interface Bounds {
  atLeast?: number;
  under?: number;
}

/**
 * A condition on the household for a procedure to apply, as the content file writes it. Several conditions
 * on one procedure must all hold; `anyOf` holds when one of its conditions does.
 */
export type ProcedureCondition =
  /** The applicant's age in completed years on the date of the event. */
  | ({ fact: 'age' } & Bounds)
  /** The applicant's incapacity rate recognised by the MDPH, in percent (50, 80). */
  | ({ fact: 'disabilityPercent' } & Bounds)
  /** The applicant's autonomy group (GIR 1, most dependent, to 6); unknown until the département evaluates it. */
  | ({ fact: 'gir' } & Bounds)
  /** The number of children listed in the household. */
  | ({ fact: 'children' } & Bounds)
  | { fact: 'couple'; is: boolean }
  | { fact: 'housing'; in: (typeof housingStatuses)[number][] }
  /** Whether the event is still ahead (a birth expected, not happened yet). */
  | { fact: 'eventAhead'; is: boolean }
  /** Whether the applicant was (or had been) married to the deceased (pension de réversion, veuvage). */
  | { fact: 'marriedToDeceased'; is: boolean }
  /** The deceased's situation in the three months before the death (capital décès). */
  | { fact: 'deceasedSituation'; in: (typeof deceasedSituations)[number][] }
  | { anyOf: ProcedureCondition[] };

/** What the conditions read about the household; undefined when the answers do not say. */
export interface HouseholdFacts {
  age?: number;
  disabilityPercent?: number;
  gir?: number;
  children: number;
  couple?: boolean;
  housing?: string;
  eventAhead: boolean;
  marriedToDeceased?: boolean;
  deceasedSituation?: string;
}

/** The household's facts for the conditions, from the estimation request, the event date and today. */
export function householdFacts(request: EstimationRequest, eventDate: string, today: string): HouseholdFacts {
  const applicant = request.household.members.find((m) => m.role === 'applicant');
  const rate = applicant?.disabilityRate;
  // The deceased relative is an optional extension of the request (household.deceased); read it as such, so
  // that a request without it simply leaves the facts unknown.
  const deceased = (request.household as { deceased?: { married?: unknown; situation?: unknown } }).deceased;
  return {
    age: ageInYears(applicant?.birthDate, eventDate),
    disabilityPercent: typeof rate === 'number' ? Math.round(rate * 10000) / 100 : undefined,
    gir: applicant?.gir ?? undefined,
    children: request.household.members.filter((m) => m.role === 'child').length,
    couple: request.household.couple,
    housing: request.household.housing?.status,
    eventAhead: eventDate > today,
    marriedToDeceased: typeof deceased?.married === 'boolean' ? deceased.married : undefined,
    deceasedSituation: typeof deceased?.situation === 'string' ? deceased.situation : undefined,
  };
}

function within(value: number | undefined, bounds: Bounds): boolean | undefined {
  if (value === undefined) return undefined;
  return (
    (bounds.atLeast === undefined || value >= bounds.atLeast) &&
    (bounds.under === undefined || value < bounds.under)
  );
}

function equals<T>(value: T | undefined, expected: T): boolean | undefined {
  return value === undefined ? undefined : value === expected;
}

function among(value: string | undefined, list: readonly string[]): boolean | undefined {
  return value === undefined ? undefined : list.includes(value);
}

/** Whether a condition holds: true, false, or undefined when the household's answers do not say. */
export function conditionHolds(condition: ProcedureCondition, facts: HouseholdFacts): boolean | undefined {
  if ('anyOf' in condition) {
    const results = condition.anyOf.map((c) => conditionHolds(c, facts));
    if (results.includes(true)) return true;
    return results.includes(undefined) ? undefined : false;
  }
  switch (condition.fact) {
    case 'age':
      return within(facts.age, condition);
    case 'disabilityPercent':
      return within(facts.disabilityPercent, condition);
    case 'gir':
      return within(facts.gir, condition);
    case 'children':
      return within(facts.children, condition);
    case 'couple':
      return equals(facts.couple, condition.is);
    case 'housing':
      return among(facts.housing, condition.in);
    case 'eventAhead':
      return facts.eventAhead === condition.is;
    case 'marriedToDeceased':
      return equals(facts.marriedToDeceased, condition.is);
    case 'deceasedSituation':
      return among(facts.deceasedSituation, condition.in);
  }
}

/**
 * Whether a procedure applies: every condition holds or cannot be decided. A step the answers do not rule out
 * stays in the plan (its text says for whom it is): hiding a step someone needs costs more than showing one
 * they can skip.
 */
export function applies(
  conditions: readonly ProcedureCondition[] | undefined,
  facts: HouseholdFacts,
): boolean {
  return (conditions ?? []).every((c) => conditionHolds(c, facts) !== false);
}

const boundedFacts = new Set(['age', 'disabilityPercent', 'gir', 'children']);
const booleanFacts = new Set(['couple', 'eventAhead', 'marriedToDeceased']);
const listFacts: Record<string, readonly string[]> = {
  housing: housingStatuses,
  deceasedSituation: deceasedSituations,
};

/** What is wrong with a condition of a content file, in French, or null when it is well formed. */
export function conditionProblem(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'une condition doit être un objet';
  const c = raw as Record<string, unknown>;
  if ('anyOf' in c) {
    if (Object.keys(c).length !== 1) return 'anyOf ne se combine avec rien d’autre';
    if (!Array.isArray(c.anyOf) || c.anyOf.length < 2) return 'anyOf demande au moins deux conditions';
    for (const inner of c.anyOf) {
      const problem = conditionProblem(inner);
      if (problem) return problem;
    }
    return null;
  }
  const fact = c.fact;
  if (typeof fact !== 'string') return 'fact manquant';
  const keys = Object.keys(c).filter((k) => k !== 'fact');
  if (boundedFacts.has(fact)) {
    if (keys.length === 0 || keys.some((k) => k !== 'atLeast' && k !== 'under'))
      return `${fact} demande atLeast et/ou under`;
    if (keys.some((k) => typeof c[k] !== 'number' || !Number.isFinite(c[k]) || (c[k] as number) < 0))
      return `${fact} : bornes numériques positives attendues`;
    if (typeof c.atLeast === 'number' && typeof c.under === 'number' && c.atLeast >= c.under)
      return `${fact} : atLeast doit être inférieur à under`;
    return null;
  }
  if (booleanFacts.has(fact)) {
    if (keys.length !== 1 || typeof c.is !== 'boolean') return `${fact} demande is: true ou false`;
    return null;
  }
  const allowed = listFacts[fact];
  if (allowed) {
    if (keys.length !== 1 || !Array.isArray(c.in) || c.in.length === 0) return `${fact} demande une liste in`;
    const unknown = c.in.find((v) => !allowed.includes(v as string));
    if (unknown !== undefined) return `${fact} : valeur inconnue « ${String(unknown)} »`;
    return null;
  }
  return `fait inconnu « ${fact} »`;
}

/** What ordering needs of a procedure. */
export interface OrderedContent {
  urgency: Urgency;
  deadline: DeadlineRule | null;
  conditions?: ProcedureCondition[];
}

/**
 * Procedures in the order to do them: by urgency, then by deadline (dated ones first, earliest first), then as
 * the content lists them. A step to do at once comes before a dated one months away, whatever their dates.
 */
export function orderProcedures<P extends OrderedContent>(procedures: readonly P[], eventDate: string): P[] {
  const rank = (u: Urgency) => urgencies.indexOf(u);
  return procedures
    .map((procedure, index) => ({
      procedure,
      index,
      deadline: procedure.deadline ? computeDeadline(eventDate, procedure.deadline) : null,
    }))
    .sort((a, b) => {
      const byUrgency = rank(a.procedure.urgency) - rank(b.procedure.urgency);
      if (byUrgency !== 0) return byUrgency;
      if (a.deadline && b.deadline && a.deadline !== b.deadline) return a.deadline < b.deadline ? -1 : 1;
      if (a.deadline && !b.deadline) return -1;
      if (!a.deadline && b.deadline) return 1;
      return a.index - b.index;
    })
    .map((p) => p.procedure);
}

/** The procedures of a moment of life that apply to this household, in the order to do them. */
export function proceduresInOrder<P extends OrderedContent>(
  procedures: readonly P[],
  situation: { request: EstimationRequest; eventDate: string; today: string },
): P[] {
  const facts = householdFacts(situation.request, situation.eventDate, situation.today);
  return orderProcedures(
    procedures.filter((p) => applies(p.conditions, facts)),
    situation.eventDate,
  );
}
