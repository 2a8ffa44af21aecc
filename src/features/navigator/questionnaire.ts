// Which questions a questionnaire shows, and in which order: the date and the commune, then only what the plan
// still needs — the engine's missing fields for the benefits of this moment of life — plus what was already
// answered (so that it can be changed on the summary).
import { estimate } from '../rights/estimate.ts';
import type { LifeEvent } from './life-events.ts';
import { planMonth } from './plan.ts';
import {
  isAnswered,
  questionForField,
  structuralQuestions,
  toEstimationRequest,
  type Answers,
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
