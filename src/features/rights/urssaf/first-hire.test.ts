// The monthly cost of a first employee, from modele-social. Worked examples: the figures of the URSSAF's model
// for three salaries, checked against what the law makes certain (total = gross + employer contributions; the
// general reduction nearly cancels employer contributions at the SMIC and is gone above 1.6 SMIC).
import { describe, expect, it } from 'vitest';
import { estimateFirstHireCost } from './first-hire.ts';

describe('estimateFirstHireCost', () => {
  it('a full-time employee at the SMIC in May 2024 (1 766,92 € gross) costs 1 840,56 € a month', () => {
    const cost = estimateFirstHireCost({ month: '2024-05', grossMonthlySalary: 1766.92 });
    expect(cost).toMatchObject({ employerContributions: 73.64, totalCost: 1840.56 });
    // The réduction générale leaves about 4 % of employer contributions at the SMIC.
    expect(cost.employerContributions / cost.grossMonthlySalary).toBeLessThan(0.05);
  });

  it('2 500 € gross in May 2025 costs 3 175,65 € a month', () => {
    const cost = estimateFirstHireCost({ month: '2025-05', grossMonthlySalary: 2500 });
    expect(cost).toMatchObject({ employerContributions: 675.65, totalCost: 3175.65 });
    expect(cost.totalCost).toBeCloseTo(cost.grossMonthlySalary + cost.employerContributions, 2);
  });

  it('3 000 € gross in May 2026, above 1.6 SMIC, costs 4 007,18 € a month without general reduction', () => {
    const cost = estimateFirstHireCost({ month: '2026-05', grossMonthlySalary: 3000 });
    expect(cost).toMatchObject({ employerContributions: 1007.18, totalCost: 4007.18 });
    // Without the reduction, employer contributions of a small business are about a third of the gross.
    expect(cost.employerContributions / cost.grossMonthlySalary).toBeGreaterThan(0.3);
    expect(cost.netSalary).toBeLessThan(cost.grossMonthlySalary);
  });

  it('costs more as the salary rises', () => {
    const low = estimateFirstHireCost({ month: '2025-10', grossMonthlySalary: 2000 });
    const high = estimateFirstHireCost({ month: '2025-10', grossMonthlySalary: 2100 });
    expect(high.totalCost).toBeGreaterThan(low.totalCost);
  });

  it('refuses an impossible month or salary', () => {
    expect(() => estimateFirstHireCost({ month: '2025-13', grossMonthlySalary: 2000 })).toThrow(RangeError);
    expect(() => estimateFirstHireCost({ month: '2025-05', grossMonthlySalary: -1 })).toThrow(RangeError);
    expect(() => estimateFirstHireCost({ month: '2025-05', grossMonthlySalary: 2000, headcount: 0 })).toThrow(
      RangeError,
    );
  });
});
