// The ARE's duration is shown in the explanation, not in the amount the worked examples check: its thresholds
// (182 days, the age bands before and after 1 April 2025) are checked here, on both engines.
import { describe, expect, it } from 'vitest';
import { compiledEvaluator, plainEvaluator } from '../estimate.ts';
import { toSituation } from '../situation.ts';

const engines = [
  ['plain engine', plainEvaluator()],
  ['fast path', compiledEvaluator()],
] as const;

function duration(month: string, birthDate: string, monthsWorked: number): unknown[] {
  const situation = toSituation({
    month,
    household: {
      members: [{ role: 'applicant', birthDate, previousGrossMonthlySalary: 2000, monthsWorked }],
    },
  });
  return engines.map(([, engine]) => engine.evaluate(situation, ['are . durée'])[0]);
}

describe('ARE duration (décret n° 2023-33, convention du 15 novembre 2024)', () => {
  it('is the calendar days worked × 0.75, at least 182 days', () => {
    // 14 months: 14 × 365 / 12 = 425.83 days × 0.75 = 319.4 → 319.
    expect(duration('2026-05', '1985-03-01', 14)).toEqual([319, 319]);
    // 6 months: 182.5 × 0.75 = 136.9 → the minimum of 182 days.
    expect(duration('2026-05', '1985-03-01', 6)).toEqual([182, 182]);
  });

  it('is capped by age: 548 days, 685 from 55, 822 from 57 since April 2025 (53 and 55 before)', () => {
    // 36 months: 1 095 days × 0.75 = 821.25 → 821, under the cap of 822 days for the oldest.
    expect(duration('2026-05', '1985-03-01', 36)).toEqual([548, 548]); // 41 years old
    expect(duration('2026-05', '1970-03-01', 36)).toEqual([685, 685]); // 56
    expect(duration('2026-05', '1968-03-01', 36)).toEqual([821, 821]); // 58
    expect(duration('2025-03', '1971-01-01', 36)).toEqual([685, 685]); // 54 before April 2025
    expect(duration('2025-05', '1971-01-01', 36)).toEqual([548, 548]); // 54 after
  });
});
