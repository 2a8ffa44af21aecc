// The questions of the navigator. Every household question comes from the registry of household inputs
// (rights/household-inputs.ts): its page, title, help and form control, and where its answer goes in an
// estimation request; this module adds only what the navigator asks for itself — the event's date, the commune,
// the other children, the salary of a first hire — and draws the pages of the inputs asked about the children
// (one value for every child, or one row per child), which the registry declares like the others. The questionnaire asks a question only when the rights engine
// says the plan still needs it (questionnaire.ts).
import type { FieldError } from '../../platform/errors.ts';
import { addDays, parseDate, todayInParis } from '../../platform/dates.ts';
import type { EstimationRequest, MemberInput } from '../rights/contract.ts';
import type { householdInputs } from '../rights/household-inputs.ts';
import {
  fieldPath,
  groupPages,
  inputDefinitions,
  type FormSpec,
  type InputDefinition,
  type RequestLike,
} from '../rights/household-inputs.ts';
import { checkHousingMeaning } from '../rights/schema.ts';
import {
  controlText,
  frenchDay,
  isControlValue,
  readBirthDate,
  readControl,
  readDate,
  readMoney,
  shortEuros,
  showControl,
  single,
  type AnswerValue,
  type FormValues,
} from './answer-controls.ts';

export { readAmount, readDate, type FormValues } from './answer-controls.ts';

type FormInput = Extract<(typeof householdInputs)[number], { form: object }>;
/** A per-child answer is a list in the order of the children (null where it does not apply to a child). */
type AnswerValueOf<I extends FormInput> = I['slot'] extends { perChild: true }
  ? (I['form'] extends { optionalOnPage: true }
      ? ControlValue<I['form']['control']> | null
      : ControlValue<I['form']['control']>)[]
  : ControlValue<I['form']['control']>;
type ControlValue<C> = C extends { kind: 'money' | 'percent' | 'count' }
  ? number
  : C extends { kind: 'birth-date' }
    ? string
    : C extends { kind: 'yes-no' }
      ? boolean
      : C extends { kind: 'gir' }
        ? number | null
        : C extends { options: readonly (readonly [infer V, string])[] }
          ? V
          : never;

/** The answers to the registry's questions, by answer key, typed by their form control. */
export type InputAnswers = {
  -readonly [I in FormInput as I['form']['key']]?: AnswerValueOf<I>;
};

/** A question page: the navigator's own, or one of the registry's. */
export type QuestionId = 'eventDate' | 'commune' | 'children' | 'salary' | FormInput['form']['page'];

/** The answers of one questionnaire (kept in a signed cookie, or saved on request for a private link). */
export type Answers = InputAnswers & {
  eventDate?: string;
  commune?: string;
  /** Birth dates of the dependent children (for a birth: the other children). */
  children?: string[];
  /**
   * Ticked on the children page: one of them has a disability recognised (or asked for) at the MDPH. The answers
   * about the children themselves — `childRates` (each child's incapacity rate in percent, in the order of
   * `children`), `childCare` (for a rate of 50 to 79 %, adapted schooling, a service or recommended care) and
   * `childSupport` (what the other parent pays per child and per month) — are the registry's.
   */
  childDisabled?: boolean;
  /** Gross monthly salary of the first employee. */
  salary?: number;
  /** Questions the person chose not to answer: never asked again. */
  skipped?: QuestionId[];
};

/** Context for reading an answer: today's date (Paris) and the event's bounds. */
export interface AnswerContext {
  today: string;
  eventLabel: string;
  maxPastDays: number;
  maxFutureDays: number;
  communes: { inseeCode: string; name: string }[];
}

export interface Question {
  id: QuestionId;
  /** The question as asked (legend of the fieldset). */
  label: string;
  help: string;
  /** The form fields of the question, in order (their names). */
  fields: string[];
  /** The registry's inputs the page asks, in order (none for the navigator's own questions). */
  inputs: readonly (InputDefinition & { form: FormSpec })[];
  /** Whether "Je ne sais pas / passer" is offered. */
  skippable: boolean;
  /** Reads and checks the form; returns the answer patch or the errors, field by field. */
  read(
    form: FormValues,
    ctx: AnswerContext,
    answers: Answers,
  ): { patch: Partial<Answers> } | { errors: FieldError[] };
  /** The answer in plain French for the summary, or null when not answered. */
  show(answers: Answers, ctx: Pick<AnswerContext, 'communes'>): string | null;
}

type Formed = InputDefinition & { form: FormSpec };
type ChildFormed = Formed & { slot: { child: string; perChild: boolean } };
const allFormed = inputDefinitions.filter((i): i is Formed => i.form !== undefined);
/** The inputs asked on a page of their own kind: one place in the request each. */
const formed = allFormed.filter((i) => !('child' in i.slot));
/** The inputs asked about the children (their pages are drawn by the navigator). */
const childFormed = allFormed.filter((i): i is ChildFormed => 'child' in i.slot);

/** The registry's input about the children with this answer key. */
function childInput(key: string): ChildFormed {
  const input = childFormed.find((i) => i.form.key === key);
  if (!input) throw new Error(`Question sur les enfants absente du registre : ${key}`);
  return input;
}
const supportInput = childInput('childSupport');
const rateInput = childInput('childRates');
const careInput = childInput('childCare');

/** Whether a page asks about the children (drawn by the navigator: one value for all, or a row per child). */
export function isChildPage(id: QuestionId): boolean {
  return questions[id].inputs.some((i) => 'child' in i.slot);
}

/** An answer by its key, untyped (for the code that loops over the registry). */
function answerOf(answers: Answers, key: string): AnswerValue | undefined {
  return (answers as Record<string, AnswerValue | undefined>)[key];
}

/** The household part of the request that the answers to the registry's questions make (without the event). */
function householdRequest(answers: Answers): RequestLike {
  const request: EstimationRequest = { month: '2000-01', household: { members: [{ role: 'applicant' }] } };
  if (answers.couple) request.household.members.push({ role: 'partner' });
  for (const input of formed) setRequestValue(request, input, answerOf(answers, input.form.key));
  return request as RequestLike;
}

/** Whether an input of a page applies to these answers (a rent only for a tenant). */
function applies(input: Formed, answers: Answers): boolean {
  return !input.relevant || input.relevant(householdRequest(answers));
}

/** A page of the registry: one input, or several asked together (the partner, the home). */
function registryQuestion(page: string, inputs: Formed[]): Question {
  const group = inputs.length > 1 ? groupPages[page] : undefined;
  const first = inputs[0]!;
  return {
    id: page as QuestionId,
    label: group?.title ?? first.form.title,
    help: group?.help ?? first.form.help,
    fields: inputs.map((i) => i.form.key),
    inputs,
    skippable: true,
    read(form, ctx, answers) {
      const patch: Record<string, AnswerValue | undefined> = {};
      const errors: FieldError[] = [];
      for (const input of inputs) {
        // An input that does not apply to the other answers of the page is cleared, not read.
        if (!applies(input, { ...answers, ...(patch as Partial<Answers>) })) {
          patch[input.form.key] = undefined;
          continue;
        }
        const r = readControl(
          input.form.control,
          form,
          input.form.key,
          ctx.today,
          !input.form.optionalOnPage,
        );
        if (r.error) errors.push(r.error);
        else patch[input.form.key] = r.value;
      }
      if (errors.length > 0) return { errors };
      // What each answer means with the others (a tenant's rent of 0, charges above the rent): the API's own
      // checks, said beside the field of this page they are about — never an amount from half an answer.
      const request = householdRequest({ ...answers, ...(patch as Partial<Answers>) });
      for (const error of checkHousingMeaning(request as EstimationRequest)) {
        const input = inputs.find((i) => 'path' in i.slot && i.slot.path === error.field);
        if (input) errors.push({ field: input.form.key, message: `${error.message}.` });
      }
      return errors.length > 0 ? { errors } : { patch: patch as Partial<Answers> };
    },
    show(answers) {
      if (inputs.length === 1) {
        const value = answerOf(answers, first.form.key);
        return value === undefined ? null : showControl(first.form.control, value);
      }
      if (!isPageAnswered(this, answers)) return null;
      const parts = inputs.flatMap((input) => {
        const value = answerOf(answers, input.form.key);
        if (value === undefined) return [];
        return [(input.form.summary ?? '{}').replace('{}', showControl(input.form.control, value))];
      });
      const text = parts.join(', ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    },
  };
}

const maxChildren = 6;

/** The navigator's own questions: the event's date, the commune, the other children, a first hire's salary. */
const ownQuestions = {
  eventDate: {
    id: 'eventDate',
    label: 'Date de l’événement',
    help: 'Les délais de vos démarches sont calculés à partir de cette date.',
    fields: ['eventDate'],
    inputs: [],
    skippable: false,
    read(form, ctx) {
      const raw = single(form, 'eventDate');
      if (!raw) return { errors: [{ field: 'eventDate', message: 'Indiquez la date.' }] };
      const value = readDate(raw);
      if (!value)
        return {
          errors: [
            { field: 'eventDate', message: 'Cette date n’existe pas. Écrivez-la ainsi : 08/06/2026.' },
          ],
        };
      const latest = addDays(ctx.today, ctx.maxFutureDays);
      const earliest = addDays(ctx.today, -ctx.maxPastDays);
      if (value > latest) {
        return {
          errors: [
            {
              field: 'eventDate',
              message:
                ctx.maxFutureDays === 0
                  ? 'Cette date ne peut pas être dans le futur.'
                  : `Cette date est trop loin : au plus tard le ${frenchDay(latest)}.`,
            },
          ],
        };
      }
      if (value < earliest)
        return {
          errors: [
            {
              field: 'eventDate',
              message: `Cette date est trop ancienne : au plus tôt le ${frenchDay(earliest)}.`,
            },
          ],
        };
      return { patch: { eventDate: value } };
    },
    show: (a) => (a.eventDate ? frenchDay(a.eventDate) : null),
  },
  commune: {
    id: 'commune',
    label: 'Dans quelle commune habitez-vous ?',
    help: 'Pour vous indiquer où aller près de chez vous.',
    fields: ['commune'],
    inputs: [],
    skippable: false,
    read(form, ctx) {
      const value = single(form, 'commune');
      if (!ctx.communes.some((c) => c.inseeCode === value))
        return {
          errors: [
            {
              field: 'commune',
              message:
                'Choisissez votre commune dans la liste. Si elle n’y est pas, elle est hors du territoire de ce service : voir les liens sous la liste.',
            },
          ],
        };
      return { patch: { commune: value } };
    },
    show: (a, ctx) => ctx.communes.find((c) => c.inseeCode === a.commune)?.name ?? null,
  },
  children: {
    id: 'children',
    label: 'Vos enfants à charge',
    help: 'Indiquez la date de naissance de chaque enfant qui vit avec vous. Laissez vide s’il n’y en a pas.',
    fields: Array.from({ length: maxChildren }, (_, i) => `child${i + 1}`),
    inputs: [],
    skippable: false,
    read(form, ctx, answers) {
      const dates: string[] = [];
      const errors: FieldError[] = [];
      for (let i = 1; i <= maxChildren; i++) {
        const r = readBirthDate(form, `child${i}`, ctx.today, false);
        if (r.error) errors.push(r.error);
        else if (r.value) dates.push(r.value);
      }
      if (errors.length > 0) return { errors };
      const disabled = dates.length > 0 && single(form, 'childDisabled') === 'oui';
      // The rates said for other children (or in another order) no longer hold: asked again.
      const same = answers.children?.join() === dates.join();
      return {
        patch: {
          children: dates,
          childDisabled: disabled,
          childRates: disabled && same ? answers.childRates : undefined,
          childCare: disabled && same ? answers.childCare : undefined,
        },
      };
    },
    show: (a) =>
      a.children === undefined
        ? null
        : a.children.length === 0
          ? 'Aucun'
          : `${a.children.map(frenchDay).join(', ')}${a.childDisabled ? ' (handicap reconnu ou demandé à la MDPH)' : ''}`,
  },
  childSupport: {
    id: 'childSupport',
    label: supportInput.form.title,
    help: supportInput.form.help,
    fields: [supportInput.form.key],
    inputs: [supportInput],
    skippable: true,
    read(form, ctx) {
      const r = readControl(supportInput.form.control, form, supportInput.form.key, ctx.today, true);
      return r.error ? { errors: [r.error] } : { patch: { childSupport: r.value as number } };
    },
    show: (a) =>
      a.childSupport === undefined ? null : `${shortEuros(a.childSupport)} par enfant et par mois`,
  },
  childDisability: {
    id: 'childDisability',
    label: groupPages.childDisability!.title,
    help: groupPages.childDisability!.help,
    fields: Array.from({ length: maxChildren }, (_, i) => [`childRate${i + 1}`, `childCare${i + 1}`]).flat(),
    inputs: [rateInput, careInput],
    skippable: true,
    read(form, ctx, answers) {
      const rates: number[] = [];
      const care: (boolean | null)[] = [];
      const errors: FieldError[] = [];
      // On the one-page form the children are typed on the same page: as many rows as dates given.
      const count = answers.children?.length ?? maxChildren;
      for (let i = 1; i <= count; i++) {
        const rate = readControl({ kind: 'percent' }, form, `childRate${i}`, ctx.today, true);
        if (rate.error) {
          errors.push(rate.error);
          continue;
        }
        rates.push(rate.value as number);
        // The CDAPH's recommendation matters only for a rate of 50 to 79 % (CSS art. R541-1).
        const between = (rate.value as number) >= 50 && (rate.value as number) < 80;
        const cared = readControl({ kind: 'yes-no' }, form, `childCare${i}`, ctx.today, between);
        if (cared.error)
          errors.push({ ...cared.error, message: 'Pour un taux de 50 à 79 %, répondez oui ou non.' });
        care.push(between ? (cared.value as boolean) : null);
      }
      if (errors.length > 0) return { errors };
      return { patch: { childRates: rates, childCare: care } };
    },
    show: (a) =>
      a.childRates === undefined
        ? null
        : a.childRates
            .map((rate, i) => {
              const care = a.childCare?.[i];
              const text = `${String(rate)} %${care === true ? ', avec accompagnement' : care === false ? ', sans accompagnement' : ''}`;
              return a.children?.[i] ? `${frenchDay(a.children[i])} : ${text}` : text;
            })
            .join(' ; '),
  },
  salary: {
    id: 'salary',
    label: 'Quel salaire brut mensuel allez-vous verser ?',
    help: 'Le salaire brut inscrit au contrat, pour un mois complet.',
    fields: ['salary'],
    inputs: [],
    skippable: true,
    read(form) {
      const r = readMoney(form, 'salary', 100_000);
      return r.error ? { errors: [r.error] } : { patch: { salary: r.value } };
    },
    show: (a) => (a.salary === undefined ? null : shortEuros(a.salary)),
  },
} satisfies Record<string, Question>;

function buildQuestions(): Record<QuestionId, Question> {
  // The pages about the children are the navigator's own (above); the others are built from the registry.
  const pages = new Map<string, Formed[]>();
  for (const input of formed) pages.set(input.form.page, [...(pages.get(input.form.page) ?? []), input]);
  const out: Record<string, Question> = { ...ownQuestions };
  for (const [page, inputs] of pages) out[page] = registryQuestion(page, inputs);
  return out as Record<QuestionId, Question>;
}

/** Every question of the navigator, by id. */
export const questions: Record<QuestionId, Question> = buildQuestions();

/** Every question id (the event's date and the commune first). */
export const questionIds: readonly QuestionId[] = Object.keys(questions) as QuestionId[];

/** The page that asks for an input of the registry. */
export function pageOf(input: InputDefinition): QuestionId | null {
  return (input.form?.page as QuestionId | undefined) ?? null;
}

/** The page that asks each field of a child's entry: the birth dates on the children's page, the rest the registry's. */
const childFieldPages: Record<string, QuestionId> = {
  birthDate: 'children',
  ...Object.fromEntries(childFormed.map((i) => [i.slot.child, i.form.page as QuestionId])),
};

/** The question that fills an engine field of the request, or null when the navigator does not ask it. */
export function questionForField(field: string, request: EstimationRequest): QuestionId | null {
  const member = /^household\.members\[(\d+)\]\.(\w+)$/.exec(field);
  if (member) {
    const role = request.household.members[Number(member[1])]?.role;
    if (role === 'child') return childFieldPages[member[2]!] ?? null;
    const input = formed.find(
      (i) => 'member' in i.slot && i.slot.member === role && i.slot.field === member[2],
    );
    return input ? pageOf(input) : null;
  }
  const input = formed.find(
    (i) => 'path' in i.slot && (i.slot.path === field || i.slot.path.startsWith(`${field}.`)),
  );
  return input ? pageOf(input) : null;
}

/** Questions the engine cannot know are missing: always asked when the moment of life lists them. */
export const structuralQuestions: readonly QuestionId[] = ['children', 'salary'];

/** Sets an answer at its slot of a request (converted: a percentage becomes a rate). */
function setRequestValue(request: EstimationRequest, input: Formed, value: AnswerValue | undefined): void {
  if (value === undefined) return;
  const control = input.form.control;
  const converted =
    control.kind === 'percent'
      ? Math.round(value as number) / 100
      : control.kind === 'choice' && control.numeric
        ? Number(value)
        : value;
  const slot = input.slot;
  if ('member' in slot) {
    const member = request.household.members.find((m) => m.role === slot.member);
    if (member) (member as Record<string, unknown>)[slot.field] = converted;
    return;
  }
  // The answers about the children go to each child's entry (childMember).
  if ('child' in slot) return;
  const parts = slot.path.split('.');
  let at = request as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    at[part] ??= {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = converted;
}

const businessEvents: readonly string[] = ['business-creation', 'self-employment'];

/** The answers about a child, at its place in the request (none for a child the answers do not list). */
function childMember(answers: Answers, birthDate: string, index: number | null): MemberInput {
  const child: MemberInput = { role: 'child', birthDate };
  if (answers.childSupport !== undefined) child.monthlyChildSupport = answers.childSupport;
  if (answers.children !== undefined && !answers.childDisabled) child.disabilityRate = 0;
  else if (index !== null && answers.childRates?.[index] !== undefined) {
    child.disabilityRate = answers.childRates[index] / 100;
    const care = answers.childCare?.[index];
    if (care !== undefined && care !== null) child.disabilityCare = care;
  }
  return child;
}

/** The estimation request for a moment of life and its answers; unanswered facts stay absent (the engine says what is missing). */
export function toEstimationRequest(
  lifeEventId: string,
  answers: Answers,
  month: string,
  today: string = todayInParis(),
): EstimationRequest {
  const applicant: MemberInput = { role: 'applicant' };
  const members: MemberInput[] = [applicant];
  if (answers.couple) members.push({ role: 'partner' });
  const request: EstimationRequest = { month, household: { members } };
  for (const input of formed) {
    // The business's answers only for the moments of life about a business, a deceased's only for a death.
    if (
      'path' in input.slot &&
      ((input.slot.path.startsWith('business.') && !businessEvents.includes(lifeEventId)) ||
        (input.slot.path.startsWith('household.deceased.') && lifeEventId !== 'bereavement'))
    )
      continue;
    setRequestValue(request, input, answerOf(answers, input.form.key));
  }
  if (lifeEventId === 'birth' && answers.eventDate) {
    // A child not yet born in the month estimated is a pregnancy; once born, a dependant like the others. In the
    // birth's own month the child counts from the day it is born. Just after a birth, we take it that the parent
    // is not pregnant again (one question fewer).
    const eventMonth = answers.eventDate.slice(0, 7);
    const unborn = month < eventMonth || (month === eventMonth && answers.eventDate > today);
    if (unborn) applicant.pregnant = true;
    else {
      applicant.pregnant ??= false;
      // The newborn: the other parent's support as for the other children; no MDPH rate in its first months
      // (the plan ends three months after the birth), so the AEEH is about the other children.
      members.push({ ...childMember(answers, answers.eventDate, null), disabilityRate: 0 });
    }
  }
  (answers.children ?? []).forEach((birthDate, i) => members.push(childMember(answers, birthDate, i)));
  // A relative's death: the event's date is the death's; the other facts about the deceased are asked.
  if (lifeEventId === 'bereavement' && answers.eventDate)
    request.household.deceased = { ...request.household.deceased, deathDate: answers.eventDate };
  if (answers.commune) request.commune = answers.commune;
  if (businessEvents.includes(lifeEventId)) {
    request.business ??= {};
    if (answers.eventDate) request.business.creationDate = answers.eventDate;
  }
  return request;
}

/** The request fields of the questions the person skipped (« je ne sais pas »): assumed where the rules allow. */
export function unknownFields(answers: Answers, request: EstimationRequest): ReadonlySet<string> {
  const fields = new Set<string>();
  for (const id of answers.skipped ?? []) {
    for (const input of questions[id]?.inputs ?? []) {
      const path = fieldPath(input, request as RequestLike);
      if (path) fields.add(path);
    }
  }
  return fields;
}

/** Whether every field a page needs is answered (fields that do not apply, or optional ones, aside). */
function isPageAnswered(question: Question, answers: Answers): boolean {
  return question.inputs.every(
    (input) =>
      input.form.optionalOnPage ||
      !applies(input as Formed, answers) ||
      answerOf(answers, input.form.key) !== undefined,
  );
}

/** Whether a question has an answer (or was skipped). */
export function isAnswered(id: QuestionId, answers: Answers): boolean {
  if (answers.skipped?.includes(id)) return true;
  const question = questions[id];
  if (question.inputs.length > 0) return isPageAnswered(question, answers);
  return (answers as Record<string, unknown>)[id] !== undefined;
}

/** Keeps only known answers of the right type (the cookie is signed, but its format may be older). */
export function sanitizeAnswers(raw: unknown): Answers {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const answers: Record<string, unknown> = {};
  for (const input of formed) {
    const value = r[input.form.key];
    if (isControlValue(input.form.control, value)) answers[input.form.key] = value;
  }
  if (typeof r.eventDate === 'string' && parseDate(r.eventDate)) answers.eventDate = r.eventDate;
  if (typeof r.commune === 'string' && /^(\d{5}|2[AB]\d{3})$/.test(r.commune)) answers.commune = r.commune;
  if (typeof r.salary === 'number' && Number.isFinite(r.salary) && r.salary >= 0) answers.salary = r.salary;
  if (Array.isArray(r.children))
    answers.children = r.children
      .filter((c): c is string => typeof c === 'string' && parseDate(c) !== null)
      .slice(0, maxChildren);
  if (typeof r.childDisabled === 'boolean') answers.childDisabled = r.childDisabled;
  if (
    Array.isArray(r.childRates) &&
    r.childRates.every((x) => isControlValue({ kind: 'percent' }, x) && (x as number) <= 100)
  )
    answers.childRates = (r.childRates as number[]).slice(0, maxChildren);
  if (Array.isArray(r.childCare) && r.childCare.every((x) => x === null || typeof x === 'boolean'))
    answers.childCare = (r.childCare as (boolean | null)[]).slice(0, maxChildren);
  if (isControlValue(supportInput.form.control, r.childSupport))
    answers.childSupport = r.childSupport as number;
  if (Array.isArray(r.skipped))
    answers.skipped = r.skipped.filter((q): q is QuestionId =>
      (questionIds as readonly unknown[]).includes(q),
    );
  return answers as Answers;
}

/** The saved answers as form values, to pre-fill the fields. */
export function valuesFromAnswers(answers: Answers): FormValues {
  const values: FormValues = {
    eventDate: answers.eventDate ?? '',
    commune: answers.commune ?? '',
    salary: answers.salary === undefined ? '' : String(answers.salary).replace('.', ','),
  };
  for (const input of formed)
    values[input.form.key] = controlText(input.form.control, answerOf(answers, input.form.key));
  (answers.children ?? []).forEach((date, i) => (values[`child${i + 1}`] = date));
  if (answers.childDisabled) values.childDisabled = 'oui';
  return { ...values, ...childValues(answers) };
}

/** The answers about the children as the fields of their pages (one per child for the rates). */
export function childValues(answers: Answers): FormValues {
  const values: FormValues = {};
  (answers.childRates ?? []).forEach(
    (rate, i) => (values[`childRate${i + 1}`] = controlText(rateInput.form.control, rate)),
  );
  (answers.childCare ?? []).forEach((care, i) => {
    if (care !== null) values[`childCare${i + 1}`] = controlText(careInput.form.control, care);
  });
  if (answers.childSupport !== undefined)
    values.childSupport = controlText(supportInput.form.control, answers.childSupport);
  return values;
}
