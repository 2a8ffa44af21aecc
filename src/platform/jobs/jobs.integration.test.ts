// The durable jobs on a real database: claims never overlap, failures come back later with backoff, a dead
// worker's job is taken again after its lease, periods are enqueued once, and a mail server that is down
// delays mail without losing it or sending it twice (real SMTP server).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, databaseKinds, testConfig, type TestApp } from '../../../test/helpers.ts';
import { DevMailbox } from '../mail/dev-mailbox.ts';
import { JobQueue, backoffSeconds } from './queue.ts';
import { queueMail } from './mail.ts';
import { enqueueScheduled, periodOf } from './schedule.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

for (const kind of databaseKinds) {
  describe(`jobs on ${kind}`, () => {
    let t: TestApp;
    let smtpPort: number;
    beforeAll(async () => {
      smtpPort = await freePort();
      // Nothing listens on this port yet: the mail server is "down".
      t = await buildTestApp({
        kind,
        config: { devMailbox: false, smtp: { ...testConfig().smtp, port: smtpPort } },
      });
    }, 180_000);
    afterAll(async () => {
      await t?.close();
    });

    it('creates a job once per idempotency key', async () => {
      const q = new JobQueue(t.db);
      const first = await q.enqueue('test.once', { n: 1 }, { idempotencyKey: 'once-1' });
      const second = await q.enqueue('test.once', { n: 2 }, { idempotencyKey: 'once-1' });
      expect(first).toBeTypeOf('number');
      expect(second).toBeNull();
      expect(
        await t.db.selectFrom('jobs').selectAll().where('idempotency_key', '=', 'once-1').execute(),
      ).toHaveLength(1);
    });

    it('never gives one job to two workers claiming at the same time', async () => {
      const a = new JobQueue(t.db, { batchSize: 7 });
      const b = new JobQueue(t.db, { batchSize: 7 });
      for (const q of [a, b]) q.register('test.claim', async () => undefined);
      for (let i = 0; i < 20; i++) await a.enqueue('test.claim', { i });
      const claimed = await Promise.all([a.claim(), b.claim(), a.claim(), b.claim()]);
      const ids = claimed.flat().map((j) => j.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
    });

    it('retries a failing job later with backoff, then gives up after max attempts', async () => {
      const q = new JobQueue(t.db);
      let calls = 0;
      q.register('test.flaky', async () => {
        calls++;
        if (calls === 1) throw new Error('temporary');
      });
      q.register('test.broken', async () => {
        throw new Error('always');
      });
      const now = new Date();
      const flaky = (await q.enqueue('test.flaky', {}, { runAt: now }))!;
      const broken = (await q.enqueue('test.broken', {}, { runAt: now, maxAttempts: 2 }))!;
      await q.runDue(now);
      const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', flaky).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: temporary' });
      expect(new Date(row.run_at).getTime()).toBe(now.getTime() + backoffSeconds(1) * 1000);
      expect(await q.runDue(new Date(now.getTime() + 10_000))).toBe(0);
      await q.runDue(new Date(now.getTime() + 3600_000));
      expect(
        (await t.db.selectFrom('jobs').select('status').where('id', '=', flaky).executeTakeFirstOrThrow())
          .status,
      ).toBe('done');
      expect(calls).toBe(2);
      expect(
        await t.db
          .selectFrom('jobs')
          .select(['status', 'attempts'])
          .where('id', '=', broken)
          .executeTakeFirstOrThrow(),
      ).toEqual({ status: 'failed', attempts: 2 });
    });

    it('takes back the job of a worker that died, once its lease is over', async () => {
      const dead = new JobQueue(t.db, { leaseSeconds: 60 });
      const alive = new JobQueue(t.db, { leaseSeconds: 60 });
      let runs = 0;
      dead.register('test.lease', async () => undefined);
      alive.register('test.lease', async () => void runs++);
      const id = await alive.enqueue('test.lease', {});
      const now = new Date();
      expect((await dead.claim(now)).map((j) => j.id)).toContain(id);
      // The dead worker never finishes. Before the lease ends nobody else runs it; after, the live worker does.
      expect(await alive.runDue(new Date(now.getTime() + 30_000))).toBe(0);
      expect(await alive.runDue(new Date(now.getTime() + 61_000))).toBe(1);
      expect(runs).toBe(1);
      expect(
        await t.db
          .selectFrom('jobs')
          .select(['status', 'attempts'])
          .where('id', '=', id!)
          .executeTakeFirstOrThrow(),
      ).toEqual({ status: 'done', attempts: 2 });
    });

    it('enqueues each period of a schedule once, whatever the number of instances', async () => {
      const a = new JobQueue(t.db);
      const b = new JobQueue(t.db);
      const schedules = [{ kind: 'test.nightly', every: 'daily' as const, atHourUtc: 2 }];
      const day = new Date('2026-11-27T10:00:00Z');
      await Promise.all([
        enqueueScheduled(a, schedules, day),
        enqueueScheduled(b, schedules, day),
        enqueueScheduled(a, schedules, day),
      ]);
      await enqueueScheduled(b, schedules, new Date('2026-11-28T01:00:00Z'));
      const rows = await t.db
        .selectFrom('jobs')
        .select(['idempotency_key', 'run_at'])
        .where('kind', '=', 'test.nightly')
        .orderBy('run_at')
        .execute();
      expect(rows.map((r) => r.idempotency_key)).toEqual([
        'test.nightly@2026-11-27',
        'test.nightly@2026-11-28',
      ]);
      expect(new Date(rows[1]!.run_at).toISOString()).toBe('2026-11-28T02:00:00.000Z');
      expect(
        periodOf({ kind: 'w', every: 'weekly', atHourUtc: 6 }, new Date('2026-11-29T23:00:00Z')).key,
      ).toBe('w@week-2026-11-23');
    });

    it(
      'keeps mail while the SMTP server is down, delivers it once when it is back, and once only after a crash',
      { timeout: 180_000 },
      async () => {
        const id = await queueMail(
          t.db,
          { to: 'caf@demo.localhost', subject: 'Essai de relance', text: 'Bonjour' },
          'test-smtp-down',
        );
        expect(
          await queueMail(
            t.db,
            { to: 'caf@demo.localhost', subject: 'Essai de relance', text: 'Bonjour' },
            'test-smtp-down',
          ),
        ).toBeNull();
        // "Now" is taken after queueing: the mail is due (its run_at is the moment it was queued).
        const now = new Date();
        await t.app.jobs.tick(now);
        const failed = await t.db
          .selectFrom('jobs')
          .selectAll()
          .where('id', '=', id!)
          .executeTakeFirstOrThrow();
        expect(failed.status).toBe('pending');
        expect(failed.attempts).toBe(1);
        expect(failed.last_error).toBeTruthy();

        const mailbox = new DevMailbox();
        await mailbox.start(smtpPort);
        try {
          // A second mail is claimed by a worker that then dies before sending.
          const crashed = await queueMail(
            t.db,
            { to: 'cpam@demo.localhost', subject: 'Après un arrêt brutal', text: 'Bonjour' },
            'test-crash',
          );
          const dead = new JobQueue(t.db, { leaseSeconds: 300 });
          dead.register('mail.send', async () => undefined);
          expect((await dead.claim(new Date(now.getTime() + 60_000))).map((j) => j.id)).toContain(crashed);

          // Each pass runs later than the longest backoff: on a loaded machine an SMTP exchange may time out and be
          // retried, which is the point; what must hold is that each mail arrives exactly once in the end.
          for (let pass = 1; pass <= 6; pass++) {
            await t.app.jobs.tick(new Date(now.getTime() + pass * 7 * 3600_000));
            const pending = await t.db
              .selectFrom('jobs')
              .select('id')
              .where('id', 'in', [id!, crashed!])
              .where('status', '<>', 'done')
              .execute();
            if (pending.length === 0) break;
          }
          expect(
            mailbox.for('caf@demo.localhost').filter((m) => m.subject === 'Essai de relance'),
          ).toHaveLength(1);
          expect(
            mailbox.for('cpam@demo.localhost').filter((m) => m.subject === 'Après un arrêt brutal'),
          ).toHaveLength(1);
          const rows = await t.db
            .selectFrom('jobs')
            .select(['id', 'status'])
            .where('id', 'in', [id!, crashed!])
            .execute();
          expect(rows.every((r) => r.status === 'done')).toBe(true);
        } finally {
          await mailbox.close();
        }
      },
    );
  });
}

describe('the worker loop', () => {
  it(
    'starts with the app, runs due jobs by itself, and stops when the app closes',
    { timeout: 180_000 },
    async () => {
      let t: TestApp | undefined;
      try {
        t = await buildTestApp({ env: { JOBS_WORKER: 'true' } });
        let ran = 0;
        t.app.jobs.queue.register('test.loop', async () => void ran++);
        await t.app.jobs.queue.enqueue('test.loop', {});
        const deadline = Date.now() + 60_000;
        while (ran === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        expect(ran).toBe(1);
        const started = Date.now();
        await t.close();
        t = undefined;
        expect(Date.now() - started).toBeLessThan(30_000);
      } finally {
        await t?.close();
      }
    },
  );
});
