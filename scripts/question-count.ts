// How many questions each moment of life asks a typical household, walking the questionnaire as a person would
// (every question answered from one set of typical answers). Run it before and after a change to the rights or the
// questions to see what it costs people: `npx tsx scripts/question-count.ts [AAAA-MM-JJ]`. Uses only the
// questionnaire's stable entry points (lifeEvent, nextQuestion, questions[].read), so older versions run it too.
// Besides the typical household, a few households that open the benefits of each moment of life (a lone parent,
// a parent of a disabled child, a widow of 70, a retiree of 63 with a small pension) are walked too: the last
// column is the most questions any of them is asked — the worst case we know of. An answer a version does not know
// is simply not asked by it.
import { lifeEvent, lifeEventIds } from '../src/features/navigator/life-events.ts';
import { nextQuestion } from '../src/features/navigator/questionnaire.ts';
import { questions } from '../src/features/navigator/questions.ts';

const today = process.argv.slice(2).find((a) => /^\d{4}-\d{2}-\d{2}$/.test(a)) ?? '2026-12-06';
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

/** The households walked besides the typical one: each changes a few of its answers. */
const profiles: Record<string, Record<string, string>> = {
  typical,
  // A lone parent of three (12, 8 and 4), tenant, no pension paid by the other parent.
  loneParent: {
    ...typical,
    couple: 'non',
    earnings: '900',
    child1: '2014-03-10',
    child2: '2018-06-02',
    child3: '2022-01-15',
    childSupport: '0',
    annualResources: '11000',
  },
  // A couple whose child of 9 has an incapacity rate of 60 % with care recommended.
  disabledChild: {
    ...typical,
    child1: '2017-02-01',
    childDisabled: 'oui',
    childRate1: '60',
    childCare1: 'oui',
  },
  // A widow of 70, alone, small pension, married to the deceased (a retired employee).
  widow: {
    ...typical,
    birthDate: '1956-03-01',
    couple: 'non',
    earnings: '0',
    replacementIncome: '850',
    child1: '',
    housingStatus: 'owner',
    deceasedSituation: 'retired',
    marriedToDeceased: 'oui',
    deceasedPension: '1100',
    childrenRaised: '3',
  },
  // A couple of 63 and 64, retiring with small pensions; the applicant has an incapacity rate of 30 %.
  retiree: {
    ...typical,
    birthDate: '1963-05-01',
    partnerBirthDate: '1962-09-01',
    earnings: '0',
    partnerEarnings: '0',
    replacementIncome: '600',
    partnerReplacementIncome: '500',
    disabilityPercent: '30',
    unfitForWork: 'non',
    partnerUnfitForWork: 'non',
    child1: '',
    housingStatus: 'owner',
  },
};

/** The questions one household is asked for a moment of life. */
function walk(id: (typeof lifeEventIds)[number], household: Record<string, string>): string[] {
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
    const result = def.read(household, ctx, answers) as { patch?: object; errors?: unknown };
    answers = result.patch
      ? { ...answers, ...result.patch }
      : { ...answers, skipped: [...((answers.skipped as string[]) ?? []), q] };
  }
  // The date and the commune are always asked first; they are counted.
  return ['eventDate', 'commune', ...asked];
}

console.log(`${'moment of life'.padEnd(18)} typical  worst (household)  questions of the typical household`);
for (const id of lifeEventIds) {
  const counts = Object.entries(profiles).map(([name, household]) => [name, walk(id, household)] as const);
  const typicalList = counts[0]![1];
  const worst = counts.reduce((a, b) => (b[1].length > a[1].length ? b : a));
  console.log(
    `${id.padEnd(18)} ${String(typicalList.length).padStart(7)}  ${String(worst[1].length).padStart(5)} (${worst[0]})`.padEnd(
      46,
    ) + `  ${typicalList.slice(2).join(', ')}`,
  );
  if (process.argv.includes('--all'))
    for (const [name, list] of counts)
      console.log(`    ${name.padEnd(14)} ${list.length}  ${list.slice(2).join(', ')}`);
}
