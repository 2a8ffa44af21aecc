// No dead end: for every moment of life, every answer a benefit of its plan can miss has a question that the
// step-by-step questionnaire asks and the helpers' one-page form shows — proven statically from the model (every
// household input its rules read) and by walking the questionnaire with thousands of generated households,
// answering or saying « je ne sais pas » at random.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../rights/household-generator.ts';
import { inputsBenefitsMayNeed } from '../rights/needs.ts';
import { inputByRule } from '../rights/household-inputs.ts';
import { estimate } from '../rights/estimate.ts';
import { lifeEventIds, lifeEvent } from './life-events.ts';
import {
  answerQuestion,
  nextQuestion,
  onePageQuestions,
  planInputFor,
  possibleQuestions,
} from './questionnaire.ts';
import {
  questionForField,
  questions,
  type AnswerContext,
  type Answers,
  type FormValues,
  type QuestionId,
} from './questions.ts';

const today = '2026-12-06';
const ctx: AnswerContext = {
  today,
  eventLabel: 'Date',
  maxPastDays: 3650,
  maxFutureDays: 365,
  communes: [
    { inseeCode: '46042', name: 'Cahors' },
    { inseeCode: '46064', name: 'Catus' },
  ],
};

// Inputs the navigator fills itself: the commune (its own question), a business's creation date and a relative's
// death date (the event's).
const filledByTheNavigator = new Set([
  'commune . code INSEE',
  'entreprise . date de création',
  'défunt . date du décès',
]);

describe('no dead end: every missing answer has its question', () => {
  it('statically: every household input a benefit of a moment of life can read has a page in its questionnaire and its one-page form', () => {
    const needs = inputsBenefitsMayNeed();
    for (const id of lifeEventIds) {
      const event = lifeEvent(id);
      const possible = possibleQuestions(event);
      const onePage = onePageQuestions(event);
      for (const benefit of event.benefits) {
        for (const name of needs.get(benefit) ?? []) {
          if (filledByTheNavigator.has(name) || name === 'foyer . enfants' || name === 'mois estimé')
            continue;
          const input = inputByRule.get(name);
          expect(input?.form, `${id} / ${benefit}: ${name} has no question`).toBeDefined();
          const page = input!.form!.page as QuestionId;
          expect(possible, `${id} / ${benefit}: ${name}`).toContain(page);
          expect(onePage, `${id} / ${benefit}: ${name}`).toContain(page);
        }
      }
    }
  });

  it('by walking: whatever is answered or skipped, what the plan still misses was skipped, never a question nobody asked', () => {
    const random = seededRandom(20261206);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    /** A valid answer to a question, as a person would type it. */
    const formFor = (q: QuestionId): FormValues => {
      const form: FormValues = { action: 'continuer' };
      if (q === 'children') {
        const count = pick([0, 0, 1, 2, 3]);
        for (let i = 1; i <= count; i++) form[`child${i}`] = pick(['2010-05-01', '2019-09-12', '2024-11-30']);
        if (random() < 0.3) form.childDisabled = 'oui';
        return form;
      }
      if (q === 'salary') return { ...form, salary: '2100' };
      if (q === 'childSupport') return { ...form, childSupport: pick(['0', '80', '250']) };
      if (q === 'childDisability') {
        for (let i = 1; i <= 6; i++) {
          form[`childRate${i}`] = pick(['0', '60', '85']);
          form[`childCare${i}`] = pick(['oui', 'non']);
        }
        return form;
      }
      for (const input of questions[q].inputs) {
        const key = input.form.key;
        const control = input.form.control;
        switch (control.kind) {
          case 'money':
            // A tenant pays a rent, and the charges are part of it (the page refuses a rent of 0, charges above it).
            form[key] =
              key === 'monthlyRent'
                ? pick(['450', '1250,50', '2600'])
                : key === 'monthlyCharges'
                  ? pick(['0', '40', '120'])
                  : pick(['0', '450', '1250,50', '2600']);
            break;
          case 'birth-date':
            form[key] = pick(['1944-03-01', '1984-02-29', '2002-07-14']);
            break;
          case 'yes-no':
            form[key] = pick(['oui', 'non']);
            break;
          case 'choice':
            form[key] = pick(control.options.map(([v]) => v));
            break;
          case 'percent':
            form[key] = pick(['0', '60', '85']);
            break;
          case 'gir':
            form[key] = pick(['2', '4', 'aucun']);
            break;
          case 'count':
            form[key] = pick(['0', '8', '24']);
            break;
        }
      }
      return form;
    };
    let walks = 0;
    for (const id of lifeEventIds) {
      const event = lifeEvent(id);
      for (let n = 0; n < 60; n++) {
        const eventDate = pick(['2026-11-20', '2026-12-06', '2027-02-15', '2027-05-30']);
        let answers: Answers = { eventDate, commune: pick(['46042', '46064']) };
        for (let guard = 0; guard < 40; guard++) {
          const q = nextQuestion(event, answers, today);
          if (q === null) break;
          const skip = questions[q].skippable && random() < 0.25;
          const result = answerQuestion(q, skip ? { action: 'passer' } : formFor(q), ctx, answers);
          expect('answers' in result, `${id}: ${q} refused a valid answer`).toBe(true);
          if ('answers' in result) answers = result.answers;
        }
        expect(nextQuestion(event, answers, today), `${id}: the questionnaire never ends`).toBeNull();
        const input = planInputFor(event, answers, today);
        const response = estimate(input.request, { unknown: input.unknown });
        for (const b of response.benefits.filter((x) => event.benefits.includes(x.id))) {
          for (const field of b.missing) {
            const q = questionForField(field, input.request);
            expect(q, `${id} / ${b.id}: ${field} has no question`).not.toBeNull();
            expect(answers.skipped ?? [], `${id} / ${b.id}: ${field} was never asked`).toContain(q);
          }
        }
        walks++;
      }
    }
    expect(walks).toBe(600);
  }, 120_000);

  it('« je ne sais pas » about housing aid or the ACRE still gives an estimate, under a stated assumption', () => {
    const job = lifeEvent('job-loss');
    const base: Answers = {
      eventDate: '2026-11-20',
      commune: '46042',
      birthDate: '1984-02-29',
      student: false,
      couple: false,
      earnings: 0,
      replacementIncome: 0,
      children: [],
      housingStatus: 'tenant',
      monthlyRent: 450,
      skipped: ['housingAid'],
    };
    const input = planInputFor(job, base, today);
    const response = estimate(input.request, { unknown: input.unknown });
    const rsa = response.benefits.find((b) => b.id === 'rsa')!;
    expect(rsa.eligible).toBe(true);
    expect(rsa.explanation).toContain('Hypothèse : Aide au logement inconnue');
    expect(response.assumptions.map((a) => a.field)).toContain('household.monthlyHousingAid');

    const creation = lifeEvent('business-creation');
    const business: Answers = {
      eventDate: '2026-11-20',
      commune: '46042',
      businessActivity: 'services',
      turnover: 30000,
      birthDate: '1984-02-29',
      skipped: ['acre'],
    };
    const b = planInputFor(creation, business, today);
    const contributions = estimate(b.request, { unknown: b.unknown }).benefits.find(
      (x) => x.id === 'micro-entrepreneur-cotisations',
    )!;
    expect(contributions.eligible).toBe(true);
    expect(contributions.amount).toBeGreaterThan(0);
    expect(contributions.explanation).toContain('sans l’ACRE');
  });
});
