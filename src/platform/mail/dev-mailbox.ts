// The development mailbox: a real local SMTP server that keeps what it receives in memory, so that
// development and tests see the very bytes nodemailer sent (no mock of our own mailer).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

/** One mail as received by the development SMTP server. */
export interface ReceivedMail {
  id: number;
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  /** Raw header lines by lower-case name (the last one wins). */
  headers: Record<string, string>;
}

// Only the latest mails are kept: the mailbox is for looking, not for storing.
const keep = 200;

/** A local SMTP server storing received mails in memory. */
export class DevMailbox {
  private server: SMTPServer;
  private mails: ReceivedMail[] = [];
  private nextId = 1;
  private waiters = new Set<() => void>();
  /** The port it listens on (known after start). */
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Loopback only: the development server must never relay for anyone else.
      onConnect: (session, callback) => {
        const ip = session.remoteAddress.replace(/^::ffff:/, '');
        if (ip === '127.0.0.1' || ip === '::1') callback();
        else callback(new Error('Connexions locales uniquement'));
      },
      // Addresses under the reserved top-level domain .invalid (RFC 2606) can never exist: refuse them as a real
      // server refuses an unknown mailbox, so that a bounce can be tried in development and tests.
      onRcptTo: (address, _session, callback) => {
        if (/\.invalid$/i.test(address.address.trim())) {
          const refusal = new Error('5.1.1 Adresse inconnue') as Error & { responseCode: number };
          refusal.responseCode = 550;
          callback(refusal);
        } else callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = session.envelope.rcptTo.map((r) => r.address);
            this.mails.push({
              id: this.nextId++,
              receivedAt: new Date(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              messageId: parsed.messageId ?? null,
              headers: Object.fromEntries(
                parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
              ),
            });
            if (this.mails.length > keep) this.mails.splice(0, this.mails.length - keep);
            for (const wake of this.waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  /** Listens on 127.0.0.1; port 0 picks a free port (tests). Returns the port. */
  async start(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Received mails, newest first. */
  list(): ReceivedMail[] {
    return [...this.mails].reverse();
  }

  /** Mails received for one address (case-insensitive), oldest first. */
  for(address: string): ReceivedMail[] {
    const wanted = address.trim().toLowerCase();
    return this.mails.filter((m) => m.to.some((to) => to.toLowerCase() === wanted));
  }

  /** Waits until a mail matching the predicate arrives (mails are sent in the background). */
  async waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 5000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no matching mail received in time');
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Forgets every received mail. */
  clear(): void {
    this.mails = [];
  }

  /** Stops listening. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
