// The worked examples of APA à domicile, chèque énergie, ACRE and micro-entrepreneur contributions, run with
// only these benefit modules on the plain Publicodes engine and on the compiled fast path, so they hold even
// while other benefits are still being written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EstimationRequest } from '../contract.ts';
import { compiledEvaluator, createEstimator, plainEvaluator } from '../estimate.ts';
import { rulesDir } from '../model.ts';
import { validateEstimationRequest } from '../schema.ts';
import { acre } from './acre.ts';
import { apaDomicile } from './apa-domicile.ts';
import { chequeEnergie } from './cheque-energie.ts';
import { microEntrepreneurCotisations } from './micro-entrepreneur-cotisations.ts';

interface ExampleFile {
  benefit: string;
  examples: { name: string; request: EstimationRequest; expected: { eligible: boolean | null; amount: number | null }; source: { title: string; url: string } }[];
}

const files = ['autonomie/apa-domicile', 'energie/cheque-energie', 'entreprise/acre', 'entreprise/micro-entrepreneur-cotisations'];
const definitions = [apaDomicile, chequeEnergie, acre, microEntrepreneurCotisations];
const engines = [
  { name: 'plain engine', estimate: createEstimator(plainEvaluator(), definitions) },
  { name: 'fast path', estimate: createEstimator(compiledEvaluator(), definitions) },
];

for (const file of files) {
  const doc = parse(fs.readFileSync(path.join(rulesDir, `${file}.examples.yaml`), 'utf8')) as ExampleFile;
  describe(`${doc.benefit} worked examples`, () => {
    it('has at least five examples, each with a source and a valid request', () => {
      expect(doc.examples.length).toBeGreaterThanOrEqual(5);
      for (const example of doc.examples) {
        expect(example.source.url).toMatch(/^https:\/\//);
        expect(validateEstimationRequest(example.request)).not.toHaveProperty('errors');
      }
    });
    for (const { name, estimate } of engines) {
      for (const example of doc.examples) {
        it(`${example.name} (${name})`, () => {
          const result = estimate(example.request).benefits.find((b) => b.id === doc.benefit);
          expect(result?.eligible).toBe(example.expected.eligible);
          if (example.expected.amount === null) expect(result?.amount).toBeNull();
          else expect(result?.amount).toBeCloseTo(example.expected.amount, 2);
          expect(result?.explanation.length).toBeGreaterThan(0);
          expect(result?.sources.length).toBeGreaterThan(0);
        });
      }
    }
  });
}
