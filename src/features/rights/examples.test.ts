// The generic runner of worked examples: every rules/**/*.examples.yaml becomes tests, run through the plain
// Publicodes engine AND through the compiled fast path, against the amount its source gives.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BenefitResult, EstimationRequest } from './contract.ts';
import { compiledEvaluator, createEstimator, plainEvaluator } from './estimate.ts';
import { filesUnder, rulesDir } from './model.ts';
import { validateEstimationRequest } from './schema.ts';
import { benefits } from './benefits/registry.ts';

interface Example {
  name: string;
  request: EstimationRequest;
  expected: { eligible: boolean | null; amount: number | null };
  tolerance?: number;
  source: { title: string; url: string };
}

interface ExampleFile {
  benefit: string;
  examples: Example[];
}

const files = filesUnder(rulesDir, '.examples.yaml').map((file) => ({
  file: path.relative(rulesDir, file),
  content: parse(fs.readFileSync(file, 'utf8')) as ExampleFile,
}));
const plain = createEstimator(plainEvaluator());
const fast = createEstimator(compiledEvaluator());

function resultFor(estimateWith: typeof plain, example: Example, id: string): BenefitResult {
  const result = estimateWith(example.request).benefits.find((b) => b.id === id);
  if (!result) throw new Error(`La prestation ${id} n’est pas dans la réponse`);
  return result;
}

describe('worked examples (rules/**/*.examples.yaml)', () => {
  it('finds the example files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const { file, content } of files) {
    describe(file, () => {
      it('names a registered benefit and gives at least five sourced examples', () => {
        expect(benefits.map((b) => b.id)).toContain(content.benefit);
        expect(content.examples.length).toBeGreaterThanOrEqual(5);
        for (const example of content.examples) {
          expect(example.source?.title, example.name).toBeTruthy();
          expect(example.source?.url, example.name).toMatch(/^https:\/\//);
        }
      });

      for (const example of content.examples) {
        it(example.name, () => {
          // The request must be one the API would accept; when it is not, the failure names the fields and the
          // API's messages (a month outside the scales' months, a misspelt field), not just "errors".
          const validation = validateEstimationRequest(example.request);
          expect(
            'errors' in validation ? validation.errors : [],
            'the API refuses this example’s request',
          ).toEqual([]);
          const tolerance = example.tolerance ?? 0.005;
          for (const [path, estimateWith] of [
            ['plain engine', plain],
            ['fast path', fast],
          ] as const) {
            const result = resultFor(estimateWith, example, content.benefit);
            expect(result.eligible, `${path}: eligible`).toBe(example.expected.eligible);
            if (example.expected.amount === null) expect(result.amount, `${path}: amount`).toBeNull();
            else {
              expect(result.amount, `${path}: amount`).not.toBeNull();
              expect(
                Math.abs((result.amount as number) - example.expected.amount),
                `${path}: amount ${result.amount}`,
              ).toBeLessThanOrEqual(tolerance);
            }
            if (result.eligible === null)
              expect(result.missing.length + (result.explanation ? 1 : 0)).toBeGreaterThan(0);
            expect(result.sources.length).toBeGreaterThan(0);
          }
        });
      }
    });
  }
});
