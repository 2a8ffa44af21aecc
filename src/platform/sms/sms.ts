// Text messages (SMS) through one provider interface, so that a real provider plugs in at one place. A feature
// either sends at once through `app.sms` (a code to read at the counter) or queues a message with `queueSms` in
// the transaction of the work that causes it, and the durable job `sms.send` hands it to the provider. No SMS
// provider is plugged in yet: outside production the development outbox keeps the messages in memory (the
// development page /dev/sms and the tests read it, as they read the development mailbox; no number ever leaves
// the machine); in production `app.sms` is null, features do not offer SMS (they say so), and a queued message
// fails its job visibly rather than pretend it was sent.
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { enqueue } from '../jobs/queue.ts';

/** One text message: a French mobile number and a short text (links, never personal figures). */
export interface OutgoingSms {
  to: string;
  text: string;
  /** A stable id of the message (a provider may use it to drop a duplicate). */
  reference?: string;
}

/** What sends text messages: an SMS provider's client, or the development outbox. */
export interface SmsProvider {
  /** Sends one message; throws `SmsRefusedError` when the number can never receive it, any other error otherwise. */
  send(sms: OutgoingSms): Promise<void>;
}

/** The provider refused the number for good (not attributed, not a mobile): sending again will not help. */
export class SmsRefusedError extends Error {
  constructor() {
    super('numéro refusé par le fournisseur de SMS');
    this.name = 'SmsRefusedError';
  }
}

const mobilePattern = /^(?:\+33|0033|0)([67]\d{8})$/;

/**
 * A French mobile number (06 or 07, written with spaces, dots, dashes or brackets, or as +33 / 0033) in E.164
 * form (+33612345678), or null when it is not one.
 */
export function frenchMobileNumber(raw: string): string | null {
  const match = mobilePattern.exec(raw.replace(/[\s.\-()]/g, ''));
  return match ? `+33${match[1]}` : null;
}

/** The same French mobile number in its national form (0612345678), or null when it is not one. */
export function normalisePhone(raw: string): string | null {
  const match = mobilePattern.exec(raw.replace(/[\s.\-()]/g, ''));
  return match ? `0${match[1]}` : null;
}

/** One message kept by the development outbox. */
export interface KeptSms extends OutgoingSms {
  id: number;
  at: Date;
}

// Only the latest messages are kept: the outbox is for looking, not for storing.
const keep = 200;

// The ARCEP keeps the mobile numbers 06 39 98 00 00 to 06 39 98 99 99 for fiction: no subscriber has one.
// The development outbox refuses them, as a provider refuses a number that is not attributed.
const fictionRange = /^\+3363998\d{4}$/;

/** The development provider: keeps messages in memory instead of sending them, refuses the fiction range. */
export class DevSmsOutbox implements SmsProvider {
  private messages: KeptSms[] = [];
  private nextId = 1;

  /** Keeps the message, or refuses a number of the fiction range. */
  async send(sms: OutgoingSms): Promise<void> {
    if (fictionRange.test(frenchMobileNumber(sms.to) ?? sms.to)) throw new SmsRefusedError();
    this.messages.push({ ...sms, id: this.nextId++, at: new Date() });
    if (this.messages.length > keep) this.messages.splice(0, this.messages.length - keep);
  }

  /** Messages kept, newest first. */
  list(): KeptSms[] {
    return [...this.messages].reverse();
  }

  /** Messages sent to one number, however it is written (+33…, 06 …), oldest first. */
  for(number: string): KeptSms[] {
    const wanted = frenchMobileNumber(number) ?? number;
    return this.messages.filter((m) => (frenchMobileNumber(m.to) ?? m.to) === wanted);
  }

  /** Forgets every message. */
  clear(): void {
    this.messages = [];
  }
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
