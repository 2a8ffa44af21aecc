// The appointments feature: the public API, the resident's booking pages (no account, no JavaScript), the agents'
// agenda, the motifs edited by managers, and the durable jobs (reminders, SMS, retention). Thin handlers: validate,
// authorise, call one use-case.
import type { FastifyInstance } from 'fastify';
import { registerAppointmentsApi } from './api.ts';
import { registerBookingPages } from './pages.ts';
import { registerAgendaPages } from './agenda-pages.ts';
import { registerMotifPages } from './motif-pages.ts';
import {
  eraseOldAppointmentContacts,
  loggingSmsProvider,
  queueDueReminders,
  sendAppointmentSms,
  type SmsProvider,
} from './reminders.ts';

export interface AppointmentsOptions {
  /** The SMS operator; the development one only logs, and production refuses until one is plugged in. */
  smsProvider?: SmsProvider;
}

/** Registers the appointments feature. */
export default async function appointmentsRoutes(app: FastifyInstance, opts: AppointmentsOptions) {
  const devSms = loggingSmsProvider(app.log);
  const sms: SmsProvider = opts.smsProvider ?? {
    send: async (to, text) => {
      if (app.config.env === 'production') throw new Error('no SMS provider configured');
      return devSms.send(to, text);
    },
  };
  const settings = app.config.appointments;
  const linkKey = app.config.filesKey;
  const deps = () => ({ db: app.db, publicUrl: app.config.publicUrl, linkKey, now: app.clock.now() });

  app.jobs.queue.register('appointments.reminders', async (_job, ctx) => {
    await queueDueReminders(ctx.db, ctx.now, settings.reminderHours, app.config.publicUrl, linkKey);
  });
  app.jobs.queue.register('appointments.sms', async (job, ctx) => {
    const kind = job.payload.kind === 'reminder' ? 'reminder' : 'confirmation';
    await sendAppointmentSms(
      ctx.db,
      sms,
      String(job.payload.appointmentId),
      kind,
      app.config.publicUrl,
      linkKey,
    );
  });
  app.jobs.queue.register('appointments.retention', async (_job, ctx) => {
    await eraseOldAppointmentContacts(ctx.db, ctx.now, settings.retentionDays);
  });
  app.jobs.schedule({ kind: 'appointments.reminders', every: 'hourly' });
  app.jobs.schedule({ kind: 'appointments.retention', every: 'daily', atHourUtc: 2 });

  registerAppointmentsApi(app, deps);
  registerBookingPages(app, deps);
  registerAgendaPages(app, deps);
  registerMotifPages(app);
}
