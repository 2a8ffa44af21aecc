// The fast path must give exactly what the plain Publicodes engine gives: on every worked example and on
// 10,000 generated households (seeded, so a failure can be replayed), for every registered benefit.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EstimationRequest } from './contract.ts';
import { compiledEvaluator, createEstimator, plainEvaluator } from './estimate.ts';
import { filesUnder, rulesDir } from './model.ts';
import { householdGenerator } from './household-generator.ts';
import { toSituation, type Situation } from './situation.ts';
import { compileModel } from './compiler/index.ts';
import { benefits } from './benefits/registry.ts';
import Engine from 'publicodes';

const plain = createEstimator(plainEvaluator());

// Long synchronous loops starve the test worker's event loop, and Vitest then loses its link to the worker
// ("Timeout calling onTaskUpdate"): give the loop a turn regularly.
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Equal values; numbers within a relative 1e-9 (float operations in another order), null ≠ undefined. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  return a === b;
}
const fast = createEstimator(compiledEvaluator());

const exampleRequests: { name: string; request: EstimationRequest }[] = filesUnder(
  rulesDir,
  '.examples.yaml',
).flatMap(
  (file) =>
    (parse(fs.readFileSync(file, 'utf8')) as { examples: { name: string; request: EstimationRequest }[] })
      .examples,
);

describe('fast path = plain Publicodes engine', () => {
  it(
    'on every worked example, benefit by benefit (eligibility, amount, explanation, missing)',
    { timeout: 600_000 },
    async () => {
      expect(exampleRequests.length).toBeGreaterThan(20);
      for (const { name, request } of exampleRequests) {
        await yieldToEventLoop();
        expect(fast(request), name).toEqual(plain(request));
      }
    },
  );

  // Full answers (explanations, questions, sources) on the first 200 generated households…
  it('on 200 generated households, whole answers', { timeout: 900_000 }, async () => {
    const generate = householdGenerator(1127);
    for (let i = 0; i < 200; i++) {
      if (i % 10 === 0) await yieldToEventLoop();
      const request = generate();
      const expected = plain(request);
      if (JSON.stringify(fast(request)) !== JSON.stringify(expected))
        expect({ request, ...fast(request) }).toEqual({ request, ...expected });
    }
  });

  // The estimator asks for an amount only when the benefit is due: it must answer exactly what it answers when
  // every rule of every benefit is evaluated first (the way it worked before).
  it(
    'asking for amounts only when due changes no answer (500 generated households)',
    { timeout: 300_000 },
    async () => {
      const compiled = compiledEvaluator();
      const eager = createEstimator({
        evaluate: compiled.evaluate,
        open(situation, rules) {
          const values = compiled.evaluate(situation, rules);
          return (i) => values[i];
        },
      });
      const lazy = createEstimator(compiledEvaluator());
      const generate = householdGenerator(500);
      for (let i = 0; i < 500; i++) {
        if (i % 50 === 0) await yieldToEventLoop();
        const request = generate();
        const expected = JSON.stringify(eager(request));
        if (JSON.stringify(lazy(request)) !== expected)
          expect({ request, ...lazy(request) }).toEqual({ request, ...JSON.parse(expected) });
      }
    },
  );

  // …and every benefit's eligibility and amount on 10,000 (the plain engine takes milliseconds per household,
  // so the work is cut in ten parts, each with its own time limit).
  const rules = benefits
    .filter((b) => !b.compute)
    .flatMap((b) => [`${b.namespace} . éligible`, `${b.namespace} . montant`]);
  const plainEval = plainEvaluator();
  const fastEval = compiledEvaluator();
  const generate = householdGenerator(20261127);
  const parts = 10;
  const perPart = 1000;
  for (let part = 0; part < parts; part++) {
    it(
      `on generated households ${part * perPart + 1}–${(part + 1) * perPart}: eligibility and amount of every benefit`,
      { timeout: 1_800_000 },
      async () => {
        let compared = 0;
        for (let i = 0; i < perPart; i++) {
          if (i % 25 === 0) await yieldToEventLoop();
          const request = generate();
          const situation = toSituation(request);
          const expected = plainEval.evaluate(situation, rules);
          const actual = fastEval.evaluate(situation, rules);
          if (!actual.every((v, k) => same(v, expected[k]))) {
            // Show the household and the rules that differ, not the whole list.
            const differing = rules
              .filter((_, k) => !same(actual[k], expected[k]))
              .map((rule) => ({
                rule,
                fast: actual[rules.indexOf(rule)],
                plain: expected[rules.indexOf(rule)],
              }));
            expect({ request, differing }).toEqual({ request, differing: [] });
          }
          compared++;
        }
        expect(compared).toBe(perPart);
      },
    );
  }

  it('refuses a mechanism it cannot compile, naming the rule', () => {
    const engine = new Engine(
      { x: { valeur: 2 }, y: { valeur: 'x', 'résoudre la référence circulaire': 'oui' } },
      { logger: { log() {}, warn() {}, error() {} } },
    );
    expect(() => compileModel(engine)).toThrow(/ne sait pas compiler.*règle « y »/);
  });

  it('follows Publicodes on units, percentages, applicability and dates', () => {
    const rules = {
      mois: { type: 'date' },
      a: { unité: '€/mois' },
      annuel: { valeur: 'a * 12', unité: '€/an' },
      'taux arrondi': { unité: '%', valeur: 'a / 200 €/mois * 100 %', arrondi: '1 décimale' },
      remise: { valeur: '100 € - 10 %' },
      parent: { 'applicable si': 'a > 10 €/mois' },
      'parent . enfant': { valeur: '3 €' },
      daté: { variations: [{ si: 'mois >= 01/04/2025', alors: '2 €' }, { sinon: '1 €' }] },
      somme: { somme: ['a', '12 €/an'] },
      tranche: {
        barème: { assiette: 'a', tranches: [{ taux: '10 %', plafond: '100 €/mois' }, { taux: '20 %' }] },
      },
      grille: { grille: { assiette: 'a', tranches: [{ montant: 1, plafond: '50 €/mois' }, { montant: 2 }] } },
    };
    const logger = { log() {}, warn() {}, error() {} };
    const engine = new Engine(rules, { logger });
    const compiled = compileModel(new Engine(rules, { logger }));
    const names = Object.keys(rules);
    const situations: Situation[] = [
      { a: 5, mois: { date: '01/05/2025' } },
      { a: 150, mois: { date: '01/03/2025' } },
      {},
    ];
    for (const situation of situations) {
      const publicodesSituation = Object.fromEntries(
        Object.entries(situation).map(([k, v]) => [k, typeof v === 'object' ? v.date : v]),
      );
      engine.setSituation(publicodesSituation);
      const expected = names.map((n) => engine.evaluate(n).nodeValue);
      expect(compiled.evaluate(situation, names)).toEqual(expected);
    }
    expect(
      toSituation({ month: '2025-05', household: { members: [{ role: 'applicant' }] } })['mois estimé'],
    ).toEqual({ date: '01/05/2025' });
  });

  it('recovers after an evaluation that threw, naming the rule', () => {
    const logger = { log() {}, warn() {}, error() {} };
    const compiled = compileModel(
      new Engine({ a: {}, b: { valeur: '10 / a' }, c: { valeur: 'b + 1' } }, { logger }),
    );
    expect(() => compiled.evaluate({ a: 0 }, ['c'])).toThrow('Division par zéro (règle « b »)');
    // The next household is evaluated from a clean slate (no rule left marked "being evaluated").
    expect(compiled.evaluate({ a: 2 }, ['c', 'b'])).toEqual([6, 5]);
  });
});
