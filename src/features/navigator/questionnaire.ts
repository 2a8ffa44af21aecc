// The questionnaire's use-cases: which questions a moment of life shows and in which order (the date and the
// commune, then only what the plan still needs — the engine's missing fields for the benefits of this moment of
// life — plus what was already answered, so that it can be changed on the summary), where a page's "back" leads,
// and what an answer, a "je ne sais pas" or the helpers' one-page form do to the answers. Pure: no HTTP, no I/O.
import type { FieldError } from '../../platform/errors.ts';
import { estimate } from '../rights/estimate.ts';
import type { LifeEvent } from './life-events.ts';
import { planMonth } from './plan.ts';
import {
  isAnswered,
  questionForField,
  questions,
  structuralQuestions,
  toEstimationRequest,
  type AnswerContext,
  type Answers,
  type FormValues,
  type QuestionId,
} from './questions.ts';

/** The questions of this questionnaire, in order: asked, answered or still to answer. */
export function questionnaireFor(event: LifeEvent, answers: Answers, today: string): QuestionId[] {
  const month = planMonth(answers.eventDate ?? today, today);
  const request = toEstimationRequest(event.id, answers, month, today);
  const response = estimate(request);
  const wanted = new Set<QuestionId>();
  for (const benefit of response.benefits) {
    if (!event.benefits.includes(benefit.id)) continue;
    for (const field of benefit.missing) {
      const question = questionForField(field, request);
      if (question) wanted.add(question);
    }
  }
  const rest = event.questions.filter((q) => {
    if (q === 'partner' && answers.couple !== true) return false;
    return (
      structuralQuestions.includes(q) ||
      wanted.has(q) ||
      (isAnswered(q, answers) && !answers.skipped?.includes(q))
    );
  });
  return ['eventDate', 'commune', ...rest];
}

/** The next question to answer, or null when the plan has all it needs. */
export function nextQuestion(event: LifeEvent, answers: Answers, today: string): QuestionId | null {
  return questionnaireFor(event, answers, today).find((q) => !isAnswered(q, answers)) ?? null;
}

/** Whether a question page exists for this moment of life (the date, the commune, or one it may ask). */
export function isQuestionOf(event: LifeEvent, id: string): id is QuestionId {
  return id === 'eventDate' || id === 'commune' || (event.questions as readonly string[]).includes(id);
}

/** Where a question page sits: its position, the count, and where "back" leads. */
export function questionNavigation(
  event: LifeEvent,
  answers: Answers,
  question: QuestionId,
  today: string,
  returnTo: 'recapitulatif' | null,
): { position: number; total: number; back: string } {
  const list = questionnaireFor(event, answers, today);
  const all = list.includes(question) ? list : [...list, question];
  const index = all.indexOf(question);
  const base = `/moments-de-vie/${event.id}`;
  const back = returnTo ? `${base}/recapitulatif` : index > 0 ? `${base}/questions/${all[index - 1]}` : base;
  return { position: index + 1, total: all.length, back };
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

/** The questions of the helpers' one-page form: the date, the commune, then those the moment of life may ask. */
export function onePageQuestions(event: LifeEvent): QuestionId[] {
  return ['eventDate', 'commune', ...event.questions];
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
    if (id === 'partner' && form.couple !== 'oui') continue;
    const result = def.read(form, ctx, answers);
    if ('errors' in result) errors.push(...result.errors);
    else answers = { ...answers, ...result.patch };
  }
  if (errors.length > 0) return { errors };
  answers.skipped = event.questions.filter((q) => !isAnswered(q, answers));
  return { answers };
}
