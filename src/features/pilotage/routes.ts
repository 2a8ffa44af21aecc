// The pilotage feature: indicator pages for pilots and the national observer, the experiment register (edited by
// the pilot, public in read-only), satisfaction forms, open data and the list of territories. This file wires the
// feature: its durable jobs, the counters' writer, the demo register; the routes live in routes-*.ts.
import type { FastifyInstance } from 'fastify';
import { indicatorSources } from '../indicators.ts';
import { checkSources } from './indicator-registry.ts';
import { counterFlushMs, flushCounters } from './counters.ts';
import { refreshIndicators } from './refresh.ts';
import { eraseExpiredComments, refreshJobKind } from './satisfaction.ts';
import { ensureDemoRegisters } from './demo.ts';
import { indicatorRoutes } from './routes-indicators.ts';
import { registerRoutes } from './routes-register.ts';
import { publicRoutes } from './routes-public.ts';
import { apiRoutes } from './routes-api.ts';

/** Registers the pilotage feature. */
export default async function pilotageRoutes(app: FastifyInstance) {
  checkSources(indicatorSources); // a wrong declaration stops the boot
  const queue = app.jobs.queue;
  queue.register(
    refreshJobKind,
    async (_job, ctx) => void (await refreshIndicators(ctx.db, indicatorSources, ctx.now)),
  );
  queue.register(
    'pilotage.refresh-full',
    async (_job, ctx) => void (await refreshIndicators(ctx.db, indicatorSources, ctx.now, { full: true })),
  );
  queue.register(
    'pilotage.comments-retention',
    async (_job, ctx) =>
      void (await eraseExpiredComments(ctx.db, ctx.now, app.config.pilotage.satisfactionCommentMonths)),
  );
  app.jobs.schedule({ kind: refreshJobKind, every: 'minutes', minutes: app.config.pilotage.refreshMinutes });
  app.jobs.schedule({ kind: 'pilotage.refresh-full', every: 'daily', atHourUtc: 2 });
  app.jobs.schedule({ kind: 'pilotage.comments-retention', every: 'daily', atHourUtc: 3 });

  // Buffered counts are written every few seconds, and when the app closes.
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      flushCounters(app.db).catch((error: unknown) =>
        app.log.warn({ err: error instanceof Error ? error.message : 'unknown' }, 'counters not written yet'),
      );
    }, counterFlushMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await flushCounters(app.db).catch(() => undefined);
  });

  if (app.config.seedDemo) {
    app.addHook('onReady', async () => {
      await ensureDemoRegisters(app.db).catch((error: unknown) =>
        app.log.warn(
          { err: error instanceof Error ? error.message : 'unknown' },
          'demo register not created',
        ),
      );
    });
  }

  indicatorRoutes(app);
  registerRoutes(app);
  publicRoutes(app);
  apiRoutes(app);
}
