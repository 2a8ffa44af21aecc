// Before and after a change, in the same run: is the public API byte-for-byte the same, and did the batch or the
// API get slower? The rule of the house (docs/conventions.md): a refactoring changes no byte of the API and costs
// no more than 5 % of the batch's or the API's time.
//
//   npm run bench -- compare --before <rev> --after <rev> [--households 20000] [--rounds 3] [--requests 2000]
//
// Both revisions are checked out in temporary worktrees (sharing this node_modules). Then:
//  1. the bytes: each revision's server (PGlite, empty territory, FIXED_TODAY so that plans are dated alike)
//     answers the OpenAPI document, `--requests` estimations of generated households, 200 plans (ten moments of
//     life) and three bad requests; the answers are compared byte for byte (`instance`, which names the request,
//     left out) and the first difference is shown;
//  2. the batch: `sans-couture simulate` of each revision on the same households (answers to /dev/null, so that
//     the disk is not measured), rounds alternated before/after and after/before (`--rounds 0`: bytes only);
//  3. the API: the server's own CPU time (from /proc) while it answers the same estimations, alternated the same
//     way. CPU time is the measure, not wall time: on a shared machine it moves much less with other people's
//     work. Medians of the rounds and their ratio, and the median of each round's own ratio (drift cancelled).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createTarget, freePort, rootDir, waitReady } from '../scripts/crash-test.ts';
import { householdGenerator } from '../src/features/rights/household-generator.ts';

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

const lifeEvents = [
  'birth',
  'adoption',
  'autonomy-loss',
  'business-creation',
  'self-employment',
  'job-loss',
  'moving',
  'bereavement',
  'retirement',
  'first-hire',
];

/** User + system CPU seconds in a /proc/<pid>/stat line's fields after "pid (comm) " (utime, stime: 11, 12). */
function clockTicks(fields: string[]): number {
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of this process's waited-for children. */
function childrenCpuSeconds(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** 300 characters of `x` from a little before its first difference with `y`. */
function around(x: string, y: string): string {
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x.slice(Math.max(0, i - 100), i + 200);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One POST or GET on a keep-alive agent; resolves with the status and the body. */
function sendOnce(
  agent: http.Agent,
  base: string,
  method: string,
  pathname: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(pathname, base),
      {
        method,
        agent,
        headers: body
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
          : {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * `sendOnce`, tried again (at most twice) when the server closed a kept-alive socket just as it was reused
 * (ECONNRESET, EPIPE): on a loaded machine the pause between rounds can outlast the server’s keep-alive. Each
 * request the comparison sends gets the same answer when sent again, so sending it again is safe.
 */
async function send(
  agent: http.Agent,
  base: string,
  method: string,
  pathname: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendOnce(agent, base, method, pathname, body);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 2 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
    }
  }
}

interface Side {
  name: 'avant' | 'après';
  rev: string;
  dir: string;
}

function checkout(work: string, name: Side['name'], rev: string): Side {
  const dir = path.join(work, name === 'avant' ? 'before' : 'after');
  execFileSync('git', ['worktree', 'add', '--detach', dir, rev], { cwd: rootDir, stdio: 'ignore' });
  fs.symlinkSync(path.join(rootDir, 'node_modules'), path.join(dir, 'node_modules'));
  const sha = execFileSync('git', ['rev-parse', '--short', rev], { cwd: rootDir, encoding: 'utf8' }).trim();
  return { name, rev: sha, dir };
}

async function startSide(side: Side) {
  const target = await createTarget('pglite');
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: side.dir,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: target.dataDir,
      DATABASE_URL: '',
      SESSION_SECRET: 'compare-secret-'.padEnd(40, 'x'),
      // The OpenAPI document names the server: the same for both sides.
      PUBLIC_URL: 'http://localhost:3000',
      FIXED_TODAY: '2026-05-15',
      SEED_DEMO: 'false',
      DEV_MAILBOX: 'false',
      RATE_LIMIT_API_PER_MINUTE: '10000000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      // No durable jobs in the measured process: their minutes' work would be counted as the API's.
      JOBS_WORKER: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const process_ = { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
  await waitReady(process_, 240_000);
  return {
    ...process_,
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await target.dispose();
    },
  };
}

/** Runs the comparison and prints a Markdown report. */
export async function runCompare(argv: string[]): Promise<void> {
  const before = option(argv, '--before');
  const after = option(argv, '--after') ?? 'HEAD';
  if (!before) {
    console.error(
      'Usage : npm run bench -- compare --before <révision> [--after <révision>] [--households N]',
    );
    process.exit(2);
  }
  const households = Number(option(argv, '--households') ?? 20_000);
  const rounds = Number(option(argv, '--rounds') ?? 3);
  const requestCount = Number(option(argv, '--requests') ?? 2000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-compare-'));
  // The tests and the seed read ../shared/data beside the project: the worktrees get the same neighbour.
  const shared = path.resolve(rootDir, '..', 'shared');
  if (fs.existsSync(shared)) fs.symlinkSync(shared, path.join(work, 'shared'));
  const sides = [checkout(work, 'avant', before), checkout(work, 'après', after)] as const;
  const servers: Awaited<ReturnType<typeof startSide>>[] = [];
  try {
    console.log(
      `Comparaison ${sides[0].rev} → ${sides[1].rev}, ${os.cpus().length} cœurs, charge ${os.loadavg()[0]?.toFixed(1)}`,
    );

    // The same requests for both sides.
    const generate = householdGenerator(2026);
    const estimations = Array.from({ length: requestCount }, () => JSON.stringify(generate()));
    const plans = estimations.slice(0, 200).map((body, i) => {
      const request = JSON.parse(body) as Record<string, unknown>;
      return JSON.stringify({ ...request, lifeEvent: lifeEvents[i % 10], eventDate: '2026-05-10' });
    });
    const bad = [
      { month: '2026-13', household: { members: [] } },
      {
        month: '2026-05',
        household: { members: [{ role: 'applicant', birthDate: '2026-02-30', extra: 1 }] },
      },
      {
        month: '2026-05',
        household: { members: [{ role: 'applicant', disabilityRate: 2 }] },
        business: { activity: 'x' },
      },
    ].map((b) => JSON.stringify(b));
    const input = path.join(work, 'households.jsonl');
    const batchLines = Array.from({ length: households }, () => JSON.stringify(generate()));
    fs.writeFileSync(input, batchLines.join('\n') + '\n');

    // 1. Bytes.
    for (const side of sides) servers.push(await startSide(side));
    const answers: string[][] = [];
    for (const server of servers) {
      const out: string[] = [];
      const strip = (s: string) => s.replace(/"instance":"[^"]*"/g, '"instance":…');
      out.push((await send(server.agent, server.baseUrl, 'GET', '/api/v1/openapi.json')).body);
      for (const body of estimations) {
        const r = await send(server.agent, server.baseUrl, 'POST', '/api/v1/estimations', body);
        out.push(`${r.status} ${strip(r.body)}`);
      }
      for (const body of plans) {
        const r = await send(server.agent, server.baseUrl, 'POST', '/api/v1/plans', body);
        out.push(`${r.status} ${strip(r.body)}`);
      }
      for (const body of bad) {
        const r = await send(server.agent, server.baseUrl, 'POST', '/api/v1/estimations', body);
        out.push(`${r.status} ${strip(r.body)}`);
      }
      answers.push(out);
    }
    const digest = (lines: string[]) =>
      createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
    const [a, b] = answers as [string[], string[]];
    const firstDiff = a.findIndex((line, i) => line !== b[i]);
    const what = (i: number) =>
      i === 0
        ? 'le document OpenAPI'
        : i <= estimations.length
          ? `l’estimation n° ${i}`
          : i <= estimations.length + plans.length
            ? `le plan n° ${i - estimations.length}`
            : `la mauvaise demande n° ${i - estimations.length - plans.length}`;
    const kinds = ['document OpenAPI', 'estimations', 'plans', 'mauvaises demandes'] as const;
    const kindOf = (i: number) =>
      i === 0 ? 0 : i <= estimations.length ? 1 : i <= estimations.length + plans.length ? 2 : 3;
    const differing = [0, 0, 0, 0];
    a.forEach((line, i) => {
      if (line !== b[i]) differing[kindOf(i)]!++;
    });
    const byKind = kinds.map((k, i) => `${k} ${differing[i]}`).join(', ');
    const bytes =
      firstDiff < 0
        ? `identiques (${a.length} réponses, empreinte ${digest(a)})`
        : `**différents** (réponses différentes : ${byKind}) : d’abord ${what(firstDiff)}\n  avant : …${around(a[firstDiff] ?? '', b[firstDiff] ?? '')}\n  après : …${around(b[firstDiff] ?? '', a[firstDiff] ?? '')}`;
    console.log(`Octets de l’API : ${bytes}`);

    // 2 and 3. Speed, alternated.
    const batch: Record<string, number[]> = { avant: [], après: [] };
    const api: Record<string, number[]> = { avant: [], après: [] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const side = sides[i as 0 | 1];
        const cpu0 = childrenCpuSeconds();
        const run = spawnSync(
          process.execPath,
          ['bin/sans-couture.js', 'simulate', '--input', input, '--output', '/dev/null'],
          { cwd: side.dir, encoding: 'utf8' },
        );
        if (run.status !== 0) throw new Error(`simulate (${side.name}) a échoué : ${run.stderr}`);
        batch[side.name]?.push(childrenCpuSeconds() - cpu0);
      }
      for (const i of order) {
        const server = servers[i as 0 | 1]!;
        const side = sides[i as 0 | 1];
        const cpu0 = clockTicks(readStat(server.child.pid!));
        for (const body of estimations)
          await send(server.agent, server.baseUrl, 'POST', '/api/v1/estimations', body);
        api[side.name]?.push(((clockTicks(readStat(server.child.pid!)) - cpu0) / estimations.length) * 1e6);
      }
      console.log(
        `tour ${round + 1} : lot ${batch.avant?.at(-1)?.toFixed(2)} s / ${batch.après?.at(-1)?.toFixed(2)} s CPU ; API ${api.avant?.at(-1)?.toFixed(0)} / ${api.après?.at(-1)?.toFixed(0)} µs CPU par demande`,
      );
    }
    const ratio = (x: number[], y: number[]) => ((median(y) / median(x) - 1) * 100).toFixed(1);
    // The two sides of one round run back to back: the ratio within each round cancels the machine's slow drift
    // (a virtual machine's memory warming up, other work starting), which the ratio of the two medians does not.
    const paired = (x: number[], y: number[]) =>
      ((median(y.map((v, i) => v / (x[i] as number))) - 1) * 100).toFixed(1);
    console.log('');
    console.log(
      `| ${sides[0].rev} → ${sides[1].rev} | avant | après | écart des médianes | écart apparié (médiane des tours) |`,
    );
    console.log('|---|---|---|---|---|');
    console.log(
      `| octets de l’API (${a.length} réponses) | ${digest(a)} | ${digest(b)} | ${firstDiff < 0 ? 'aucun' : 'différents'} | |`,
    );
    if (rounds === 0) return; // --rounds 0: the bytes only (they do not depend on the machine's load)
    console.log(
      `| lot, ${households.toLocaleString('fr-FR')} foyers, CPU du processus (médiane de ${rounds}) | ${median(batch.avant!).toFixed(2)} s | ${median(batch.après!).toFixed(2)} s | ${ratio(batch.avant!, batch.après!)} % | ${paired(batch.avant!, batch.après!)} % |`,
    );
    console.log(
      `| API, CPU du serveur par estimation (médiane de ${rounds} × ${requestCount}) | ${median(api.avant!).toFixed(0)} µs | ${median(api.après!).toFixed(0)} µs | ${ratio(api.avant!, api.après!)} % | ${paired(api.avant!, api.après!)} % |`,
    );
  } finally {
    for (const server of servers) await server.stop();
    for (const side of sides)
      execFileSync('git', ['worktree', 'remove', '--force', side.dir], { cwd: rootDir, stdio: 'ignore' });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function readStat(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
}
