// The SMS platform: one interface every feature sends text messages through (`app.sms`), so that a real
// provider plugs in at one place. No provider is wired yet: in development and tests a local outbox keeps the
// messages in memory (no number ever leaves the machine); in production `app.sms` is null and features must not
// offer SMS (they say so) rather than pretend to send.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';

/** One text message. `reference` is a stable id of the message (a provider may use it to drop a duplicate). */
export interface OutgoingSms {
  to: string;
  text: string;
  reference: string;
}

/** What features use to send text messages. */
export interface SmsSender {
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

/**
 * A French mobile number (06 or 07, written with spaces, dots or dashes, or as +33 / 0033) in E.164 form
 * (+33612345678), or null when it is not one.
 */
export function frenchMobileNumber(raw: string): string | null {
  const compact = raw.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+33|0033|0)([67]\d{8})$/.exec(compact);
  return match ? `+33${match[1]}` : null;
}

/** A message kept by the development outbox. */
export interface KeptSms extends OutgoingSms {
  at: Date;
}

// The ARCEP keeps the mobile numbers 06 39 98 00 00 to 06 39 98 99 99 for fiction: no subscriber has one.
// The development outbox refuses them, as a provider refuses a number that is not attributed.
const fictionRange = /^\+3363998\d{4}$/;

/** The development provider: keeps the last messages in memory, refuses the numbers reserved for fiction. */
export class DevSmsOutbox implements SmsSender {
  private messages: KeptSms[] = [];

  async send(sms: OutgoingSms): Promise<void> {
    if (fictionRange.test(sms.to)) throw new SmsRefusedError();
    this.messages.push({ ...sms, at: new Date() });
    if (this.messages.length > 200) this.messages.splice(0, this.messages.length - 200);
  }

  /** Messages sent to one number (E.164), oldest first. */
  for(number: string): KeptSms[] {
    return this.messages.filter((m) => m.to === number);
  }

  /** Every kept message, oldest first. */
  list(): KeptSms[] {
    return [...this.messages];
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The SMS provider, or null when none is configured (production today): do not offer SMS then. */
    sms: SmsSender | null;
    /** The development outbox behind `sms` outside production, else null. */
    devSms: DevSmsOutbox | null;
  }
}

async function smsPlugin(app: FastifyInstance, opts: { config: Config }) {
  const outbox = opts.config.env === 'production' ? null : new DevSmsOutbox();
  app.decorate('devSms', outbox);
  app.decorate('sms', outbox);
}

/** The SMS platform plugin: `app.sms` and, outside production, `app.devSms`. */
export default fp(smsPlugin, { name: 'sms' });
