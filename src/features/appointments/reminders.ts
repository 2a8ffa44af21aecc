// Durable jobs of appointments: reminders before the appointment (mail, and SMS through the provider), the SMS of
// confirmations, and the erasure of names and contacts once the retention delay is over.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { journal } from '../../platform/audit.ts';
import { anonymiseAppointments, findAppointment, listDueReminders, markReminderSent } from './store.ts';
import { confirmationText, reminderText, whenText } from './messages.ts';
import { appointmentToken, manageUrl } from './book-appointment.ts';

/** Sends a text message; the platform has no SMS operator yet: plug one here. */
export interface SmsProvider {
  send(to: string, text: string): Promise<void>;
}

/** The development provider: logs that a message would go, never the number nor the text (it names the person). */
export function loggingSmsProvider(log: FastifyBaseLogger): SmsProvider {
  return {
    send: async (_to, text) => {
      log.info({ characters: text.length }, 'appointment SMS (development provider, nothing sent)');
    },
  };
}

/** Queues the reminders of appointments starting within `hours`; returns how many were queued. */
export async function queueDueReminders(
  db: Db,
  now: Date,
  hours: number,
  publicUrl: string,
  linkKey: Buffer,
): Promise<number> {
  const due = await listDueReminders(db, now, new Date(now.getTime() + hours * 3_600_000));
  let queued = 0;
  for (const a of due) {
    await db.transaction().execute(async (trx) => {
      if (!(await markReminderSent(trx, a.id, now))) return;
      // Booked inside the reminder window: the confirmation just sent is the reminder.
      if (a.created_at.getTime() >= a.starts_at.getTime() - hours * 3_600_000) return;
      const url = manageUrl(publicUrl, appointmentToken(linkKey, a.id));
      if (a.email)
        await queueMail(
          trx,
          {
            to: a.email,
            subject: `Rappel : rendez-vous le ${whenText(a.starts_at)}`,
            text: reminderText(a, url),
          },
          `appointment-reminder:${a.id}`,
        );
      if (a.phone)
        await enqueue(
          trx,
          'appointments.sms',
          { appointmentId: a.id, kind: 'reminder' },
          { idempotencyKey: `appointment-sms:reminder:${a.id}`, maxAttempts: 6 },
        );
      queued++;
    });
  }
  return queued;
}

/** Sends the SMS of an appointment (its confirmation or reminder), unless it was cancelled since. */
export async function sendAppointmentSms(
  db: Db,
  provider: SmsProvider,
  appointmentId: string,
  kind: 'confirmation' | 'reminder',
  publicUrl: string,
  linkKey: Buffer,
): Promise<void> {
  const a = await findAppointment(db, appointmentId);
  if (!a || !a.phone || a.status !== 'booked') return;
  const url = manageUrl(publicUrl, appointmentToken(linkKey, a.id));
  const text =
    kind === 'reminder'
      ? reminderText(a, url)
      : confirmationText(a, url).split('\n').filter(Boolean).slice(1, 3).join(' ');
  await provider.send(a.phone, text);
}

/** Erases names and contacts of appointments that ended more than `days` ago; journaled. */
export async function eraseOldAppointmentContacts(db: Db, now: Date, days: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const count = await anonymiseAppointments(trx, new Date(now.getTime() - days * 86_400_000), now);
    if (count > 0)
      await journal(trx, {
        actor: null,
        action: 'delete',
        subjectType: 'appointment',
        subjectId: null,
        reason: `effacement des coordonnées de ${count} rendez-vous passés (durée de conservation)`,
      });
    return count;
  });
}
