// Load scenarios (autocannon) against the real server process on a fresh PGlite DATA_DIR (or DATABASE_URL):
// the public pages, the estimation API (when the route exists), an agent's page — each reported as
// throughput, p50/p99 latency and errors, and as a ratio of a bare Fastify "hello world" measured in the
// same run. `--soak` runs the public mix for ten minutes (or --minutes N) and samples RSS and heap.
//
//   npm run bench -- load [--duration 10] [--connections 10] [--soak] [--minutes 10]
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import autocannon, { type Result } from 'autocannon';
import {
  createTarget,
  freePort,
  openTarget,
  rootDir,
  startServer,
  waitReady,
  type ServerProcess,
} from '../scripts/crash-test.ts';
import { createSession } from '../src/platform/auth/session.ts';
import { loadConfig } from '../src/config.ts';

interface Scenario {
  name: string;
  requests: { method?: string; path: string; headers?: Record<string, string>; body?: string }[];
}

interface Measured {
  scenario: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  ratio: number | null;
}

const estimationBody = JSON.stringify({
  month: '2026-05',
  commune: '46042',
  household: {
    couple: true,
    members: [
      { role: 'applicant', birthDate: '1990-04-12', monthlyNetEarnings: 0 },
      { role: 'partner', birthDate: '1989-01-30', monthlyNetEarnings: 1400 },
      { role: 'child', birthDate: '2021-09-01' },
    ],
    housing: { status: 'tenant', monthlyRent: 450 },
    annualResources: 18000,
    referenceTaxIncome: 17000,
  },
});

function option(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  return index >= 0 ? Number(argv[index + 1]) : fallback;
}

async function measure(
  baseUrl: string,
  scenario: Scenario,
  duration: number,
  connections: number,
): Promise<Result> {
  return autocannon({ url: baseUrl, connections, duration, requests: scenario.requests, timeout: 10 });
}

function summarise(scenario: string, result: Result, baseline: number | null): Measured {
  const rps = Math.round(result.requests.average);
  return {
    scenario,
    requestsPerSecond: rps,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    ratio: baseline ? Math.round((rps / baseline) * 1000) / 1000 : null,
  };
}

async function startHello(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/hello-server.ts'], {
    cwd: rootDir,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(baseUrl + '/')).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { baseUrl, stop: async () => void child.kill('SIGTERM') };
}

/** Resident set size of a process, in MiB, from /proc. */
function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

async function heapMiB(server: ServerProcess): Promise<number> {
  const text = await (await fetch(server.baseUrl + '/metrics')).text();
  const used = Number(/^sans_couture_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? 0);
  return Math.round(used / 104857.6) / 10;
}

/** Runs the load scenarios (or the soak) and prints a Markdown table. */
export async function runLoad(argv: string[]): Promise<void> {
  const duration = option(argv, '--duration', 10);
  const connections = option(argv, '--connections', 10);
  const soak = argv.includes('--soak');
  const minutes = option(argv, '--minutes', 10);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const target = await createTarget(config.databaseUrl ? 'postgresql' : 'pglite');
  if (config.databaseUrl) target.databaseUrl = config.databaseUrl;
  const env = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-secret-'.padEnd(40, 'x'),
    FILES_KEY: Buffer.alloc(32, 3).toString('base64'),
    SEED_DEMO: 'true',
    DEV_MAILBOX: 'false',
    RATE_LIMIT_API_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
  };
  // First start: migrations and the demo seed; then an agent's session is made while the server is down.
  let server = startServer(target, await freePort(), env);
  await waitReady(server, 180_000);
  server.child.kill('SIGTERM');
  await server.exited;
  const db = await openTarget(target);
  const helper = await db.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'aidant@demo.localhost')
    .executeTakeFirstOrThrow();
  const sessionToken = await createSession(db.db, { ...config, sessionTtlHours: 24 }, helper.id, 'bench');
  await db.close();
  server = startServer(target, await freePort(), env);
  await waitReady(server, 60_000);
  const hello = await startHello();
  try {
    const publicPages: Scenario = {
      name: 'pages publiques (/, /lieux, /lieux/:slug)',
      requests: [{ path: '/' }, { path: '/lieux' }, { path: '/lieux/france-services-catus' }],
    };
    if (soak) {
      await runSoak(server, publicPages, minutes, connections);
      return;
    }
    const scenarios: Scenario[] = [
      publicPages,
      { name: 'API des lieux (GET /api/v1/places)', requests: [{ path: '/api/v1/places' }] },
    ];
    const probe = await fetch(server.baseUrl + '/api/v1/estimations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: estimationBody,
    });
    if (probe.status === 404)
      console.log(
        'Note : POST /api/v1/estimations n’existe pas encore : scénario de l’API d’estimation ignoré.',
      );
    else {
      if (probe.status !== 200)
        console.log(`Note : POST /api/v1/estimations répond ${probe.status} à l’exemple du contrat.`);
      scenarios.push({
        name: 'API d’estimation (POST /api/v1/estimations)',
        requests: [
          {
            method: 'POST',
            path: '/api/v1/estimations',
            headers: { 'content-type': 'application/json' },
            body: estimationBody,
          },
        ],
      });
    }
    scenarios.push({
      name: 'page d’un agent (/espace/aidant, connecté)',
      requests: [{ path: '/espace/aidant', headers: { cookie: `sc_session=${sessionToken}` } }],
    });

    // Warm-up, then the baseline, then each scenario, then the baseline again: the ratio uses their mean.
    await measure(hello.baseUrl, { name: 'warm-up', requests: [{ path: '/' }] }, 2, connections);
    const helloBefore = await measure(
      hello.baseUrl,
      { name: 'hello', requests: [{ path: '/' }] },
      duration,
      connections,
    );
    const results: { scenario: Scenario; result: Result }[] = [];
    for (const scenario of scenarios) {
      await measure(server.baseUrl, scenario, 2, connections);
      results.push({ scenario, result: await measure(server.baseUrl, scenario, duration, connections) });
    }
    const helloAfter = await measure(
      hello.baseUrl,
      { name: 'hello', requests: [{ path: '/' }] },
      duration,
      connections,
    );
    const baseline = (helloBefore.requests.average + helloAfter.requests.average) / 2;
    const rows = [
      summarise(
        'Fastify « hello world » (référence)',
        { ...helloBefore, requests: { ...helloBefore.requests, average: baseline } },
        baseline,
      ),
      ...results.map((r) => summarise(r.scenario.name, r.result, baseline)),
    ];
    console.log(
      `\n${connections} connexions, ${duration} s par scénario, base ${target.databaseUrl ? 'PostgreSQL' : 'PGlite'}, Node ${process.version}\n`,
    );
    console.log('| scénario | req/s | p50 (ms) | p99 (ms) | erreurs | ratio / hello world |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows)
      console.log(
        `| ${row.scenario} | ${row.requestsPerSecond} | ${row.p50} | ${row.p99} | ${row.errors} | ${row.ratio ?? ''} |`,
      );
  } finally {
    await hello.stop();
    server.child.kill('SIGTERM');
    await server.exited;
    await target.dispose();
  }
}

async function runSoak(
  server: ServerProcess,
  scenario: Scenario,
  minutes: number,
  connections: number,
): Promise<void> {
  const samples: { at: number; rss: number; heap: number }[] = [];
  const started = Date.now();
  const sample = async () =>
    samples.push({
      at: Math.round((Date.now() - started) / 1000),
      rss: rssMiB(server.child.pid!),
      heap: await heapMiB(server),
    });
  await sample();
  const timer = setInterval(() => void sample(), 10_000);
  const result = await measure(server.baseUrl, scenario, minutes * 60, connections);
  clearInterval(timer);
  await sample();
  const minute = (from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to);
  const mean = (list: { rss: number }[]) =>
    list.reduce((sum, s) => sum + s.rss, 0) / Math.max(1, list.length);
  const early = mean(minute(60, 120));
  const late = mean(minute((minutes - 1) * 60, minutes * 60 + 30));
  console.log(`\nEndurance : ${minutes} min, ${scenario.name}, ${connections} connexions`);
  console.log(
    `débit moyen ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, erreurs ${result.errors + result.timeouts + result.non2xx}`,
  );
  console.log('| t (s) | RSS (Mio) | tas utilisé (Mio) |');
  console.log('|---:|---:|---:|');
  for (const s of samples.filter((_, i) => i % 6 === 0 || i === samples.length - 1))
    console.log(`| ${s.at} | ${s.rss} | ${s.heap} |`);
  const growth = early > 0 ? Math.round(((late - early) / early) * 1000) / 10 : 0;
  console.log(
    `RSS moyenne de la 2e minute : ${early.toFixed(1)} Mio ; de la dernière : ${late.toFixed(1)} Mio (${growth >= 0 ? '+' : ''}${growth} %)`,
  );
}
