// The micro-entrepreneur contributions: modele-social checked against the URSSAF's published rates, and the
// cached fast path checked against the whole model on generated businesses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fastMicroContributions,
  microContributions,
  type MicroActivity,
  type MicroInput,
} from './micro-entrepreneur.ts';

// Published social contribution rates (URSSAF, article D613-4 CSS; décret n° 2024-484 for the liberal
// professions; décret n° 2026-69 for the ACRE of businesses created from 1 July 2026).
const publishedRates: { month: string; activity: MicroActivity; rate: number }[] = [
  { month: '2024-04', activity: 'sale', rate: 12.3 },
  { month: '2024-04', activity: 'services', rate: 21.2 },
  { month: '2024-06', activity: 'liberal', rate: 21.1 },
  { month: '2024-07', activity: 'liberal', rate: 23.1 },
  { month: '2025-01', activity: 'liberal', rate: 24.6 },
  { month: '2025-12', activity: 'liberal', rate: 24.6 },
  { month: '2026-01', activity: 'liberal', rate: 25.6 },
  { month: '2026-04', activity: 'services', rate: 21.2 },
  { month: '2026-04', activity: 'sale', rate: 12.3 },
];

describe('micro-entrepreneur contributions (modele-social)', () => {
  it.each(publishedRates)(
    'applies the published rate for $activity in $month',
    ({ month, activity, rate }) => {
      const result = microContributions({
        month,
        activity,
        annualTurnover: 24000,
        creationDate: '2020-01-01',
        acre: false,
      });
      expect(result.socialRate).toBe(rate);
      expect(result.acreApplied).toBe(false);
    },
  );

  it('halves the rates with the ACRE for a business created before July 2026, and cuts them by a quarter after', () => {
    const before = microContributions({
      month: '2026-05',
      activity: 'services',
      annualTurnover: 24000,
      creationDate: '2026-03-01',
      acre: true,
    });
    expect(before.acreApplied).toBe(true);
    expect(before.socialRate).toBe(10.6);
    const after = microContributions({
      month: '2026-08',
      activity: 'services',
      annualTurnover: 24000,
      creationDate: '2026-07-01',
      acre: true,
    });
    expect(after.socialRate).toBe(15.9);
    const liberal = microContributions({
      month: '2026-08',
      activity: 'liberal',
      annualTurnover: 24000,
      creationDate: '2026-07-01',
      acre: true,
    });
    expect(liberal.socialRate).toBe(19.2);
  });

  it('computes the monthly total as the URSSAF does: social contributions rounded to the euro, CFP, chamber fee', () => {
    // 2 000 € per month of sales in 2025: 12.3 % = 246 €, CFP 0.1 % = 2 €, chamber fee 0.015 % = 0.30 € → 0 €.
    const sale = microContributions({
      month: '2025-06',
      activity: 'sale',
      annualTurnover: 24000,
      creationDate: '2020-01-01',
      acre: false,
    });
    expect(sale).toMatchObject({ social: 246, training: 2, chamberFees: 0, total: 248 });
    // 4 000 € per month of liberal fees in 2026: 25.6 % = 1 024 €, CFP 0.2 % = 8 €.
    const liberal = microContributions({
      month: '2026-02',
      activity: 'liberal',
      annualTurnover: 48000,
      creationDate: '2020-01-01',
      acre: false,
    });
    expect(liberal).toMatchObject({ social: 1024, training: 8, chamberFees: 0, total: 1032 });
  });

  it('gives nothing to pay without turnover', () => {
    expect(
      fastMicroContributions({ month: '2025-06', activity: 'services', annualTurnover: 0, acre: false })
        .total,
    ).toBe(0);
  });

  it('the cached fast path gives the same amounts as the whole model on generated businesses', () => {
    // Every month from April 2024 to March 2027: the stored table keys on quarters, this checks no rate moves
    // inside a quarter.
    const month = fc.integer({ min: 0, max: 35 }).map((i) => {
      const m = 3 + i; // months since January 2024, from April 2024
      return `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    });
    // Creation dates from 2022 to 2027, day by day: the cache keys on facts about the date, not the date.
    const firstDay = Date.UTC(2022, 0, 1);
    const creationDate = fc
      .integer({ min: 0, max: 6 * 366 })
      .map((d) => new Date(firstDay + d * 86_400_000).toISOString().slice(0, 10));
    const input = fc.record<MicroInput>({
      month,
      activity: fc.constantFrom<MicroActivity>('sale', 'services', 'liberal'),
      annualTurnover: fc.integer({ min: 0, max: 20_000_000 }).map((cents) => cents / 100),
      creationDate: fc.oneof(
        fc.constantFrom(
          '2019-05-01',
          '2024-01-02',
          '2024-01-03',
          '2025-01-01',
          '2025-01-02',
          '2026-06-30',
          '2026-07-01',
        ),
        creationDate,
      ),
      acre: fc.boolean(),
    });
    fc.assert(
      fc.property(input, (business) => {
        expect(fastMicroContributions(business)).toEqual(microContributions(business));
      }),
      { numRuns: 150, seed: 20261127 },
    );
  }, 180_000);
});
