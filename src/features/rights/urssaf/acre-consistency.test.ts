// The ACRE model (rules/entreprise/acre.publicodes) carries its own dated rates; the URSSAF's model
// (modele-social) is the reference for micro-entrepreneur contributions. Both must tell the same saving.
import { describe, expect, it } from 'vitest';
import type { BusinessInput } from '../contract.ts';
import { plainEvaluator } from '../estimate.ts';
import { toSituation } from '../situation.ts';
import { acreExemptionOver, microContributions, type MicroActivity } from './micro-entrepreneur.ts';

const evaluator = plainEvaluator();

const cases: { month: string; activity: MicroActivity; annualTurnover: number; creationDate: string }[] = [
  { month: '2024-08', activity: 'liberal', annualTurnover: 24000, creationDate: '2024-06-01' },
  { month: '2024-05', activity: 'sale', annualTurnover: 50000, creationDate: '2024-03-15' },
  { month: '2025-03', activity: 'services', annualTurnover: 18000, creationDate: '2025-01-02' },
  { month: '2025-10', activity: 'liberal', annualTurnover: 36000, creationDate: '2025-05-20' },
  { month: '2026-05', activity: 'sale', annualTurnover: 30000, creationDate: '2026-02-01' },
  { month: '2026-08', activity: 'services', annualTurnover: 30000, creationDate: '2026-07-01' },
  { month: '2026-09', activity: 'liberal', annualTurnover: 42000, creationDate: '2026-07-15' },
];

describe('ACRE: the Publicodes model and modele-social agree', () => {
  it.each(cases)(
    '$activity, created $creationDate, in $month',
    ({ month, activity, annualTurnover, creationDate }) => {
      const business: BusinessInput = { activity, annualTurnover, creationDate, acre: true };
      const situation = toSituation({
        month,
        household: { members: [{ role: 'applicant', birthDate: '2003-01-01' }] },
        business,
      });
      const [eligible, saving, reducedRate] = evaluator.evaluate(situation, [
        'acre . éligible',
        'acre . montant',
        'acre . taux réduit',
      ]);
      const withAcre = microContributions({ month, activity, annualTurnover, creationDate, acre: true });
      const without = microContributions({ month, activity, annualTurnover, creationDate, acre: false });
      expect(eligible).toBe(true);
      expect(withAcre.acreApplied).toBe(true);
      expect(reducedRate).toBe(withAcre.socialRate);
      // modele-social rounds each contribution to the euro; the ACRE model keeps the cents.
      expect(Math.abs((saving as number) - (without.social - withAcre.social))).toBeLessThanOrEqual(1);
    },
  );
});

describe('ACRE exemption window: the Publicodes rule and the micro-entrepreneur module agree', () => {
  it('on every month from April 2024 to March 2027, for creation days on both sides of every quarter boundary', () => {
    const months: string[] = [];
    for (let i = 3; i < 39; i++)
      months.push(`${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    // The first day of each quarter from 2023 to 2027 and the day before: where the window can go wrong.
    const creationDates: string[] = [];
    for (let year = 2023; year <= 2027; year++) {
      for (const month of [1, 4, 7, 10]) {
        const start = Date.UTC(year, month - 1, 1);
        creationDates.push(
          new Date(start).toISOString().slice(0, 10),
          new Date(start - 86_400_000).toISOString().slice(0, 10),
        );
      }
    }
    for (const month of months) {
      for (const creationDate of creationDates) {
        const situation = toSituation({
          month,
          household: { members: [{ role: 'applicant', birthDate: '2003-01-01' }] },
          business: { activity: 'sale', annualTurnover: 1000, creationDate, acre: true },
        });
        const [over] = evaluator.evaluate(situation, ['acre . période terminée']);
        expect(over, `${month} / ${creationDate}`).toBe(acreExemptionOver(month, creationDate));
      }
    }
  }, 120_000);

  it('a business created on 30 June 2024 has the ACRE until March 2025, not in April 2025', () => {
    expect(acreExemptionOver('2025-03', '2024-06-30')).toBe(false);
    expect(acreExemptionOver('2025-04', '2024-06-30')).toBe(true);
  });
});
