// The plan says what the rules say: a procedure's deadline and the explanation of the same right must agree
// (issue 11: the ACRE's explanation said 60 days while its step said 45).
import { describe, expect, it } from 'vitest';
import type { EstimationRequest } from '../rights/contract.ts';
import { acre } from '../rights/benefits/acre.ts';
import { estimate, plainEvaluator } from '../rights/estimate.ts';
import { toSituation } from '../rights/situation.ts';
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
