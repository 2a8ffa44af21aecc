#!/usr/bin/env node
// The supply-chain gate run by .ci/run: a known high or critical vulnerability in the production
// dependencies fails the build. An audit that could not run (advisories endpoint unreachable, or answering
// 405 as this workplace's registry mirror does) is said loudly and never passed off as a clean result.
//
//   npx tsx scripts/audit-gate.ts               runs `npm audit --omit=dev --json` and decides
//   npx tsx scripts/audit-gate.ts report.json   decides on a saved report (test/harness/supply-chain.test.ts)
//
// Where the advisories endpoint is known to answer, set AUDIT_REQUIRED=1: an audit that could not run then
// fails the build too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

interface AuditReport {
  message?: string;
  error?: { summary?: string; code?: string };
  vulnerabilities?: Record<string, { severity?: string }>;
  metadata?: { vulnerabilities?: { high?: number; critical?: number; total?: number } };
}

/**
 * What an `npm audit --json` report says: `vulnerable` (with the packages), `clean`, or `unavailable` when
 * the audit did not run.
 */
export function decide(report: unknown): { status: 'clean' | 'vulnerable' | 'unavailable'; lines: string[] } {
  const r = (report ?? {}) as AuditReport;
  const counts = r.metadata?.vulnerabilities;
  if (!counts || typeof counts !== 'object' || r.error) {
    const why = r.message || r.error?.summary || r.error?.code || 'réponse inattendue';
    return { status: 'unavailable', lines: [`l’audit des dépendances n’a PAS pu être fait : ${why}`] };
  }
  const serious = Object.entries(r.vulnerabilities ?? {})
    .filter(([, v]) => v && (v.severity === 'high' || v.severity === 'critical'))
    .map(([name, v]) => `${name} (${v.severity === 'critical' ? 'critique' : 'haute'})`);
  if ((counts.high ?? 0) + (counts.critical ?? 0) > 0 || serious.length > 0) {
    return {
      status: 'vulnerable',
      lines: [
        `vulnérabilité haute ou critique en production : ${serious.join(', ') || `${counts.high} haute(s), ${counts.critical} critique(s)`}`,
      ],
    };
  }
  return {
    status: 'clean',
    lines: [
      `aucune vulnérabilité haute ou critique en production (${counts.total ?? 0} au total, toutes gravités)`,
    ],
  };
}

function main(): void {
  const file = process.argv[2];
  let text: string;
  if (file) text = fs.readFileSync(file, 'utf8');
  else {
    const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
    text = run.stdout;
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    report = { message: 'sortie de npm audit illisible' };
  }
  const { status, lines } = decide(report);
  if (status === 'vulnerable') {
    for (const line of lines) console.error(`ÉCHEC : ${line}`);
    process.exit(1);
  }
  if (status === 'unavailable') {
    const required = process.env.AUDIT_REQUIRED === '1';
    for (const line of lines) console.error(`${required ? 'ÉCHEC' : 'AVERTISSEMENT'} : ${line}`);
    if (required) process.exit(1);
  } else for (const line of lines) console.log(line);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
