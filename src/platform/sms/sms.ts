// Text messages (SMS) through a provider interface: a feature queues a message with `queueSms` in the
// transaction of the work that causes it, and the durable job `sms.send` hands it to the provider. No SMS
// provider is plugged in yet: outside production the development outbox keeps the messages in memory (the
// development page /dev/sms and the tests read it, as they read the development mailbox); in production a
// message without a provider makes its job fail visibly rather than pretend it was sent.
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { enqueue } from '../jobs/queue.ts';

/** One text message: a French mobile number and a short text (links, never personal figures). */
export interface OutgoingSms {
  to: string;
  text: string;
}

/** What sends text messages: an SMS provider's client, or the development outbox. */
export interface SmsProvider {
  send(sms: OutgoingSms): Promise<void>;
}

/** One message kept by the development outbox. */
export interface KeptSms extends OutgoingSms {
  id: number;
  at: Date;
}

// Only the latest messages are kept: the outbox is for looking, not for storing.
const keep = 200;

/** The development provider: keeps messages in memory instead of sending them (never in production). */
export class DevSmsOutbox implements SmsProvider {
  private messages: KeptSms[] = [];
  private nextId = 1;

  /** Keeps the message. */
  async send(sms: OutgoingSms): Promise<void> {
    this.messages.push({ ...sms, id: this.nextId++, at: new Date() });
    if (this.messages.length > keep) this.messages.splice(0, this.messages.length - keep);
  }

  /** Messages kept, newest first. */
  list(): KeptSms[] {
    return [...this.messages].reverse();
  }

  /** Messages sent to one number (spaces and dots ignored), oldest first. */
  for(number: string): KeptSms[] {
    const wanted = normalisePhone(number);
    return this.messages.filter((m) => normalisePhone(m.to) === wanted);
  }

  /** Forgets every message. */
  clear(): void {
    this.messages = [];
  }
}

/** A French mobile number written the usual ways (06 12 34 56 78, +33 6…) as 0612345678; null when it is not one. */
export function normalisePhone(value: string): string | null {
  const compact = value.replace(/[\s.-]/g, '');
  const match = /^(?:\+33|0033|0)([67]\d{8})$/.exec(compact);
  return match ? `0${match[1]}` : null;
}

export const smsJobKind = 'sms.send';

/** Queues a text message in the same transaction as the work that causes it (sent once per key). */
export async function queueSms(
  db: Db | Transaction<Database>,
  sms: OutgoingSms,
  idempotencyKey: string,
): Promise<number | null> {
  return enqueue(
    db,
    smsJobKind,
    { to: sms.to, text: sms.text },
    { idempotencyKey: `sms:${idempotencyKey}`, maxAttempts: 12 },
  );
}
