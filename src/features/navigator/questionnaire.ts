// The questionnaire's use-cases: which questions a moment of life shows and in which order (the date and the
// commune, then only what the plan still needs — the engine's missing fields for the benefits of this moment of
// life — plus what was already answered, so that it can be changed on the summary), where a page's "back" leads,
// and what an answer, a "je ne sais pas" or the helpers' one-page form do to the answers. Pure: no HTTP, no I/O.
import type { FieldError } from '../../platform/errors.ts';
import { estimate } from '../rights/estimate.ts';
import type { LifeEvent } from './life-events.ts';
import { inputsBenefitsMayNeed } from '../rights/needs.ts';
import { planMonth, timelineMonths, type PlanInput } from './plan.ts';
import {
  isAnswered,
  isChildPage,
  questionIds,
  unknownFields,
  questionForField,
  questions,
  structuralQuestions,
  toEstimationRequest,
  type AnswerContext,
  type Answers,
  type FormValues,
  type QuestionId,
} from './questions.ts';

/**
 * What the plan of these answers is built from: the household for the plan's month and for each month of its
 * timeline, and the fields the person said they do not know.
 */
export function planInputFor(
  event: LifeEvent,
  answers: Answers,
  today: string,
): Omit<PlanInput, 'eventDate'> & { eventDate: string | undefined } {
  const eventDate = answers.eventDate;
  const request = toEstimationRequest(event.id, answers, planMonth(eventDate ?? today, today), today);
  return {
    lifeEvent: event.id,
    eventDate,
    request,
    requestFor: (month) => toEstimationRequest(event.id, answers, month, today),
    unknown: unknownFields(answers, request),
    today,
    salary: answers.salary,
  };
}

/** The questions of this questionnaire, in order: asked, answered or still to answer. */
export function questionnaireFor(event: LifeEvent, answers: Answers, today: string): QuestionId[] {
  const input = planInputFor(event, answers, today);
  // What the engine still lacks, over every month the plan shows (before a birth, a pregnancy; after, a child).
  const months = input.eventDate ? timelineMonths(event.id, input.eventDate, today) : [input.request.month];
  const wanted = new Set<QuestionId>();
  for (const month of months) {
    const request = input.requestFor!(month);
    for (const benefit of estimate(request, { unknown: input.unknown }).benefits) {
      if (!event.benefits.includes(benefit.id)) continue;
      for (const field of benefit.missing) {
        const question = questionForField(field, request);
        if (question) wanted.add(question);
      }
    }
  }
  const keep = (q: QuestionId) => {
    if (isPartnerQuestion(q) && answers.couple !== true) return false;
    return (
      structuralQuestions.includes(q) ||
      wanted.has(q) ||
      (isAnswered(q, answers) && !answers.skipped?.includes(q))
    );
  };
  // The moment of life's own order first, then any other question its benefits turn out to need.
  const listed = event.questions.filter(keep);
  const extra = [...wanted].filter((q) => !event.questions.includes(q) && keep(q));
  return ['eventDate', 'commune', ...listed, ...extra];
}

/** The next question to answer, or null when the plan has all it needs. */
export function nextQuestion(event: LifeEvent, answers: Answers, today: string): QuestionId | null {
  return questionnaireFor(event, answers, today).find((q) => !isAnswered(q, answers)) ?? null;
}

/** Whether a question asks about the partner (asked only of a couple). */
function isPartnerQuestion(id: QuestionId): boolean {
  return questions[id].inputs.some((i) => 'member' in i.slot && i.slot.member === 'partner');
}

/**
 * The questions a moment of life may ever ask: the date, the commune, those its content lists, then every page of
 * an input its benefits can need (in the registry's order) — so that no missing answer lacks a page.
 */
export function possibleQuestions(event: LifeEvent): QuestionId[] {
  const needs = inputsBenefitsMayNeed();
  const names = new Set<string>(event.benefits.flatMap((id) => [...(needs.get(id) ?? [])]));
  const pages: QuestionId[] = [];
  const needed = (id: QuestionId) =>
    questions[id].inputs.some((i) => i.rule !== undefined && names.has(i.rule));
  // The pages about the children last, as they are asked once the children are known.
  for (const id of questionIds) if (!isChildPage(id) && needed(id)) pages.push(id);
  for (const id of questionIds) if (isChildPage(id) && needed(id)) pages.push(id);
  const listed: QuestionId[] = ['eventDate', 'commune', ...event.questions];
  return [...listed, ...pages.filter((p) => !listed.includes(p))];
}

/** Whether a question page exists for this moment of life. */
export function isQuestionOf(event: LifeEvent, id: string): id is QuestionId {
  return (possibleQuestions(event) as string[]).includes(id);
}

/**
 * Where a question page sits: its position, at most how many questions may follow (an upper bound that only goes
 * down as answers rule questions out — a count that grew from "1 sur 10" to "6 sur 12" confused people), and where
 * "back" leads.
 */
export function questionNavigation(
  event: LifeEvent,
  answers: Answers,
  question: QuestionId,
  today: string,
  returnTo: 'recapitulatif' | null,
): { position: number; remaining: number; back: string } {
  const list = questionnaireFor(event, answers, today);
  const all = list.includes(question) ? list : [...list, question];
  const index = all.indexOf(question);
  const base = `/moments-de-vie/${event.id}`;
  const back = returnTo ? `${base}/recapitulatif` : index > 0 ? `${base}/questions/${all[index - 1]}` : base;
  const asked = new Set(all.slice(0, index + 1));
  const remaining = possibleQuestions(event).filter(
    (q) =>
      !asked.has(q) &&
      !(isAnswered(q, answers) && !answers.skipped?.includes(q)) &&
      !answers.skipped?.includes(q) &&
      !(isPartnerQuestion(q) && answers.couple === false) &&
      (q !== 'salary' || event.questions.includes('salary')),
  ).length;
  return { position: index + 1, remaining, back };
}

/**
 * One question answered (or skipped with "je ne sais pas"): the new answers, or the French errors field by field
 * with the answers unchanged.
 */
export function answerQuestion(
  question: QuestionId,
  form: FormValues,
  ctx: AnswerContext,
  answers: Answers,
): { answers: Answers } | { errors: FieldError[] } {
  const def = questions[question];
  if (form.action === 'passer' && def.skippable)
    return { answers: { ...answers, skipped: [...new Set([...(answers.skipped ?? []), question])] } };
  const result = def.read(form, ctx, answers);
  if ('errors' in result) return result;
  return {
    answers: { ...answers, ...result.patch, skipped: (answers.skipped ?? []).filter((q) => q !== question) },
  };
}

/** Where to go after an answer: the next question, or the summary. */
export function pageAfter(
  event: LifeEvent,
  answers: Answers,
  today: string,
  returnTo: 'recapitulatif' | null,
): string {
  const next = nextQuestion(event, answers, today);
  const target = returnTo && !next ? 'recapitulatif' : next ? `questions/${next}` : 'recapitulatif';
  return `/moments-de-vie/${event.id}/${target}`;
}

/** The questions of the helpers' one-page form: every question the moment of life may ask. */
export function onePageQuestions(event: LifeEvent): QuestionId[] {
  return possibleQuestions(event);
}

/**
 * The helpers' one-page form read at once. A question left empty stays unanswered (the plan says what is missing)
 * and is not asked again one by one; the date, the commune and the children are always read.
 */
export function readOnePageForm(
  event: LifeEvent,
  form: FormValues,
  ctx: AnswerContext,
): { answers: Answers } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  let answers: Answers = {};
  for (const id of onePageQuestions(event)) {
    const def = questions[id];
    const filled = def.fields.some((f) => {
      const v = form[f];
      return (Array.isArray(v) ? v.join('') : (v ?? '')).trim() !== '';
    });
    if (!filled && id !== 'eventDate' && id !== 'commune' && id !== 'children') continue;
    if (isPartnerQuestion(id) && form.couple !== 'oui') continue;
    const result = def.read(form, ctx, answers);
    if ('errors' in result) errors.push(...result.errors);
    else answers = { ...answers, ...result.patch };
  }
  if (errors.length > 0) return { errors };
  answers.skipped = onePageQuestions(event).filter((q) => !isAnswered(q, answers));
  return { answers };
}
