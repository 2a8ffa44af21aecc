// The files platform plugin: `app.screening` (the antivirus every upload goes through before it is stored),
// and the `files.scan` job that scans the quarantine (files kept while the scanner did not answer, and files
// stored before a scanner was configured): hourly, and a few minutes after each quarantined upload.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { clamdScanner, pingClamd, ScannerUnavailableError } from './antivirus.ts';
import { scanQuarantine, type Screening } from './files.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Executor } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The antivirus uploads go through (`screenFile`). */
    screening: Screening;
  }
}

export const fileScanJobKind = 'files.scan';

/** Asks for a scan of the quarantine soon (after an upload the scanner could not take). */
export async function scheduleQuarantineScan(db: Executor, now: Date): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000);
  await enqueue(
    db,
    fileScanJobKind,
    {},
    { idempotencyKey: `files.scan@${minute}`, runAt: new Date(now.getTime() + 60_000), maxAttempts: 3 },
  );
}

async function filesPlugin(app: FastifyInstance) {
  const address = app.config.clamav;
  const scanner = address ? clamdScanner(address) : null;
  app.decorate('screening', { scanner, production: app.config.env === 'production' });
  if (!scanner) {
    if (app.config.env === 'production')
      app.log.warn('no antivirus configured (CLAMAV_SOCKET): attachments are refused');
    return;
  }
  app.addHook('onReady', async () => {
    if (!(await pingClamd(address!)))
      app.log.warn('the antivirus does not answer: attachments stay in quarantine until it does');
  });
  app.jobs.queue.register(fileScanJobKind, async (_job, ctx) => {
    try {
      const { infected } = await scanQuarantine(ctx.db, app.config.filesKey, scanner);
      if (infected > 0) app.log.warn({ infected }, 'infected files blocked in quarantine');
    } catch (error) {
      // The scanner is down: the files stay in quarantine, the next run tries again.
      if (error instanceof ScannerUnavailableError) throw new Error('antivirus unavailable');
      throw error;
    }
  });
  app.jobs.schedule({ kind: fileScanJobKind, every: 'hourly' });
}

/** The files platform plugin: the antivirus of uploads and the quarantine's scans. */
export default fp(filesPlugin, { name: 'files', dependencies: ['jobs'] });
