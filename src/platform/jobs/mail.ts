// Mails go through durable jobs: `queueMail` writes a job in the caller's transaction, the worker sends it.
// A mail server that is down makes the job fail and come back later; the idempotency key makes sure one
// mail is queued once, and a job is marked done right after the SMTP server accepted the mail. The one window
// no queue can close is a crash between the SMTP answer and that "done" row: the lease then expires and the
// mail is sent again (at least once, never lost). With the plain SMTP sender below, the Message-ID derived
// from the job lets receivers drop such a duplicate.
import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { enqueue } from './queue.ts';

/** One mail. Mails carry links, never a resident's personal data. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  messageId?: string;
  /** Small text attachments (an appointment's .ics), kept in the job's payload. */
  attachments?: MailAttachment[];
}

/** A text attachment. */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** What the mail job needs: the platform mailer (src/platform/mail) or a plain SMTP transport. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<unknown>;
}

export const mailJobKind = 'mail.send';

/** Queues a mail in the same transaction as the work that causes it. */
export async function queueMail(
  db: Db | Transaction<Database>,
  mail: OutgoingMail,
  idempotencyKey: string,
): Promise<number | null> {
  return enqueue(
    db,
    mailJobKind,
    {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    },
    { idempotencyKey: `mail:${idempotencyKey}`, maxAttempts: 12 },
  );
}

/** An SMTP sender built from the configuration, used until the platform mailer is registered. */
export function smtpSender(config: Config): MailSender {
  const transport = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtp.password ?? '' } } : {}),
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10000,
  });
  return {
    send: (mail) =>
      transport.sendMail({
        from: config.smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
      }),
  };
}

/** The platform mailer (`app.mailer`, src/platform/mail) when registered, otherwise SMTP from the configuration. */
export function mailSenderOf(app: FastifyInstance): MailSender {
  if (app.hasDecorator('mailer')) return app.mailer;
  return smtpSender(app.config);
}
