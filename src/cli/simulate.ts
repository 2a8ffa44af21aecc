// The batch: one estimation per JSONL line, in order, spread over worker threads (one per core). The main
// thread reads, dispatches chunks, and writes answers back in input order as they become contiguous.
import fs from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { bundleWorker } from './worker-bundle.ts';
import { openAnswerFile } from './answer-file.ts';

export interface SimulateOptions {
  input: string;
  output: string;
  /** Worker threads; defaults to the cores available. */
  workers?: number;
  /** Lines per message to a worker: large enough to amortise messaging, small enough to balance. */
  chunkSize?: number;
  /** Called with (done, total) as lines are written. */
  onProgress?: (done: number, total: number) => void;
  /** Set to false to write through the page cache even where direct writes work (tests compare both). */
  direct?: boolean;
}

export interface SimulateSummary {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
}

/** Counts the lines of a file (the total of the progress bar) without holding it in memory. */
export async function countLines(file: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) count++;
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
  }
  return last === 10 ? count : count + 1;
}

const workerSource = new URL('./simulate-worker.ts', import.meta.url);
// Used when the bundle cannot be written (read-only installation): registers tsx in each worker instead.
const workerFallback = new URL('./simulate-worker-entry.mjs', import.meta.url);

async function workerEntry(): Promise<{ url: URL; bundled: boolean }> {
  try {
    return { url: await bundleWorker(workerSource, 'simulate-worker'), bundled: true };
  } catch {
    return { url: workerFallback, bundled: false };
  }
}

/** Runs the batch; resolves with the summary once every answer is written. */
export async function simulate(options: SimulateOptions): Promise<SimulateSummary> {
  const started = performance.now();
  const total = await countLines(options.input);
  const workerCount = Math.max(1, options.workers ?? os.availableParallelism());
  const chunkSize = options.chunkSize ?? 256;
  const out = openAnswerFile(options.output, { direct: options.direct });
  const entry = await workerEntry();
  const workers = Array.from({ length: workerCount }, () => new Worker(entry.url));
  try {
    await Promise.all(workers.map((w) => once(w, 'message')));
  } finally {
    // Loaded by every worker once ready: the bundle is no longer needed.
    if (entry.bundled) fs.rmSync(entry.url, { force: true });
  }

  const pending = new Map<number, { bytes: Uint8Array; count: number; worker: Worker }>();
  let nextToWrite = 0;
  let written = 0;
  let errors = 0;
  let inFlight = 0;
  const maxInFlight = workerCount * 4;
  let resume: (() => void) | undefined;
  let failure: Error | undefined;
  let stopped = false;

  const writeReady = () => {
    let chunk = pending.get(nextToWrite);
    while (chunk) {
      pending.delete(nextToWrite);
      nextToWrite++;
      if (chunk.count > 0) {
        const { bytes, worker } = chunk;
        // Once copied or on disk, the buffer goes back to its worker for a later chunk.
        out.write(bytes, () => {
          if (!stopped) worker.postMessage({ spare: bytes.buffer }, [bytes.buffer as ArrayBuffer]);
        });
      }
      written += chunk.count;
      chunk = pending.get(nextToWrite);
    }
    options.onProgress?.(written, total);
  };

  for (const worker of workers) {
    worker.on('message', (message: { seq: number; bytes: Uint8Array; count: number; errors: number }) => {
      inFlight--;
      errors += message.errors;
      pending.set(message.seq, { bytes: message.bytes, count: message.count, worker });
      writeReady();
      resume?.();
    });
    worker.on('error', (error) => {
      failure = error;
      resume?.();
    });
  }

  const input = readline.createInterface({ input: fs.createReadStream(options.input), crlfDelay: Infinity });
  let seq = 0;
  let lineNumber = 0;
  let lines: string[] = [];
  let firstLine = 1;
  const dispatch = async () => {
    const worker = workers[seq % workerCount] as Worker;
    worker.postMessage({ seq, firstLine, lines });
    seq++;
    inFlight++;
    lines = [];
    firstLine = lineNumber + 1;
    // Waits while the workers have enough work, or while answers wait for the disk.
    while ((inFlight >= maxInFlight || out.backlog() >= maxInFlight) && !failure)
      await new Promise<void>((r) => (resume = r));
  };
  out.onDrain = () => resume?.();
  out.onError = (error) => {
    failure ??= error;
    resume?.();
  };
  for await (const line of input) {
    lineNumber++;
    lines.push(line);
    if (lines.length >= chunkSize) await dispatch();
    if (failure) break;
  }
  if (lines.length > 0 && !failure) await dispatch();
  while (inFlight > 0 && !failure) await new Promise<void>((r) => (resume = r));
  stopped = true;
  await Promise.all(workers.map((w) => w.terminate()));
  await out.close();
  if (failure) throw failure;
  const seconds = (performance.now() - started) / 1000;
  return { count: written, errors, seconds, perSecond: written / seconds };
}
