// APA à domicile: the participation of the resident (article R232-11 CASF), worked by hand, and its thresholds
// just under and just over 0.725 and 2.67 MTP. The eligibility and maximum plan run as worked examples
// (rules/autonomie/apa-domicile.examples.yaml).
import { describe, expect, it } from 'vitest';
import type { EstimationRequest } from '../contract.ts';
import { plainEvaluator } from '../estimate.ts';
import { toSituation } from '../situation.ts';

const evaluator = plainEvaluator();

function participation(month: string, gir: number, referenceTaxIncome: number, couple = false) {
  const request: EstimationRequest = {
    month,
    household: {
      couple,
      members: [
        { role: 'applicant', birthDate: '1940-01-01', gir },
        ...(couple ? [{ role: 'partner' as const, birthDate: '1941-01-01' }] : []),
      ],
      referenceTaxIncome,
    },
  };
  const [plan, amount, rate, paid] = evaluator.evaluate(toSituation(request), [
    'apa domicile . plan maximal',
    'apa domicile . participation',
    'apa domicile . taux de participation',
    'apa domicile . APA maximale',
  ]);
  return { plan, amount, rate, paid };
}

describe('APA à domicile — participation', () => {
  it('is nil for resources just under 0.725 MTP (918,285 € a month in 2025)', () => {
    expect(participation('2025-05', 4, 918.28 * 12)).toMatchObject({ amount: 0, paid: 797.96 });
  });

  it('starts just over 0.725 MTP', () => {
    const { amount } = participation('2025-05', 4, 918.5 * 12);
    expect(amount).toBeGreaterThan(0);
    expect(amount).toBeLessThan(0.5);
  });

  it('follows the national formula between the thresholds (GIR 4, 2 000 € a month, 2025): 255,20 €', () => {
    // By hand: MTP 1 266,60 €; S1 = 918,285; S2 = 3 381,822; plan 797,96 = A1 401,512 + A2 229,255 + A3 167,193;
    // 90 % × (2 000 − S1) / (S2 − S1) × (A1 + A2 × 0,66345 + A3 × 0,55127) = 255,20 €.
    expect(participation('2025-05', 4, 24000)).toMatchObject({
      plan: 797.96,
      amount: 255.2,
      rate: 32,
      paid: 542.76,
    });
  });

  it('is 90 % of the plan just over 2.67 MTP (3 439,31 € a month in 2026)', () => {
    expect(participation('2026-05', 1, 3439.4 * 12)).toMatchObject({
      plan: 2080.33,
      amount: 1872.3,
      rate: 90,
      paid: 208.03,
    });
  });

  it('is just under 90 % of the plan just under 2.67 MTP', () => {
    const { amount } = participation('2026-05', 1, 3439 * 12);
    expect(amount).toBeLessThan(1872.3);
    expect(amount).toBeGreaterThan(1870);
  });

  it('divides a couple’s resources by 1.7', () => {
    const single = participation('2026-05', 2, 30000);
    const couple = participation('2026-05', 2, 30000 * 1.7, true);
    expect(couple.amount).toBe(single.amount);
  });
});

describe('APA with a GIR not evaluated yet', () => {
  it('does not guess: no amount, and says who evaluates the GIR and what to do', async () => {
    const { estimate } = await import('../estimate.ts');
    const apa = (gir: number | null, birthDate: string) =>
      estimate({
        month: '2026-04',
        household: { members: [{ role: 'applicant', birthDate, gir }] },
      }).benefits.find((b) => b.id === 'apa-domicile');
    const notEvaluated = apa(null, '1940-01-01');
    expect(notEvaluated).toMatchObject({ eligible: null, amount: null, missing: [] });
    expect(notEvaluated?.explanation).toMatch(
      /GIR n’a pas encore été évalué.*équipe médico-sociale du département/,
    );
    // Under 60 the age already decides.
    expect(apa(null, '1990-01-01')).toMatchObject({ eligible: false, amount: 0 });
    // GIR 1: the maximum plan, no sentence about the evaluation.
    expect(apa(1, '1940-01-01')?.explanation).not.toMatch(/pas encore été évalué/);
  });
});
