// The CI's supply-chain gate decides on npm audit's JSON report: a high or critical vulnerability fails, an
// audit that could not run is never taken for a clean one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../scripts/audit-gate.ts';

const report = (vulnerabilities: Record<string, { severity: string }>) => {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const v of Object.values(vulnerabilities)) {
    counts[v.severity as keyof typeof counts]++;
    counts.total++;
  }
  return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts } };
};

describe('supply-chain gate', () => {
  it('fails on a high or a critical vulnerability, naming the package', () => {
    expect(decide(report({ 'left-pad': { severity: 'high' } }))).toMatchObject({
      status: 'vulnerable',
      lines: [expect.stringContaining('left-pad (haute)')],
    });
    expect(decide(report({ minimist: { severity: 'critical' }, debug: { severity: 'low' } }))).toMatchObject({
      status: 'vulnerable',
      lines: [expect.stringContaining('minimist (critique)')],
    });
  });

  it('passes with only low or moderate ones', () => {
    expect(decide(report({ debug: { severity: 'low' }, qs: { severity: 'moderate' } })).status).toBe('clean');
    expect(decide(report({})).status).toBe('clean');
  });

  it('says an audit that could not run is not a clean one (405 from the registry mirror, garbage)', () => {
    const refused = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '', detail: '' },
    };
    expect(decide(refused)).toMatchObject({
      status: 'unavailable',
      lines: [expect.stringContaining('PAS pu être fait : 405')],
    });
    expect(decide(null).status).toBe('unavailable');
  });

  it('exits 1 on a vulnerable report, 0 otherwise, as .ci/run uses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-audit-'));
    const write = (name: string, value: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(value));
      return file;
    };
    const run = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-gate.ts', file], { encoding: 'utf8' });
    const vulnerable = run(write('bad.json', report({ 'left-pad': { severity: 'critical' } })));
    expect(vulnerable.status).toBe(1);
    expect(vulnerable.stderr).toContain('ÉCHEC');
    expect(run(write('good.json', report({}))).status).toBe(0);
    const refused = write('405.json', { message: '405 Method Not Allowed', statusCode: 405 });
    const unavailable = run(refused);
    expect(unavailable.status).toBe(0);
    expect(unavailable.stderr).toContain('AVERTISSEMENT');
    // Where the endpoint is known to answer, an audit that could not run fails too.
    const required = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-gate.ts', refused], {
      encoding: 'utf8',
      env: { ...process.env, AUDIT_REQUIRED: '1' },
    });
    expect(required.status).toBe(1);
    expect(required.stderr).toContain('ÉCHEC');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
