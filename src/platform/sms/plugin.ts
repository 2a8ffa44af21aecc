// The SMS platform plugin: `app.sms` (the provider every feature sends through), `app.devSms` (the development
// outbox, null in production), the durable `sms.send` job, and the development page /dev/sms next to
// /dev/boite-mail.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { h } from 'preact';
import { DevSmsOutbox, smsJobKind, type SmsProvider } from './sms.ts';
import { DevSmsPage } from './dev-sms-page.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Sends a text message now (a code to read at the counter); `queueSms` for messages that may wait. Null when
     * no provider is configured (production today): do not offer SMS then.
     */
    sms: SmsProvider | null;
    /** The development outbox, or null in production. */
    devSms: DevSmsOutbox | null;
  }
}

async function smsPlugin(app: FastifyInstance) {
  const outbox = app.config.env === 'production' ? null : new DevSmsOutbox();
  const provider: SmsProvider | null = outbox;
  app.decorate('sms', provider);
  app.decorate('devSms', outbox);
  app.jobs.queue.register(smsJobKind, async (job) => {
    // No provider is configured yet: fail loudly (the job is retried, then marked failed for the operators).
    if (!provider) throw new Error('no SMS provider configured');
    const { to, text } = job.payload as { to: string; text: string };
    await provider.send({ to, text });
  });
  if (outbox && app.config.devMailbox) {
    app.get('/dev/sms', { schema: { hide: true } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.page(h(DevSmsPage, { ctx: request.viewContext(), messages: outbox.list() }));
    });
  }
}

/** The SMS platform plugin (after the jobs and views plugins). */
export default fp(smsPlugin, { name: 'sms', dependencies: ['jobs', 'views'] });
