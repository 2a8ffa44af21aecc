// The jobs platform plugin: `app.jobs` (the queue), the mail job, recurring schedules, and a worker loop that
// starts when the app is ready and stops, finishing its current batch, when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { JobQueue } from './queue.ts';
import { enqueueScheduled, type Schedule } from './schedule.ts';
import { mailJobKind, mailSenderOf, type MailAttachment, type MailSender } from './mail.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobsRuntime;
  }
}

/** The queue plus what runs it. */
export interface JobsRuntime {
  queue: JobQueue;
  /** Adds a recurring job; its handler is registered with `queue.register`. */
  schedule(schedule: Schedule): void;
  /** One pass: create the current periods' jobs, then run every due job. Tests call it directly. */
  tick(now?: Date): Promise<number>;
  /** Replaces the mail sender (tests, or a provider other than SMTP). */
  useMailSender(sender: MailSender): void;
}

export interface JobsPluginOptions {
  /** Run the worker loop; default: on, except under NODE_ENV=test (tests call `tick`) or JOBS_WORKER=false. */
  worker?: boolean;
  pollMs?: number;
}

async function jobsPlugin(app: FastifyInstance, opts: JobsPluginOptions) {
  const queue = new JobQueue(app.db);
  const schedules: Schedule[] = [];
  let sender: MailSender | undefined;

  queue.register(mailJobKind, async (job) => {
    const { to, subject, text, attachments } = job.payload as {
      to: string;
      subject: string;
      text: string;
      attachments?: MailAttachment[];
    };
    sender ??= mailSenderOf(app);
    await sender.send({
      to,
      subject,
      text,
      messageId: `<job-${job.id}@sans-couture>`,
      ...(attachments ? { attachments } : {}),
    });
  });

  // Done jobs are kept 30 days for the operators, then purged nightly (failed ones stay until looked at).
  queue.register('jobs.purge', async (_job, ctx) => {
    await ctx.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', new Date(ctx.now.getTime() - 30 * 86400_000))
      .execute();
  });
  schedules.push({ kind: 'jobs.purge', every: 'daily', atHourUtc: 3 });

  const runtime: JobsRuntime = {
    queue,
    schedule: (s) => void schedules.push(s),
    tick: async (now = new Date()) => {
      await enqueueScheduled(queue, schedules, now);
      let total = 0;
      for (let ran = await queue.runDue(now); ran > 0; ran = await queue.runDue(now)) total += ran;
      return total;
    },
    useMailSender: (s) => {
      sender = s;
    },
  };
  app.decorate('jobs', runtime);

  const envWorker = process.env.JOBS_WORKER;
  const enabled = opts.worker ?? (envWorker ? envWorker !== 'false' : app.config.env !== 'test');
  if (!enabled) return;
  const pollMs = opts.pollMs ?? 2000;
  let stopped = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  app.addHook('onReady', async () => {
    loop = (async () => {
      while (!stopped) {
        try {
          await runtime.tick();
        } catch (error) {
          // The database may be briefly unreachable: log without payloads and try again at the next poll.
          app.log.warn(
            { err: error instanceof Error ? error.message : 'unknown' },
            'jobs worker pass failed',
          );
        }
        if (!stopped) await sleep(pollMs);
      }
    })();
  });
  app.addHook('onClose', async () => {
    stopped = true;
    wake?.();
    await loop;
  });
}

export default fp(jobsPlugin, { name: 'jobs' });
