// Rights estimation benchmarks, all measured in the same run (so that their ratio holds even on a busy
// machine):
//  1. the batch: `sans-couture simulate` as a whole process on N generated households (worker threads);
//  2. the naive loop: plain Publicodes setSituation + evaluate for every benefit, one thread;
//  3. the API: POST /api/v1/estimations on the real server, 50 concurrent clients (autocannon), p50/p99;
//  4. memory over 100,000 estimations in one process (heap after GC, RSS), sampled every 10,000.
// Before them, the benefits each answer holds and how often each is due among the batch's first households (the
// same generator and seed): a benefit the households never reach would not be measured.
// CPU time is reported beside wall time: on a shared machine, wall time also counts other people's work.
//
//   npm run bench:rights   (= npm run bench -- rights, every default below)
//   npm run bench -- rights [--households 100000] [--naive 300] [--duration 15] [--connections 50] [--memory 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon, { type Result } from 'autocannon';
import { createTarget, freePort, rootDir, startServer, waitReady } from '../scripts/crash-test.ts';
import { householdGenerator } from '../src/features/rights/household-generator.ts';
import { countLines } from '../src/cli/simulate.ts';
import { runClients } from './clients.ts';
import {
  createEstimator,
  estimate,
  plainEvaluator,
  type Evaluator,
} from '../src/features/rights/estimate.ts';

function option(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  return index >= 0 ? Number(argv[index + 1]) : fallback;
}

/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux). */
function childrenCpuSeconds(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", field 3 is state: cutime and cstime are fields 16 and 17 → indexes 13 and 14 here.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
}

async function batch(households: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-rights-bench-'));
  const input = path.join(dir, 'households.jsonl');
  const output = path.join(dir, 'results.jsonl');
  const generate = householdGenerator(2026);
  const lines: string[] = [];
  for (let i = 0; i < households; i++) lines.push(JSON.stringify(generate()));
  fs.writeFileSync(input, lines.join('\n') + '\n');
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['bin/sans-couture.js', 'simulate', '--input', input, '--output', output],
    { cwd: rootDir, encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = childrenCpuSeconds() - cpuBefore;
  if (run.status !== 0) throw new Error(`simulate a échoué : ${run.stderr}`);
  const written = await countLines(output); // streamed: 100,000 answers weigh 1.7 GB
  if (written !== households)
    throw new Error(`simulate a écrit ${written} réponses pour ${households} foyers`);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    households,
    written,
    seconds,
    cpu,
    perSecond: households / seconds,
    perCpuSecond: households / cpu,
    summary: run.stderr.trim(),
  };
}

/** The benefits of each answer, and for each the share of households it is due to (first `count` of the batch). */
function coverage(count: number) {
  const generate = householdGenerator(2026);
  const due = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    for (const result of estimate(generate()).benefits) {
      due.set(result.id, (due.get(result.id) ?? 0) + (result.eligible === true ? 1 : 0));
    }
  }
  return [...due].map(([id, n]) => ({ id, share: n / count }));
}

function naive(count: number) {
  // Every rule of every benefit evaluated by the plain engine, as a first version would (the estimator itself
  // asks for an amount only when the benefit is due).
  const plain = plainEvaluator();
  const eager: Evaluator = {
    evaluate: plain.evaluate,
    open(situation, rules) {
      const values = plain.evaluate(situation, rules);
      return (i) => values[i];
    },
  };
  const estimateWith = createEstimator(eager);
  const generate = householdGenerator(2026);
  const requests = Array.from({ length: count }, generate);
  estimateWith(requests[0]!); // the engine is built outside the measure, as the batch builds it once too
  const cpu0 = cpuSeconds();
  const started = performance.now();
  for (const request of requests) estimateWith(request);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpu0;
  return { count, seconds, cpu, perSecond: count / seconds, perCpuSecond: count / cpu };
}

async function api(duration: number, connections: number) {
  const target = await createTarget('pglite');
  const server = startServer(target, await freePort(), {
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-'.padEnd(40, 'x'),
    FILES_KEY: Buffer.alloc(32, 3).toString('base64'),
    SEED_DEMO: 'false',
    RATE_LIMIT_API_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
  });
  try {
    await waitReady(server, 180_000);
    const generate = householdGenerator(99);
    // Varied households (not one body repeated): 2,000 different requests in rotation.
    const requests = Array.from({ length: 2000 }, () => ({
      method: 'POST',
      path: '/api/v1/estimations',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(generate()),
    }));
    await autocannon({ url: server.baseUrl, connections: 10, duration: 3, requests });
    const summarise = (result: Result) => ({
      requestsPerSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    });
    // 50 clients, each pausing a random 100 ms on average between an answer and its next request (about 10
    // requests per second each, 500 per second in all — 43 million a day): what a resident's browser or a
    // partner's system sees under a heavy real load.
    const paced = await runClients(server.baseUrl, requests, {
      clients: connections,
      seconds: duration,
      thinkMs: 100,
    });
    // The same 50 clients with no pause at all: the server's ceiling (latency is then mostly queueing).
    const saturated = summarise(
      await autocannon({ url: server.baseUrl, connections, duration, requests, timeout: 10 }),
    );
    return { connections, duration, paced, saturated };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await target.dispose();
  }
}

function memory(total: number) {
  v8.setFlagsFromString('--expose_gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const generate = householdGenerator(7);
  const samples: { done: number; heapMiB: number; rssMiB: number }[] = [];
  const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  for (let done = 0; done <= total; done++) {
    if (done % 10_000 === 0 || done === total) {
      gc();
      const m = process.memoryUsage();
      samples.push({ done, heapMiB: mib(m.heapUsed), rssMiB: mib(m.rss) });
      console.log(`mémoire après ${done} estimations : tas ${mib(m.heapUsed)} Mio, RSS ${mib(m.rss)} Mio`);
    }
    if (done < total) estimate(generate());
  }
  return samples;
}

/** Runs every rights measurement and prints a Markdown report. */
export async function runRights(argv: string[]): Promise<void> {
  const households = option(argv, '--households', 100_000);
  const naiveCount = option(argv, '--naive', 300);
  const duration = option(argv, '--duration', 15);
  const connections = option(argv, '--connections', 50);
  const memoryCount = option(argv, '--memory', 100_000);
  const startedAt = new Date().toISOString();
  const load = [loadAverage()];

  const f = (x: number) => Math.round(x).toLocaleString('fr-FR');
  // Each measure is printed as soon as it is taken: on a busy machine the whole run can take long.
  console.log(`Banc « droits » — ${startedAt} — ${os.cpus().length} cœurs, charge au départ ${load[0]}`);
  const covered = coverage(2000);
  const pct = (x: number) => `${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;
  const coverageText = covered.map((c) => `${c.id} ${pct(c.share)}`).join(', ');
  console.log(
    `${covered.length} aides par réponse, part des 2 000 premiers foyers à qui chacune est due : ${coverageText}`,
  );
  const b = await batch(households);
  load.push(loadAverage());
  console.log(
    `lot : ${b.summary} ; processus entier ${b.seconds.toFixed(2)} s, CPU ${b.cpu.toFixed(1)} s → ${f(b.perCpuSecond)} foyers par seconde CPU`,
  );
  const n = naive(naiveCount);
  load.push(loadAverage());
  console.log(
    `boucle naïve : ${naiveCount} foyers en ${n.seconds.toFixed(2)} s (${f(n.perSecond)}/s), CPU ${n.cpu.toFixed(2)} s (${f(n.perCpuSecond)} par seconde CPU)`,
  );
  const a = await api(duration, connections);
  load.push(loadAverage());
  console.log(`API : ${JSON.stringify(a)}`);
  const m = memory(memoryCount);
  load.push(loadAverage());

  const lines = [
    '',
    `| mesure | valeur |`,
    `|---|---|`,
    `| aides dans chaque réponse (part des 2 000 premiers foyers du lot à qui chacune est due) | ${covered.length} : ${coverageText} |`,
    `| lot : ${f(b.households)} foyers, processus entier (\`sans-couture simulate\`) | ${b.seconds.toFixed(2)} s → **${f(b.perSecond)} foyers/s** (temps CPU ${b.cpu.toFixed(1)} s → ${f(b.perCpuSecond)} foyers par seconde CPU) |`,
    `| boucle naïve Publicodes (setSituation + evaluate, un fil), ${naiveCount} foyers | ${f(n.perSecond)} foyers/s (${f(n.perCpuSecond)} par seconde CPU) |`,
    `| rapport lot / boucle naïve | **× ${(b.perSecond / n.perSecond).toFixed(0)}** (par seconde CPU : × ${(b.perCpuSecond / n.perCpuSecond).toFixed(0)}) |`,
    `| API POST /api/v1/estimations, ${a.connections} clients avec une pause moyenne de 100 ms, ${a.duration} s | ${f(a.paced.requestsPerSecond)} req/s, p50 **${a.paced.p50} ms**, p90 ${a.paced.p90} ms, p99 **${a.paced.p99} ms**, max ${a.paced.max} ms, ${a.paced.errors} erreur(s) |`,
    `| API POST /api/v1/estimations, ${a.connections} clients sans pause (saturation), ${a.duration} s | ${f(a.saturated.requestsPerSecond)} req/s, p50 ${a.saturated.p50} ms, p99 ${a.saturated.p99} ms, ${a.saturated.errors} erreur(s) |`,
    `| mémoire sur ${f(memoryCount)} estimations (tas après GC, RSS) | ${m.map((s) => `${s.done / 1000}k : ${s.heapMiB} / ${s.rssMiB} Mio`).join(' ; ')} |`,
    `| charge moyenne (1 min) au fil du banc | ${load.join(' → ')} |`,
  ];
  console.log(lines.join('\n'));
}
