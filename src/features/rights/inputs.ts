// Which request field answers each shared input (rules/commun/), and the plain-French question to ask when it is
// missing — both read from the registry of household inputs (household-inputs.ts). A benefit lists the inputs it
// needs (benefits/<id>.ts); `missingFor` turns that list into the field paths of the public contract.
import type { EstimationRequest, MemberInput, MissingField } from './contract.ts';
import type { householdInputs } from './household-inputs.ts';
import {
  ageInYears,
  fieldPath,
  inputByChildField,
  inputByRule,
  valueOf,
  type InputDefinition,
} from './household-inputs.ts';

/**
 * The shared inputs a benefit may need: the model's input names that the registry fills (those of a child's slot —
 * `foyer . enfants . handicap`, `… pension alimentaire` — asked child by child, their counts folded by
 * situation.ts), and the children.
 */
export type InputName =
  'mois estimé' | 'foyer . enfants' | Extract<(typeof householdInputs)[number], { rule: string }>['rule'];

const none: MissingField[] = [];

/** Finds the missing fields of one input for a request (`couple` already worked out). */
type InputCheck = (request: EstimationRequest, couple: boolean, out: MissingField[]) => void;

// Each input name is read once into its check: `missingFor` runs for every benefit of every household.
const checks = new Map<InputName, InputCheck>();

function checkFor(name: InputName): InputCheck {
  let check = checks.get(name);
  if (check) return check;
  if (name === 'mois estimé') check = () => {};
  else if (name === 'foyer . enfants') check = childrenCheck;
  else if (name === 'foyer . enfants . handicap') check = childQuestions(disabilityQuestion);
  else if (name === 'foyer . enfants . pension alimentaire') check = childQuestions(childSupportQuestion);
  else if (name === 'foyer . couple') check = coupleCheck;
  else {
    const input = inputByRule.get(name);
    if (!input) throw new Error(`Entrée inconnue du registre : ${name}`);
    check = 'member' in input.slot ? memberCheck(input, name) : pathCheck(input);
  }
  checks.set(name, check);
  return check;
}

function memberCheck(input: InputDefinition, name: string): InputCheck {
  const role = (input.slot as { member: 'applicant' | 'partner' }).member;
  // An input of the member's own namespace asks for the member when they are not listed at all.
  const own = name.startsWith(role === 'applicant' ? 'demandeur . ' : 'conjoint . ');
  return (request, couple, out) => {
    // The partner's answers matter only for a couple.
    if (role === 'partner' && !couple) return;
    const path = fieldPath(input, request);
    if (path === undefined) {
      // No partner listed although the household says couple: ask for the partner first.
      if (own)
        out.push({
          field: 'household.members',
          question:
            role === 'partner'
              ? 'Pouvez-vous décrire votre conjoint (date de naissance, revenus) ?'
              : 'Qui fait la demande ?',
        });
      return;
    }
    // `gir: null` is an answer ("not evaluated"), not a missing field.
    if (valueOf(input, request) === undefined) out.push({ field: path, question: input.question });
  };
}

function pathCheck(input: InputDefinition): InputCheck {
  const field = (input.slot as { path: string }).path;
  return (request, _couple, out) => {
    if (input.relevant && !input.relevant(request)) return;
    if (valueOf(input, request) === undefined) out.push({ field, question: input.question });
  };
}

const coupleInput = inputByRule.get('foyer . couple') as InputDefinition;
const coupleCheck: InputCheck = (request, couple, out) => {
  if (request.household.couple === undefined && !couple)
    out.push({ field: 'household.couple', question: coupleInput.question });
};

const childrenCheck: InputCheck = (request, _couple, out) => {
  const members = request.household.members;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    if (m.role === 'child' && !m.birthDate)
      out.push({
        field: `household.members[${i}].birthDate`,
        question: 'Quelle est la date de naissance de cet enfant ?',
      });
  }
};

/** One child's missing answer (field and question), if any. */
type ChildQuestion = (child: MemberInput) => { field: string; question: string } | undefined;

/** A child's field and its question, as the registry declares them. */
function childField(field: keyof MemberInput & string): { field: string; question: string } {
  const input = inputByChildField.get(field);
  if (!input) throw new Error(`Champ d’enfant absent du registre : ${field}`);
  return { field, question: input.question };
}

const rateField = childField('disabilityRate');
const careField = childField('disabilityCare');
const supportField = childField('monthlyChildSupport');

/** The incapacity rate of each child, and the care recommended when the rate is 50 to 79 % (AEEH). */
const disabilityQuestion: ChildQuestion = (child) => {
  if (child.disabilityRate === undefined) return rateField;
  if (child.disabilityRate >= 0.5 && child.disabilityRate < 0.8 && child.disabilityCare === undefined)
    return careField;
  return undefined;
};

/** What the other parent actually pays for each child (ASF). */
const childSupportQuestion: ChildQuestion = (child) =>
  child.monthlyChildSupport === undefined ? supportField : undefined;

/** Asks `ask` of each child under 20 (or of unknown age): children of 20 or more open neither AEEH nor ASF. */
function childQuestions(ask: ChildQuestion): InputCheck {
  return (request, _couple, out) => {
    const on = `${request.month}-01`;
    const members = request.household.members;
    for (let i = 0; i < members.length; i++) {
      const member = members[i]!;
      if (member.role !== 'child') continue;
      const age = ageInYears(member.birthDate, on);
      if (age !== undefined && age >= 20) continue;
      const missing = ask(member);
      if (missing)
        out.push({ field: `household.members[${i}].${missing.field}`, question: missing.question });
    }
  };
}

/** Whether the household is a couple: said so, or a partner is listed. */
export function isCouple(request: EstimationRequest): boolean {
  const household = request.household;
  return household.couple ?? household.members.some((m) => m.role === 'partner');
}

/** The missing fields (with their questions) among the inputs a benefit needs, in the order given. */
export function missingFor(
  request: EstimationRequest,
  inputs: readonly InputName[],
  couple = isCouple(request),
): MissingField[] {
  if (inputs.length === 0) return none;
  const out: MissingField[] = [];
  for (let i = 0; i < inputs.length; i++) checkFor(inputs[i] as InputName)(request, couple, out);
  return out;
}
