import { describe, expect, it } from 'vitest';
import { eligibleAmountText } from './format.ts';
import { estimate } from '../rights/estimate.ts';
import type { EstimationRequest } from '../rights/contract.ts';

const person = (monthlyNetEarnings: number): EstimationRequest => ({
  month: '2025-05',
  household: {
    couple: false,
    members: [
      { role: 'applicant', birthDate: '1990-03-10', monthlyNetEarnings, monthlyReplacementIncome: 0 },
    ],
    housing: { status: 'tenant', monthlyRent: 400 },
    monthlyHousingAid: 0,
  },
});

describe('amounts in plain words', () => {
  it('says a free complémentaire santé solidaire is free, and a participation is a participation', () => {
    const free = estimate(person(800)).benefits.find((b) => b.id === 'css');
    expect(free).toMatchObject({ eligible: true, amount: 0 });
    expect(eligibleAmountText(free!)).toBe('gratuite');
    expect(free!.explanation).toMatch(/gratuite pour ce foyer\.$/);
    expect(free!.explanation).not.toMatch(/trop faible/);

    const paying = estimate(person(862)).benefits.find((b) => b.id === 'css');
    expect(paying).toMatchObject({ eligible: true, amount: 14 });
    expect(eligibleAmountText(paying!)).toBe('participation de 14,00\u00a0€ par mois');
    expect(paying!.explanation).toMatch(/Participation estimée à payer chaque mois : 14,00\u00a0€\.$/);
  });

  it('says contributions are to pay and benefits are received', () => {
    expect(
      eligibleAmountText({ id: 'micro-entrepreneur-cotisations', amount: 123.4, frequency: 'monthly' }),
    ).toBe('à payer : 123,40\u00a0€ par mois');
    expect(eligibleAmountText({ id: 'rsa', amount: 646.52, frequency: 'monthly' })).toBe(
      '646,52\u00a0€ par mois',
    );
  });
});
