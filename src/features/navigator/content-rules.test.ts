// The plan says what the rules say: a procedure's deadline and the explanation of the same right must agree
// (issue 11: the ACRE's explanation said 60 days while its step said 45), and an amount reads as what it is
// (the APA's figure is the ceiling of a care plan, not a sum paid).
import { describe, expect, it } from 'vitest';
import type { EstimationRequest } from '../rights/contract.ts';
import { acre } from '../rights/benefits/acre.ts';
import { estimate, plainEvaluator } from '../rights/estimate.ts';
import { toSituation } from '../rights/situation.ts';
import { eligibleAmountText } from './format.ts';
import { lifeEvent } from './life-events.ts';

const evaluator = plainEvaluator();

/** The ACRE request delay of the rules for a micro-enterprise created on that day. */
function acreDelay(creationDate: string): number {
  const request: EstimationRequest = {
    month: creationDate.slice(0, 7),
    household: { members: [{ role: 'applicant', birthDate: '2002-06-01' }] },
    business: { activity: 'services', annualTurnover: 20000, creationDate, acre: true },
  };
  const [delay] = evaluator.evaluate(toSituation(request), ['acre . délai de demande']);
  return delay as number;
}

describe('the ACRE: one delay, in the rule, its explanation and the plan’s steps', () => {
  it('is 60 days after the start of activity since 1 January 2026, 45 before', () => {
    // Loi n° 2025-1403 (LFSS 2026), art. 23; Urssaf, « Acre : nouvelles règles et démarches » (9 January 2026).
    expect(acreDelay('2026-01-01')).toBe(60);
    expect(acreDelay('2027-01-04')).toBe(60);
    expect(acreDelay('2025-12-31')).toBe(45);
  });

  it('gives both steps (micro-enterprise and company) the delay in force, in their date and in their words', () => {
    for (const id of ['self-employment', 'business-creation'] as const) {
      const step = lifeEvent(id).procedures.find((p) => p.id === 'request-acre')!;
      expect(step.deadline?.days, id).toBe(acreDelay('2027-01-04'));
      expect(step.deadline?.legal).toBe(true);
      expect(step.deadline?.text).toMatch(/60 jours après le début de l’activité/);
      expect(JSON.stringify(step)).not.toMatch(/45 jours/);
      expect(step.steps.join(' ')).toMatch(/Passé 60 jours/);
    }
  });

  it('says the same delay in the explanation of the right', () => {
    expect(acre.summary).toMatch(/au plus tard 60 jours après le début de l’activité/);
    // 45 days only as the rule of the creations before 2026, never as the delay in force.
    expect(acre.summary).not.toMatch(/dans les 45 jours de la création \(60 jours/);
    const answer = estimate({
      month: '2027-01',
      household: { members: [{ role: 'applicant', birthDate: '2002-06-01' }] },
      business: { activity: 'services', annualTurnover: 20000, creationDate: '2027-01-04', acre: true },
    }).benefits.find((b) => b.id === 'acre')!;
    expect(answer.explanation).toContain('Délai pour la demander après le début de l’activité (jours) : 60');
  });
});

describe('the APA: the ceiling of a care plan, said as such', () => {
  // An 82-year-old widow in Lalbenque, GIR 3, revenu fiscal de référence 11 760 € (980 € a month).
  // December 2026: MTP of 1 January 2026, 1 288,13 €; ceiling GIR 3 = 0,944 × 1 288,13 = 1 215,99 €.
  // Participation (R232-11 CASF, décret n° 2016-210): resources R = 980,00 €; S1 = 0,725 × MTP = 933,89 €;
  // S2 = 2,67 × MTP = 3 439,31 €; the plan in tranches A1 = 0,317 × MTP = 408,34 €, A2 = (0,498 − 0,317) × MTP =
  // 233,15 €, A3 = 1 215,99 − 0,498 × MTP = 574,50 €; 90 % × (R − S1) / (S2 − S1) × (A1 + A2 × (0,6 R + 0,4 S2 − S1)
  // / (S2 − S1) + A3 × (0,8 R + 0,2 S2 − S1) / (S2 − S1)) = 0,9 × 46,11 / 2 505,42 × (408,34 + 233,15 × 0,41104 +
  // 574,50 × 0,21472) = 10,39 €. So the APA pays at most 1 215,99 − 10,39 = 1 205,60 € a month: the two figures of
  // the explanation differ by the participation, and the first is the ceiling of the plan, not a sum paid.
  const widow: EstimationRequest = {
    month: '2026-12',
    commune: '46148',
    household: {
      couple: false,
      members: [{ role: 'applicant', birthDate: '1944-05-10', gir: 3, disabilityRate: 0 }],
      referenceTaxIncome: 11760,
    },
  };

  it('reads "plan d’aide jusqu’à … par mois", never as a sum paid each month', () => {
    const apa = estimate(widow).benefits.find((b) => b.id === 'apa-domicile')!;
    expect(apa).toMatchObject({ eligible: true, amount: 1215.99, frequency: 'monthly' });
    expect(eligibleAmountText(apa)).toBe('plan d’aide jusqu’à 1\u202f215,99\u00a0€ par mois');
  });

  it('names both figures in the explanation: the ceiling shown, and what the APA pays after the participation', () => {
    const apa = estimate(widow).benefits.find((b) => b.id === 'apa-domicile')!;
    expect(apa.explanation).toContain(
      'Votre participation pour un plan au maximum (par mois) : 10,39\u00a0€',
    );
    expect(apa.explanation).toContain('l’APA paie au plus (par mois) : 1\u202f205,60\u00a0€');
    expect(apa.explanation).toMatch(
      /Plafond du plan d’aide \(montant indiqué\), par mois : 1\u202f215,99\u00a0€\.$/,
    );
    expect(apa.explanation).not.toMatch(/Montant estimé/);
  });
});
