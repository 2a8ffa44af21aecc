// The worked examples of the family, disability and health benefits, run on the plain Publicodes engine
// with only these benefit modules, so they hold even while other benefits are still being written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EstimationRequest } from '../contract.ts';
import { createEstimator, plainEvaluator } from '../estimate.ts';
import { rulesDir } from '../model.ts';
import { aah } from './aah.ts';
import { allocationsFamiliales } from './allocations-familiales.ts';
import { css } from './css.ts';
import { pajeAllocationBase } from './paje-allocation-base.ts';
import { pajePrimeNaissance } from './paje-prime-naissance.ts';

interface ExampleFile {
  benefit: string;
  examples: { name: string; request: EstimationRequest; expected: { eligible: boolean | null; amount: number | null }; source: { title: string; url: string } }[];
}

const files = ['famille/allocations-familiales', 'famille/paje-allocation-base', 'famille/paje-prime-naissance', 'handicap/aah', 'sante/css'];
const estimateWith = createEstimator(plainEvaluator(), [allocationsFamiliales, pajeAllocationBase, pajePrimeNaissance, aah, css]);

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
