// The durable job queue: jobs are rows, claimed with `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)
// RETURNING`, so several workers (or app instances) never run one job at the same time. A job whose worker
// died is claimed again once its lease expires. Works the same on PGlite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.ts';
import './tables.ts';

/** A job as a handler sees it. */
export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  idempotencyKey: string | null;
}

/** What a handler may use: the database and the clock of the run. */
export interface JobContext {
  db: Db;
  now: Date;
}

export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** A job with the same key is never created twice (the second enqueue is a no-op). */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job; returns its id, or null when a job with the same idempotency key already exists. */
export async function enqueue(
  db: Executor,
  kind: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      idempotency_key: options.idempotencyKey ?? null,
      run_at: options.runAt ?? new Date(),
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
      locked_until: null,
      locked_by: null,
      last_error: null,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').where('idempotency_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Delay before the next attempt: 30 s, 1 min, 2 min… capped at 6 h. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);
}

export interface QueueOptions {
  /** How long a claimed job stays reserved to its worker; after that another worker may take it again. */
  leaseSeconds?: number;
  batchSize?: number;
}

/** Runs the jobs of a database with the registered handlers. */
export class JobQueue {
  readonly workerId = randomUUID();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseSeconds: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Db,
    options: QueueOptions = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 300;
    this.batchSize = options.batchSize ?? 10;
  }

  /** Registers the handler of a job kind (one per kind). */
  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job handler already registered: ${kind}`);
    this.handlers.set(kind, handler);
  }

  /** Adds a job (see `enqueue`). */
  enqueue(kind: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<number | null> {
    return enqueue(this.db, kind, payload, options);
  }

  /** Claims up to `batchSize` due jobs of known kinds for this worker. */
  async claim(now: Date = new Date()): Promise<Job[]> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const lease = new Date(now.getTime() + this.leaseSeconds * 1000);
    const rows = await this.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: sql`attempts + 1`, locked_until: lease, locked_by: this.workerId })
      .where('id', 'in', (qb) =>
        qb
          .selectFrom('jobs')
          .select('id')
          .where('kind', 'in', kinds)
          .where((eb) =>
            eb.or([
              eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
              // A worker that crashed left its job running: take it again once the lease is over.
              eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
            ]),
          )
          .orderBy('run_at')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'kind', 'payload', 'attempts', 'idempotency_key'])
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      attempts: r.attempts,
      idempotencyKey: r.idempotency_key,
    }));
  }

  /** Claims and runs the due jobs once; returns how many ran (succeeded or failed). */
  async runDue(now: Date = new Date()): Promise<number> {
    const jobs = await this.claim(now);
    for (const job of jobs) await this.runOne(job, now);
    return jobs.length;
  }

  private async runOne(job: Job, now: Date): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for ${job.kind}`);
      await handler(job, { db: this.db, now });
      await this.db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: new Date(), locked_until: null, last_error: null })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.workerId)
        .execute();
    } catch (error) {
      // Only the error's class and message are kept: handlers never put personal data in their errors.
      const message =
        error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'unknown error';
      const row = await this.db
        .selectFrom('jobs')
        .select('max_attempts')
        .where('id', '=', job.id)
        .executeTakeFirst();
      const final = job.attempts >= (row?.max_attempts ?? 1);
      await this.db
        .updateTable('jobs')
        .set({
          status: final ? 'failed' : 'pending',
          run_at: new Date(now.getTime() + backoffSeconds(job.attempts) * 1000),
          locked_until: null,
          locked_by: null,
          last_error: message,
          finished_at: final ? new Date() : null,
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.workerId)
        .execute();
    }
  }
}
