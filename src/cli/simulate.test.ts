// The batch end to end: the real command on a JSONL file with good, malformed and invalid lines; one answer
// per line, in order, an error object on each bad line, and the summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { householdGenerator } from '../features/rights/household-generator.ts';
import { estimate } from '../features/rights/estimate.ts';
import { simulate } from './simulate.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-simulate-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const generate = householdGenerator(5);
const good = Array.from({ length: 600 }, generate);
const lines = good.map((r) => JSON.stringify(r));
lines.splice(10, 0, '{"month": "2025-05", "household": ');
lines.splice(
  20,
  0,
  JSON.stringify({
    month: '2025-05',
    household: { members: [{ role: 'applicant', monthlyNetEarnings: -3 }] },
    extra: 1,
  }),
);
lines.splice(30, 0, '');
const input = path.join(dir, 'households.jsonl');
fs.writeFileSync(input, lines.join('\n') + '\n');
const root = path.resolve(import.meta.dirname, '../..');

describe('sans-couture simulate', () => {
  it(
    'answers every line in order on worker threads, with an error object on each bad line',
    { timeout: 300_000 },
    async () => {
      const output = path.join(dir, 'results.jsonl');
      const progress: number[] = [];
      const summary = await simulate({
        input,
        output,
        workers: 2,
        chunkSize: 50,
        onProgress: (done) => progress.push(done),
      });
      const answers = fs
        .readFileSync(output, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(answers).toHaveLength(lines.length);
      expect(summary).toMatchObject({ count: lines.length, errors: 3 });
      expect(answers[10]).toEqual({
        error: { line: 11, title: 'La ligne n’est pas un JSON valide.', errors: [] },
      });
      const invalid = answers[20] as { error: { line: number; errors: { field: string }[] } };
      expect(invalid.error.line).toBe(21);
      expect(invalid.error.errors.map((e) => e.field)).toEqual(
        expect.arrayContaining(['extra', 'household.members[0].monthlyNetEarnings']),
      );
      expect(answers[30]).toMatchObject({ error: { line: 31 } });
      // Order: the answers of the good lines are exactly the estimations of those lines, in turn.
      const goodAnswers = answers.filter((_, i) => ![10, 20, 30].includes(i));
      expect(goodAnswers).toEqual(good.map((r) => JSON.parse(JSON.stringify(estimate(r)))));
      expect(progress.at(-1)).toBe(lines.length);
    },
  );

  it(
    'writes the same bytes past the page cache as through it (20 MB: both staging buffers turn)',
    { timeout: 300_000 },
    async () => {
      const direct = path.join(root, `.answer-file-test-simulate-${process.pid}.jsonl`);
      const stream = path.join(dir, 'stream-results.jsonl');
      try {
        await simulate({ input, output: direct, workers: 2, chunkSize: 64 });
        await simulate({ input, output: stream, workers: 2, chunkSize: 64, direct: false });
        const bytes = fs.readFileSync(direct);
        expect(bytes.length).toBeGreaterThan(16 << 20);
        expect(bytes.equals(fs.readFileSync(stream))).toBe(true);
        expect(bytes.toString('utf8').split('\n')).toHaveLength(lines.length + 1);
      } finally {
        fs.rmSync(direct, { force: true });
      }
    },
  );

  it('is the `sans-couture simulate` command, with a summary at the end', { timeout: 300_000 }, () => {
    const output = path.join(dir, 'cli-results.jsonl');
    const run = spawnSync(
      process.execPath,
      ['bin/sans-couture.js', 'simulate', '--input', input, '--output', output],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/603 foyers estimés, 3 ligne\(s\) en erreur, en [\d.]+ s/);
    expect(fs.readFileSync(output, 'utf8').trimEnd().split('\n')).toHaveLength(603);
  });

  it('refuses a missing input file with a clear message', () => {
    const run = spawnSync(
      process.execPath,
      [
        'bin/sans-couture.js',
        'simulate',
        '--input',
        path.join(dir, 'nope.jsonl'),
        '--output',
        path.join(dir, 'x.jsonl'),
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/fichier introuvable/);
  });

  it('stops with the system’s reason when the answers cannot be written (a full disk)', async () => {
    await expect(simulate({ input, output: '/dev/full', workers: 2, chunkSize: 64 })).rejects.toThrow(
      /ENOSPC/,
    );
  });

  it('refuses an answers file in a folder that does not exist, before estimating anything', () => {
    const run = spawnSync(
      process.execPath,
      ['bin/sans-couture.js', 'simulate', '--input', input, '--output', path.join(dir, 'nope', 'x.jsonl')],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/dossier introuvable pour les réponses/);
  });
});
