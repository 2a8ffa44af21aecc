// The ASPA, ASF, complément familial, ARS, AEEH, capital décès and pension de réversion beyond their worked
// examples: the questions each asks (only when the answer decides), what their explanations say (the August
// payment, the estate recovery, the MDPH's complements, the other schemes), the request fields they refuse,
// and the legal retirement age written twice in the model.
import { describe, expect, it } from 'vitest';
import type { EstimationRequest, MemberInput } from '../contract.ts';
import { createEstimator, plainEvaluator } from '../estimate.ts';
import { validateEstimationRequest } from '../schema.ts';
import { toSituation } from '../situation.ts';
import { aeeh } from './aeeh.ts';
import { ars } from './ars.ts';
import { asf } from './asf.ts';
import { aspa } from './aspa.ts';
import { capitalDeces } from './capital-deces.ts';
import { complementFamilial } from './complement-familial.ts';
import { pensionReversion } from './pension-reversion.ts';

const evaluator = plainEvaluator();
const estimateWith = createEstimator(evaluator, [
  aspa,
  asf,
  complementFamilial,
  ars,
  aeeh,
  capitalDeces,
  pensionReversion,
]);
const result = (request: EstimationRequest, id: string) => {
  const found = estimateWith(request).benefits.find((b) => b.id === id);
  if (!found) throw new Error(`${id} absent de la réponse`);
  return found;
};
const household = (members: MemberInput[], extra: Partial<EstimationRequest['household']> = {}) => ({
  couple: members.some((m) => m.role === 'partner'),
  members,
  ...extra,
});

describe('legal retirement age', () => {
  it('is the same for the applicant and the partner born the same day', () => {
    const rules = [
      'âge légal de départ à la retraite . demandeur',
      'âge légal de départ à la retraite . conjoint',
    ];
    // The day before and the first day of each generation of the table.
    // prettier-ignore
    const dates = [
      '1955-01-01', '1961-08-31', '1961-09-01', '1961-12-31', '1962-01-01', '1963-01-01', '1964-06-30',
      '1965-03-31', '1965-04-01', '1966-01-01', '1967-01-01', '1968-01-01', '1968-12-31', '1969-01-01',
    ];
    const seen = new Set<number>();
    for (const birthDate of dates) {
      const situation = toSituation({
        month: '2026-05',
        household: household([
          { role: 'applicant', birthDate },
          { role: 'partner', birthDate },
        ]),
      });
      const [applicant, partner] = evaluator.evaluate(situation, rules);
      expect(partner, birthDate).toBe(applicant);
      seen.add(applicant as number);
    }
    // 62 years, +3 months a generation from September 1961, frozen at 62 years 9 months until March 1965, 64 from 1969.
    expect([...seen].sort((a, b) => a - b)).toEqual([744, 747, 750, 753, 756, 759, 762, 765, 768]);
  });
});

describe('questions asked only when the answer decides', () => {
  it('ASPA: no income question before 62, the incapacity rate between 62 and 65, then unfitness for work under 50 %', () => {
    const young = result(
      { month: '2025-05', household: household([{ role: 'applicant', birthDate: '1980-01-01' }]) },
      'aspa',
    );
    expect(young).toMatchObject({ eligible: false, missing: [] });
    const sixtyThree = {
      role: 'applicant' as const,
      birthDate: '1962-01-10',
      monthlyNetEarnings: 0,
      monthlyReplacementIncome: 0,
    };
    expect(result({ month: '2025-05', household: household([sixtyThree]) }, 'aspa').missing).toEqual([
      'household.members[0].disabilityRate',
    ]);
    expect(
      result({ month: '2025-05', household: household([{ ...sixtyThree, disabilityRate: 0.3 }]) }, 'aspa')
        .missing,
    ).toEqual(['household.members[0].unfitForWork']);
    // At 65 neither matters.
    const seventy = {
      role: 'applicant' as const,
      birthDate: '1955-01-10',
      monthlyNetEarnings: 0,
      monthlyReplacementIncome: 0,
    };
    expect(result({ month: '2025-05', household: household([seventy]) }, 'aspa')).toMatchObject({
      eligible: true,
      missing: [],
    });
  });

  it('ASF: child support is asked of a lone parent only, for each child under 20', () => {
    const members: MemberInput[] = [
      { role: 'applicant', birthDate: '1980-01-01' },
      { role: 'child', birthDate: '2004-01-01' },
      { role: 'child', birthDate: '2012-01-01' },
    ];
    expect(result({ month: '2025-05', household: household(members) }, 'asf').missing).toEqual([
      'household.members[2].monthlyChildSupport',
    ]);
    const couple = result(
      { month: '2025-05', household: household([...members, { role: 'partner', birthDate: '1980-01-01' }]) },
      'asf',
    );
    expect(couple).toMatchObject({ eligible: false, amount: 0, missing: [] });
  });

  it('ASF: more than six children with a partial support is not estimated, and says so', () => {
    const children: MemberInput[] = Array.from({ length: 7 }, (_, i) => ({
      role: 'child',
      birthDate: `201${i}-03-01`,
      monthlyChildSupport: 50,
    }));
    const answer = result(
      {
        month: '2025-05',
        household: household([{ role: 'applicant', birthDate: '1980-01-01' }, ...children]),
      },
      'asf',
    );
    expect(answer).toMatchObject({ eligible: null, amount: null });
    expect(answer.explanation).toMatch(/Plus de six enfants/);
  });

  it('AEEH: a rate for each child under 20, the care recommended only from 50 to 79 %', () => {
    const request: EstimationRequest = {
      month: '2025-05',
      household: household([
        { role: 'applicant', birthDate: '1980-01-01' },
        { role: 'child', birthDate: '2004-01-01' },
        { role: 'child', birthDate: '2012-01-01' },
        { role: 'child', birthDate: '2014-01-01', disabilityRate: 0.6 },
        { role: 'child', birthDate: '2016-01-01', disabilityRate: 0.9 },
      ]),
    };
    expect(result(request, 'aeeh').missing).toEqual([
      'household.members[2].disabilityRate',
      'household.members[3].disabilityCare',
    ]);
  });

  it('capital décès and réversion: nothing asked and nothing due without a deceased relative', () => {
    const request: EstimationRequest = {
      month: '2025-05',
      household: household([{ role: 'applicant', birthDate: '1955-01-01' }]),
    };
    for (const id of ['capital-deces', 'pension-reversion'])
      expect(result(request, id)).toMatchObject({ eligible: false, amount: 0, missing: [] });
  });

  it('réversion: the resources are asked only once the marriage, the pension and the age open it', () => {
    const base = (married: boolean): EstimationRequest => ({
      month: '2025-05',
      household: household([{ role: 'applicant', birthDate: '1955-01-01' }], {
        deceased: { deathDate: '2025-02-01', monthlyBasePension: 1200, married },
      }),
    });
    expect(result(base(false), 'pension-reversion')).toMatchObject({ eligible: false, missing: [] });
    expect(result(base(true), 'pension-reversion').missing).toEqual([
      'household.members[0].monthlyNetEarnings',
      'household.members[0].monthlyReplacementIncome',
      'household.members[0].childrenRaised',
    ]);
  });
});

describe('what the explanations say', () => {
  it('ARS: a yearly amount paid mid-August', () => {
    const answer = result(
      {
        month: '2026-03',
        household: household(
          [
            { role: 'applicant', birthDate: '1985-01-01' },
            { role: 'child', birthDate: '2017-05-01' },
          ],
          { annualResources: 20000 },
        ),
      },
      'ars',
    );
    expect(answer.frequency).toBe('yearly');
    expect(answer.explanation).toMatch(/Versement : mi-août 2026\./);
    expect(answer.explanation).toMatch(/versée en une fois à la mi-août/);
  });

  it('ASPA: the recovery on the estate, with its threshold', () => {
    const answer = result(
      {
        month: '2025-05',
        household: household([
          { role: 'applicant', birthDate: '1950-01-01', monthlyNetEarnings: 0, monthlyReplacementIncome: 0 },
        ]),
      },
      'aspa',
    );
    expect(answer.explanation).toMatch(/récupérées sur la succession/);
    expect(answer.explanation).toMatch(/succession \(actif net\) qui dépasse : 107\s616,60\s€/);
  });

  it('AEEH: the complements are left to the MDPH', () => {
    const answer = result(
      {
        month: '2025-05',
        household: household([
          { role: 'applicant', birthDate: '1980-01-01' },
          { role: 'child', birthDate: '2014-01-01', disabilityRate: 0.8 },
        ]),
      },
      'aeeh',
    );
    expect(answer.amount).toBe(151.8);
    expect(answer.explanation).toMatch(/Compléments : à évaluer par la MDPH/);
  });

  it('réversion names the other schemes; capital décès sends a civil servant’s family to the employer', () => {
    const request: EstimationRequest = {
      month: '2025-05',
      household: household([{ role: 'applicant', birthDate: '1970-01-01' }], {
        deceased: {
          deathDate: '2025-03-01',
          situation: 'civil-servant',
          monthlyBasePension: 0,
          married: true,
        },
      }),
    };
    expect(result(request, 'pension-reversion').explanation).toMatch(/Agirc-Arrco.*fonction publique.*MSA/);
    const capital = result(request, 'capital-deces');
    expect(capital).toMatchObject({ eligible: null, amount: null });
    expect(capital.explanation).toMatch(/employeur public/);
  });
});

describe('bad input is refused, naming the field', () => {
  const fields = (value: unknown) => {
    const checked = validateEstimationRequest(value);
    return 'errors' in checked ? checked.errors.map((e) => e.field) : [];
  };

  it('a deceased’s pension without the death date', () => {
    expect(
      fields({
        month: '2025-05',
        household: { members: [{ role: 'applicant' }], deceased: { monthlyBasePension: 900, married: true } },
      }),
    ).toEqual(['household.deceased.deathDate']);
  });

  it('a death after the month estimated, or on a day that does not exist', () => {
    for (const deathDate of ['2025-06-01', '2025-02-30'])
      expect(
        fields({
          month: '2025-05',
          household: { members: [{ role: 'applicant' }], deceased: { deathDate } },
        }),
      ).toEqual(['household.deceased.deathDate']);
  });

  it('a child’s disability rate over 100 %, a negative child support, an unknown situation', () => {
    expect(
      fields({
        month: '2025-05',
        household: {
          members: [
            { role: 'applicant' },
            { role: 'child', birthDate: '2015-01-01', disabilityRate: 1.2, monthlyChildSupport: -10 },
          ],
          deceased: { deathDate: '2025-01-01', situation: 'astronaut' },
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        'household.members[1].disabilityRate',
        'household.members[1].monthlyChildSupport',
        'household.deceased.situation',
      ]),
    );
  });
});
