// The mail platform: nodemailer over SMTP for every feature (`app.mailer.send`), and, when DEV_MAILBOX is on,
// a real local SMTP server that receives those mails and the development-only page /dev/boite-mail.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nodemailer, { type Transporter } from 'nodemailer';
import { h } from 'preact';
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';
import { DevMailbox } from './dev-mailbox.ts';
import { DevMailboxPage } from './dev-mailbox-page.tsx';

/** A mail to send; `text` is required so that every mail reads well without HTML. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Small text attachments, such as an appointment's calendar file. */
  attachments?: { filename: string; content: string; contentType: string }[];
  /** A stable Message-ID (`<…@sans-couture>`): a message sent again after a crash can be recognised as the same. */
  messageId?: string;
  /** Extra headers (List-Unsubscribe). */
  headers?: Record<string, string>;
}

/**
 * The receiving server refused the recipient for good (an SMTP 5xx answer to the address): sending again will
 * not help. Features record it (a reminder address that bounces) instead of retrying.
 */
export class RecipientRefusedError extends AppError {
  constructor() {
    super(
      'validation',
      'Cette adresse électronique a été refusée par son serveur de messagerie : vérifiez-la.',
      [],
      'Adresse électronique refusée',
    );
    this.name = 'RecipientRefusedError';
  }
}

/** Whether a nodemailer error is a permanent refusal of the recipients (5xx at RCPT TO). */
function isRecipientRefusal(error: unknown): boolean {
  const e = error as { code?: string; responseCode?: number };
  return e.code === 'EENVELOPE' && typeof e.responseCode === 'number' && e.responseCode >= 500;
}

/** What features use to send mail. */
export interface Mailer {
  /**
   * Sends one mail; throws `RecipientRefusedError` when the server refuses the address for good, a 503 AppError
   * when the SMTP server fails or does not answer.
   */
  send(mail: OutgoingMail): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
    /** The development mailbox, or null when DEV_MAILBOX is off (always in production). */
    devMailbox: DevMailbox | null;
  }
}

async function mailPlugin(app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts;
  let devMailbox: DevMailbox | null = null;
  let smtp = config.smtp;
  if (config.devMailbox && config.env !== 'production') {
    devMailbox = new DevMailbox();
    let port: number;
    try {
      port = await devMailbox.start(config.smtp.port);
    } catch (error) {
      // Another app (or a second checkout) already holds the development SMTP port: take any free port
      // rather than refusing to start; the mailbox page works the same.
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      devMailbox = new DevMailbox();
      port = await devMailbox.start(0);
      app.log.warn({ wanted: config.smtp.port, port }, 'development SMTP port in use, using another one');
    }
    // The app sends to its own local server, whatever SMTP_HOST says: nothing leaves the machine.
    smtp = { ...config.smtp, host: '127.0.0.1', port, secure: false, user: undefined, password: undefined };
  }
  const transport: Transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    ...(devMailbox ? { ignoreTLS: true } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });

  app.decorate('devMailbox', devMailbox);
  app.decorate('mailer', {
    async send(mail: OutgoingMail): Promise<void> {
      try {
        await transport.sendMail({
          from: config.smtp.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.headers ? { headers: mail.headers } : {}),
        });
      } catch (error) {
        if (isRecipientRefusal(error)) {
          app.log.warn({ code: 'EENVELOPE' }, 'mail recipient refused');
          throw new RecipientRefusedError();
        }
        // The SMTP error may quote the recipient: log its code only.
        app.log.error({ code: (error as { code?: string }).code ?? 'unknown' }, 'mail not sent');
        throw new AppError(
          'service-unavailable',
          'Le courriel n’a pas pu être envoyé. Réessayez dans quelques minutes.',
        );
      }
    },
  });

  if (devMailbox) {
    const box = devMailbox;
    app.get('/dev/boite-mail', { schema: { hide: true } }, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.page(h(DevMailboxPage, { ctx: request.viewContext(), mails: box.list() }));
    });
  }

  app.addHook('onClose', async () => {
    transport.close();
    await devMailbox?.close();
  });
}

/** The mail platform plugin: `app.mailer`, `app.devMailbox`, and /dev/boite-mail when DEV_MAILBOX is on. */
export default fp(mailPlugin, { name: 'mailer', dependencies: ['views'] });
