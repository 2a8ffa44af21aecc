// Start-to-ready time of `npm start`: from the command to the first 200 of /healthz, on a fresh DATA_DIR
// (migrations, seed) and on an existing one, median of 5 runs each (issue 2: under 10 s once installed).
//
//   npm run bench -- startup [--runs 5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, rootDir } from '../scripts/crash-test.ts';

/** CPU seconds (user + system) used so far by every process of a process group, from /proc. */
function groupCpuSeconds(pgid: number): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function startOnce(dataDir: string): Promise<{ wall: number; cpu: number }> {
  const port = await freePort();
  const started = performance.now();
  // `npm start` itself (npm, then tsx, then the server), in its own process group to stop all of it.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: rootDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEV_MAILBOX: 'false',
      DATABASE_URL: '',
    },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      try {
        if (
          (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).status ===
          200
        ) {
          return { wall: performance.now() - started, cpu: groupCpuSeconds(child.pid!) * 1000 };
        }
      } catch {
        // not yet
      }
      if (performance.now() - started > 300_000) throw new Error('pas prêt après 300 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Measures and prints the start-to-ready times. */
export async function runStartup(argv: string[]): Promise<void> {
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
  const fresh: { wall: number; cpu: number }[] = [];
  const existing: { wall: number; cpu: number }[] = [];
  const folders: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-startup-'));
      folders.push(dataDir);
      fresh.push(await startOnce(dataDir));
    }
    for (let i = 0; i < runs; i++) existing.push(await startOnce(folders[0]!));
  } finally {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  }
  const s = (ms: number) => (ms / 1000).toFixed(1).replace('.', ',') + ' s';
  console.log(
    `Démarrage jusqu’à /healthz 200 (npm start, PGlite, Node ${process.version}, charge ${os.loadavg()[0]!.toFixed(1)}, ${os.cpus().length} cœurs)`,
  );
  // On a loaded machine the wall time waits for the CPU; the CPU time used is what an idle machine would wait.
  console.log(`| DATA_DIR | médiane (horloge) | médiane (temps CPU) | mesures (horloge / CPU) |`);
  console.log(`|---|---:|---:|---|`);
  for (const [label, list] of [
    ['neuf (migrations et données)', fresh],
    ['existant', existing],
  ] as const) {
    console.log(
      `| ${label} | ${s(median(list.map((m) => m.wall)))} | ${s(median(list.map((m) => m.cpu)))} | ${list.map((m) => `${s(m.wall)} / ${s(m.cpu)}`).join(' ; ')} |`,
    );
  }
}
