// Crash test: starts the real server (src/server.ts, one Node process) on a temporary DATA_DIR or a fresh
// PostgreSQL database, streams writes at it, kills it with SIGKILL in the middle of the stream, restarts it,
// and checks that every acknowledged write is there and that nothing is half-written. Ten rounds per kind.
//
//   npx tsx scripts/crash-test.ts [--kind pglite|postgresql|all] [--rounds 10]
//
// PostgreSQL needs TEST_DATABASE_URL (an account allowed to create databases). Writes are "cases" of the
// `crashCases` list below: each one prepares its data while the server is down, sends one write over HTTP
// and says which answers acknowledge it, then checks the acknowledged writes and the all-or-nothing
// invariant of every write. Add a case when a feature adds a write (shared cases, messages, plans saved).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Db } from '../src/platform/db/database.ts';
import { hashToken, newToken, sign } from '../src/platform/auth/tokens.ts';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sessionSecret = 'crash-test-secret-' + 'x'.repeat(32);

export type Kind = 'pglite' | 'postgresql';

/** Where the server under test keeps its data. */
export interface Target {
  kind: Kind;
  dataDir: string;
  databaseUrl?: string;
  /** Removes the temporary folder or database. */
  dispose(): Promise<void>;
}

/** A running server process. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free TCP port on 127.0.0.1 (the port is released just before the server takes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Creates a temporary DATA_DIR, and on PostgreSQL a fresh database. */
export async function createTarget(kind: Kind): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-crash-'));
  if (kind === 'pglite')
    return { kind, dataDir, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL est nécessaire pour le test sur PostgreSQL');
  const name = `sc_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  return {
    kind,
    dataDir,
    databaseUrl: url.toString(),
    dispose: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts src/server.ts in one Node process (no tsx wrapper process, so that SIGKILL kills the server itself). */
export function startServer(target: Target, port: number, env: NodeJS.ProcessEnv = {}): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: rootDir,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: target.dataDir,
      DATABASE_URL: target.databaseUrl ?? '',
      SESSION_SECRET: sessionSecret,
      DEV_MAILBOX: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Waits until /healthz answers 200, or throws with the server's output. */
export async function waitReady(server: ServerProcess, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (performance.now() - started < timeoutMs) {
    if (exited) throw new Error(`le serveur s’est arrêté au démarrage :\n${server.output()}`);
    try {
      const response = await fetch(server.baseUrl + '/healthz', { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.child.kill('SIGKILL');
  throw new Error(`le serveur n’est pas prêt après ${timeoutMs} ms :\n${server.output()}`);
}

/** Opens the target's database directly (the server must be stopped when it is PGlite). */
export async function openTarget(target: Target): Promise<DatabaseHandle> {
  return target.databaseUrl
    ? openDatabase({ databaseUrl: target.databaseUrl, poolSize: 2 })
    : openDatabase({ dataDir: target.dataDir });
}

/** One kind of write the crash test streams. */
export interface CrashCase<Item> {
  name: string;
  /** Prepares `count` writes while the server is down (rows they need, tokens…). */
  prepare(db: Db, round: number, count: number): Promise<Item[]>;
  /** Sends one write; true when the server acknowledged it (the user was told it is done). */
  send(baseUrl: string, item: Item): Promise<boolean>;
  /** Problems: acknowledged writes missing, and writes present only in part. */
  check(db: Db, items: Item[], acknowledged: Set<Item>): Promise<string[]>;
}

interface LoginItem {
  userId: string;
  email: string;
  token: string;
}

const anonCookie = 'crash' + 'A'.repeat(38);

/**
 * Logging in with a magic link: one transaction marks the token used, activates the account and journals
 * the login; then the session is opened, then 303. Acknowledged: the token is used, the login journaled,
 * the session exists. Never half-written: a used token always has its journal row, and the reverse.
 */
export const magicLinkLogin: CrashCase<LoginItem> = {
  name: 'connexion par lien magique',
  async prepare(db, round, count) {
    const items: LoginItem[] = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < count; i++) {
        const email = `crash-${round}-${i}-${randomBytes(3).toString('hex')}@crash.localhost`;
        const user = await trx
          .insertInto('users')
          .values({
            email,
            display_name: `Essai ${round}-${i}`,
            role: 'resident',
            organisation_id: null,
            status: 'invited',
            oidc_subject: null,
            last_login_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const token = newToken();
        await trx
          .insertInto('login_tokens')
          .values({
            token_hash: hashToken(token),
            user_id: user.id,
            expires_at: new Date(Date.now() + 3600_000),
            used_at: null,
            redirect_to: null,
          })
          .execute();
        items.push({ userId: user.id, email, token });
      }
    });
    return items;
  },
  async send(baseUrl, item) {
    const body = new URLSearchParams({
      _csrf: sign(sessionSecret, 'csrf:anon:' + anonCookie),
      jeton: item.token,
    });
    const response = await fetch(baseUrl + '/connexion/lien', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `sc_anon=${anonCookie}` },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (response.status === 303) return true;
    throw new Error(`réponse inattendue ${response.status} pour une connexion valide`);
  },
  async check(db, items, acknowledged) {
    const problems: string[] = [];
    const ids = items.map((i) => i.userId);
    if (ids.length === 0) return problems;
    const used = new Set(
      (
        await db
          .selectFrom('login_tokens')
          .select('user_id')
          .where('user_id', 'in', ids)
          .where('used_at', 'is not', null)
          .execute()
      ).map((r) => r.user_id),
    );
    const journaled = new Set(
      (
        await db
          .selectFrom('audit_journal')
          .select('actor_id')
          .where('actor_id', 'in', ids)
          .where('action', '=', 'login')
          .execute()
      ).map((r) => r.actor_id!),
    );
    const active = new Set(
      (
        await db
          .selectFrom('users')
          .select('id')
          .where('id', 'in', ids)
          .where('status', '=', 'active')
          .execute()
      ).map((r) => r.id),
    );
    const withSession = new Set(
      (await db.selectFrom('sessions').select('user_id').where('user_id', 'in', ids).execute()).map(
        (r) => r.user_id,
      ),
    );
    for (const item of items) {
      const parts = [used.has(item.userId), journaled.has(item.userId), active.has(item.userId)];
      if (acknowledged.has(item) && !(parts.every(Boolean) && withSession.has(item.userId))) {
        problems.push(
          `connexion acquittée perdue : ${item.email} (jeton utilisé ${parts[0]}, journal ${parts[1]}, compte actif ${parts[2]}, session ${withSession.has(item.userId)})`,
        );
      }
      if (parts.some(Boolean) && !parts.every(Boolean))
        problems.push(`connexion à moitié écrite : ${item.email} (${parts.join(', ')})`);
    }
    return problems;
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of cases, each typed on its own
export const crashCases: CrashCase<any>[] = [magicLinkLogin];

/** What one kind's run found. */
export interface CrashReport {
  kind: Kind;
  rounds: number;
  acknowledged: number;
  sent: number;
  problems: string[];
  restartMs: number[];
  seconds: number;
}

/** Runs the crash rounds on one kind of database. */
export async function runCrashTest(
  kind: Kind,
  options: { rounds?: number; perRound?: number; concurrency?: number; log?: (line: string) => void } = {},
): Promise<CrashReport> {
  const rounds = options.rounds ?? 10;
  const perRound = options.perRound ?? 200;
  const concurrency = options.concurrency ?? 8;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const target = await createTarget(kind);
  const report: CrashReport = {
    kind,
    rounds,
    acknowledged: 0,
    sent: 0,
    problems: [],
    restartMs: [],
    seconds: 0,
  };
  // Every item of every round, with its acknowledgement: checked once after the last crash, so that a
  // later crash cannot lose what an earlier round acknowledged either.
  const history = crashCases.map(() => ({ items: [] as unknown[], acknowledged: new Set<unknown>() }));
  try {
    // First start: migrations and seed; then every round's writes are prepared at once, server down.
    let server = startServer(target, await freePort());
    await waitReady(server, 300_000);
    server.child.kill('SIGTERM');
    await server.exited;
    const batches: unknown[][][] = [];
    const db = await openTarget(target);
    try {
      for (const crashCase of crashCases) {
        const perCase: unknown[][] = [];
        for (let round = 1; round <= rounds; round++)
          perCase.push(await crashCase.prepare(db.db, round, perRound));
        batches.push(perCase);
      }
    } finally {
      await db.close();
    }
    for (let round = 1; round <= rounds + 1; round++) {
      server = startServer(target, await freePort());
      report.restartMs.push(Math.round(await waitReady(server, 180_000)));
      if (round > rounds) {
        // The last restart only proves the server comes back after the last crash.
        server.child.kill('SIGTERM');
        await server.exited;
        break;
      }
      // Kill after a random number of acknowledgements, while writes are in flight.
      const killAfter = 20 + Math.floor(Math.random() * (perRound / 2));
      let acknowledgedThisRound = 0;
      let killed = false;
      const queue = crashCases.flatMap((crashCase, index) =>
        batches[index]![round - 1]!.map((item) => ({ index, crashCase, item })),
      );
      for (const { index, item } of queue) history[index]!.items.push(item);
      const worker = async () => {
        while (queue.length > 0 && !killed) {
          const { index, crashCase, item } = queue.shift()!;
          report.sent++;
          try {
            if (await crashCase.send(server.baseUrl, item)) {
              history[index]!.acknowledged.add(item);
              report.acknowledged++;
              if (++acknowledgedThisRound >= killAfter && !killed) {
                killed = true;
                server.child.kill('SIGKILL');
              }
            }
          } catch (error) {
            // A write cut by the crash is not acknowledged; anything else while the server runs is a bug.
            if (!killed) report.problems.push(`${kind}, manche ${round} : ${(error as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      if (!killed) server.child.kill('SIGKILL');
      const exit = await server.exited;
      if (exit.signal !== 'SIGKILL')
        report.problems.push(
          `${kind}, manche ${round} : le serveur s’est arrêté seul (${exit.code}) :\n${server.output()}`,
        );
      log(
        `${kind} manche ${round}/${rounds} : ${acknowledgedThisRound} écritures acquittées avant SIGKILL, redémarrage en ${report.restartMs.at(-1)} ms`,
      );
    }
    // Every acknowledged write of every round is there, and none is half-written.
    const check = await openTarget(target);
    try {
      for (const [index, crashCase] of crashCases.entries()) {
        report.problems.push(
          ...(await crashCase.check(check.db, history[index]!.items, history[index]!.acknowledged)).map(
            (p) => `${kind} : ${p}`,
          ),
        );
      }
    } finally {
      await check.close();
    }
  } finally {
    await target.dispose();
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

async function main(argv: string[]): Promise<number> {
  const kindArg = argv[argv.indexOf('--kind') + 1] ?? 'all';
  const rounds = argv.includes('--rounds') ? Number(argv[argv.indexOf('--rounds') + 1]) : 10;
  const kinds: Kind[] =
    argv.includes('--kind') && kindArg !== 'all'
      ? [kindArg as Kind]
      : process.env.TEST_DATABASE_URL
        ? ['pglite', 'postgresql']
        : ['pglite'];
  let failed = false;
  for (const kind of kinds) {
    const report = await runCrashTest(kind, { rounds, log: (line) => console.log(line) });
    console.log(
      `${kind} : ${report.rounds} manches, ${report.sent} écritures envoyées, ${report.acknowledged} acquittées, ${report.problems.length} problème(s), ${report.seconds} s`,
    );
    for (const problem of report.problems) console.log('  ✗ ' + problem);
    failed ||= report.problems.length > 0;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
