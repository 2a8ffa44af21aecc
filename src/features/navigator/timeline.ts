// A benefit over the plan's months, said in plain French: "à partir de mars 2027 : 152,25 € par mois", runs of
// months with the same answer, and a month-by-month table. Pure: the page, the PDF and the e-mail share it.
import { frenchMonth } from '../../platform/dates.ts';
import type { BenefitResult } from '../rights/contract.ts';
import { eligibleAmountText } from './format.ts';
import type { TimelineMonth } from './plan.ts';

/** What a benefit is worth one month (YYYY-MM), in words. */
export function monthText(
  b: Pick<BenefitResult, 'id' | 'eligible' | 'amount' | 'frequency'>,
  month?: string,
): string {
  if (b.eligible === null) return 'à préciser';
  if (!b.eligible) return 'pas de droit estimé';
  return eligibleAmountText(b, month);
}

/** One run of months with the same answer. */
export interface Run {
  from: string;
  to: string;
  text: string;
  eligible: boolean | null;
}

/** The runs of months of one benefit over the timeline. */
export function runsOf(timeline: readonly TimelineMonth[], id: string): Run[] {
  const runs: Run[] = [];
  for (const month of timeline) {
    const b = month.benefits.find((x) => x.id === id);
    if (!b) continue;
    const text = monthText(b, month.month);
    const last = runs[runs.length - 1];
    if (last && last.text === text) last.to = month.month;
    else runs.push({ from: month.month, to: month.month, text, eligible: b.eligible });
  }
  return runs;
}

/** The first month a benefit is due, and its estimate that month (for a once-paid or a later benefit). */
export function firstDue(
  timeline: readonly TimelineMonth[],
  id: string,
): { month: string; benefit: BenefitResult } | null {
  for (const month of timeline) {
    const b = month.benefits.find((x) => x.id === id);
    if (b?.eligible) return { month: month.month, benefit: b };
  }
  return null;
}

/**
 * The benefit over time in one sentence: "à partir de mars 2027 : 152,25 € par mois" after months without; for a
 * benefit paid once, the amount and the month it is first due; null when the timeline has nothing to add (the
 * same answer every month).
 */
export function storyOf(
  timeline: readonly TimelineMonth[],
  benefit: Pick<BenefitResult, 'id' | 'frequency'>,
): string | null {
  const runs = runsOf(timeline, benefit.id);
  if (runs.length === 0) return null;
  // Paid once, or the same answer every month: the badge already says it all.
  if (benefit.frequency === 'once') return null;
  if (runs.length === 1) return null;
  return runs
    .map((run, i) => {
      const last = i === runs.length - 1;
      const when =
        run.from === run.to && !last
          ? `en ${frenchMonth(run.from)}`
          : last
            ? `à partir de ${frenchMonth(run.from)}`
            : `de ${frenchMonth(run.from)} à ${frenchMonth(run.to)}`;
      return `${when} : ${run.text}`;
    })
    .join(' ; ');
}
