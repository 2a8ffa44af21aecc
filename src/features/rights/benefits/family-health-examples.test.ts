// The worked examples of the family, disability and health benefits, run on the plain Publicodes engine
// with only these benefit modules, so they hold even while other benefits are still being written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EstimationRequest } from '../contract.ts';
import { createEstimator, estimate, plainEvaluator } from '../estimate.ts';
import { rulesDir } from '../model.ts';
import { toSituation } from '../situation.ts';
import { aah } from './aah.ts';
import { ageSupplementChildren, allocationsFamiliales } from './allocations-familiales.ts';
import { css } from './css.ts';
import { pajeAllocationBase } from './paje-allocation-base.ts';
import { pajePrimeNaissance } from './paje-prime-naissance.ts';

interface ExampleFile {
  benefit: string;
  examples: {
    name: string;
    request: EstimationRequest;
    expected: { eligible: boolean | null; amount: number | null };
    source: { title: string; url: string };
  }[];
}

const files = [
  'famille/allocations-familiales',
  'famille/paje-allocation-base',
  'famille/paje-prime-naissance',
  'handicap/aah',
  'sante/css',
];
const estimateWith = createEstimator(plainEvaluator(), [
  allocationsFamiliales,
  pajeAllocationBase,
  pajePrimeNaissance,
  aah,
  css,
]);

for (const file of files) {
  const doc = parse(fs.readFileSync(path.join(rulesDir, `${file}.examples.yaml`), 'utf8')) as ExampleFile;
  describe(`${doc.benefit} worked examples`, () => {
    it('has at least five examples, each with a source', () => {
      expect(doc.examples.length).toBeGreaterThanOrEqual(5);
      for (const example of doc.examples) expect(example.source.url).toMatch(/^https:\/\//);
    });
    for (const example of doc.examples) {
      it(example.name, () => {
        const result = estimateWith(example.request).benefits.find((b) => b.id === doc.benefit);
        expect(result?.eligible).toBe(example.expected.eligible);
        if (example.expected.amount === null) expect(result?.amount).toBeNull();
        else expect(result?.amount).toBeCloseTo(example.expected.amount, 2);
        expect(result?.explanation.length).toBeGreaterThan(0);
        if (example.expected.eligible === null) expect(result?.amount).toBeNull();
      });
    }
  });
}

describe('age supplement of the allocations familiales after the March 2026 reform', () => {
  const household = (month: string): EstimationRequest => ({
    month,
    household: {
      couple: true,
      members: [
        { role: 'applicant', birthDate: '1980-01-01' },
        { role: 'partner', birthDate: '1980-01-01' },
        { role: 'child', birthDate: '2012-02-10' },
        { role: 'child', birthDate: '2012-06-10' },
        { role: 'child', birthDate: '2016-01-01' },
      ],
      annualResources: 30000,
    },
  });

  it('counts the children of 14 to 19 under the rule of their birth date', () => {
    // On 1 March 2026 the child born in February 2012 is 14, the one born in June 2012 is 13.
    expect(ageSupplementChildren(household('2026-03'))).toBe(1);
    // In July 2026 both are 14: only the one born before 1 March 2012 counts.
    expect(ageSupplementChildren(household('2026-07'))).toBe(1);
    // In February 2031 both are 18: the supplement is due under either rule.
    expect(ageSupplementChildren(household('2031-02'))).toBe(2);
  });

  it('keeps the supplement for a child born before 1 March 2012 and not for one born after', () => {
    // In November 2026 both elder children are 14; only the one born in February 2012 keeps the old rule.
    const request = household('2026-11');
    const situation = toSituation(request);
    const rules = [
      'allocations familiales . majoration pour âge . nombre',
      'allocations familiales . montant',
    ];
    const evaluator = plainEvaluator();
    // toSituation counts exactly from the birth dates (the model alone would assume both born before).
    const [exact, amount] = evaluator.evaluate(situation, rules);
    expect(ageSupplementChildren(request)).toBe(1);
    expect(exact).toBe(1);
    const [assumed] = evaluator.evaluate(
      { ...situation, 'allocations familiales . majoration pour âge . enfants de 14 à 19 ans': 2 },
      rules,
    );
    expect(assumed).toBe(2);
    // 73 % + 16 % of the BMAF (478,16 €) = 425,56 € gross, less 2,12 € of CRDS.
    expect(amount).toBeCloseTo(423.45, 2);
  });
});

describe('questions asked only when the answer can change the estimate', () => {
  const byId = (request: EstimationRequest, id: string) =>
    estimateWith(request).benefits.find((b) => b.id === id);

  it('answers no allocations familiales nor allocation de base for a person alone without children, without asking resources', () => {
    const request: EstimationRequest = {
      month: '2025-05',
      household: {
        couple: false,
        members: [{ role: 'applicant', birthDate: '1990-01-01', pregnant: false }],
      },
    };
    for (const id of ['allocations-familiales', 'paje-allocation-base', 'paje-prime-naissance']) {
      expect(byId(request, id)).toMatchObject({ eligible: false, amount: 0, missing: [] });
    }
  });

  it('asks the N-2 resources for two children, and both earnings of a couple with a baby', () => {
    const request: EstimationRequest = {
      month: '2025-05',
      household: {
        couple: true,
        members: [
          { role: 'applicant', birthDate: '1990-01-01', pregnant: false },
          { role: 'partner', birthDate: '1990-01-01', pregnant: false },
          { role: 'child', birthDate: '2024-09-01' },
          { role: 'child', birthDate: '2020-09-01' },
        ],
      },
    };
    expect(byId(request, 'allocations-familiales')).toMatchObject({
      eligible: null,
      amount: null,
      missing: ['household.annualResources'],
    });
    expect(byId(request, 'paje-allocation-base')?.missing).toEqual([
      'household.annualResources',
      'household.members[0].monthlyNetEarnings',
      'household.members[1].monthlyNetEarnings',
    ]);
  });

  it('does not ask earnings for a disability rate under 50 %, and asks them from 80 %', () => {
    const low: EstimationRequest = {
      month: '2025-05',
      household: {
        couple: false,
        members: [{ role: 'applicant', birthDate: '1990-01-01', disabilityRate: 0.3 }],
      },
    };
    expect(byId(low, 'aah')).toMatchObject({ eligible: false, amount: 0, missing: [] });
    const high: EstimationRequest = {
      month: '2025-05',
      household: {
        couple: false,
        members: [{ role: 'applicant', birthDate: '1990-01-01', disabilityRate: 0.8 }],
      },
    };
    expect(byId(high, 'aah')).toMatchObject({ eligible: null, amount: null });
    expect(byId(high, 'aah')?.missing).toContain('household.members[0].monthlyNetEarnings');
  });

  it('takes an omitted pregnancy as none, says so, and never asks it of the API', () => {
    const request: EstimationRequest = {
      month: '2025-05',
      household: { couple: false, members: [{ role: 'applicant', birthDate: '1990-01-01' }] },
    };
    const prime = byId(request, 'paje-prime-naissance')!;
    expect(prime).toMatchObject({ eligible: false, amount: 0, missing: [] });
    expect(prime.explanation).toContain(
      'Hypothèse : Nous avons compté qu’il n’y a pas de grossesse en cours',
    );
    const answer = estimateWith(request);
    expect(answer.assumptions).toContainEqual({
      field: 'household.members[0].pregnant',
      value: false,
      statement: expect.stringContaining('pas de grossesse en cours'),
    });
    expect(answer.missing.map((m) => m.field)).not.toContain('household.members[0].pregnant');
  });

  it('the contract’s own example (a partner whose pregnancy is not said) gets its prime à la naissance and prime d’activité when the applicant is pregnant', () => {
    // The applicant is pregnant, the partner's pregnancy and studies are left out as in the contract's example.
    const request: EstimationRequest = {
      month: '2026-05',
      household: {
        couple: true,
        members: [
          {
            role: 'applicant',
            birthDate: '1990-04-12',
            pregnant: true,
            monthlyNetEarnings: 0,
            monthlyReplacementIncome: 0,
          },
          { role: 'partner', birthDate: '1989-01-30', monthlyNetEarnings: 1400, monthlyReplacementIncome: 0 },
        ],
        housing: { status: 'tenant', monthlyRent: 450 },
        monthlyHousingAid: 0,
        annualResources: 18000,
      },
    };
    const answer = estimate(request);
    const prime = answer.benefits.find((b) => b.id === 'paje-prime-naissance')!;
    const activity = answer.benefits.find((b) => b.id === 'prime-activite')!;
    expect(prime.eligible).toBe(true);
    expect(activity.eligible).not.toBeNull();
    expect(answer.assumptions.map((a) => a.field)).toEqual(
      expect.arrayContaining(['household.members[0].student', 'household.members[1].pregnant']),
    );
  });
});
