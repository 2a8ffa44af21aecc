// How many questions each moment of life asks a typical household, walking the questionnaire as a person would
// (every question answered from one set of typical answers). Run it before and after a change to the rights or the
// questions to see what it costs people: `npx tsx scripts/question-count.ts [AAAA-MM-JJ]`. Uses only the
// questionnaire's stable entry points (lifeEvent, nextQuestion, questions[].read), so older versions run it too.
import { lifeEvent, lifeEventIds } from '../src/features/navigator/life-events.ts';
import { nextQuestion } from '../src/features/navigator/questionnaire.ts';
import { questions } from '../src/features/navigator/questions.ts';

const today = process.argv[2] ?? '2026-12-06';
// A couple in their thirties with a child of five, tenants, one salary: the household most moments of life meet.
const typical: Record<string, string> = {
  birthDate: '1990-04-12',
  student: 'non',
  pregnant: 'non',
  couple: 'oui',
  partnerBirthDate: '1989-01-30',
  partnerEarnings: '1400',
  partnerReplacementIncome: '0',
  partnerPregnant: 'non',
  partnerStudent: 'non',
  earnings: '1200',
  replacementIncome: '0',
  child1: '2021-09-01',
  housingStatus: 'tenant',
  monthlyRent: '480',
  monthlyCharges: '40',
  housingAid: '0',
  annualResources: '18000',
  referenceTaxIncome: '17000',
  disabilityPercent: '0',
  partnerDisabilityPercent: '0',
  gir: 'aucun',
  partnerGir: 'aucun',
  employmentRestriction: 'non',
  businessActivity: 'services',
  turnover: '30000',
  acre: 'oui',
  acreGroup: 'non',
  salary: '2100',
  previousSalary: '2000',
  monthsWorked: '24',
};

const rows: [string, number, string][] = [];
for (const id of lifeEventIds) {
  const event = lifeEvent(id);
  const ctx = {
    today,
    eventLabel: 'Date',
    maxPastDays: event.eventDate.maxPastDays,
    maxFutureDays: event.eventDate.maxFutureDays,
    communes: [{ inseeCode: '46042', name: 'Cahors' }],
  };
  let answers: Record<string, unknown> = { eventDate: today, commune: '46042' };
  const asked: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const q = nextQuestion(event, answers as never, today);
    if (q === null) break;
    asked.push(q);
    const def = (
      questions as Record<
        string,
        { read: (f: unknown, c: unknown, a: unknown) => unknown; skippable: boolean }
      >
    )[q]!;
    const result = def.read(typical, ctx, answers) as { patch?: object; errors?: unknown };
    answers = result.patch
      ? { ...answers, ...result.patch }
      : { ...answers, skipped: [...((answers.skipped as string[]) ?? []), q] };
  }
  // The date and the commune are always asked first; they are counted.
  rows.push([id, asked.length + 2, asked.join(', ')]);
}
for (const [id, count, list] of rows) console.log(`${id.padEnd(18)} ${String(count).padStart(2)}  ${list}`);
