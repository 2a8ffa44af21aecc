// Reminders of a saved plan. The resident opts in on the save page (an address or a mobile number and a consent
// sentence); a first message leaves at once, then one a week and one a day before each dated deadline of the
// plan, each through a durable job (scheduled, retried, never lost). A message is sent at most once: its row is
// settled right after the provider accepted it, and a job that finds it settled does nothing. Every message
// carries the plan's private link and a link that stops the reminders; both tokens are kept sealed (AES-256-GCM,
// a key derived from FILES_KEY) because messages are written when they leave, not when the resident saves.
// A recipient refused for good (an address the mail server rejects, a number the provider refuses) stops the
// reminders in one transaction, and the next visit of the private link says so.
import { hkdfSync, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { journal } from '../../platform/audit.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { hashToken, newToken } from '../../platform/auth/tokens.ts';
import { addDays, addMonths, formatDate, frenchDate, todayInParis } from '../../platform/dates.ts';
import type { FieldError } from '../../platform/errors.ts';
import { decrypt, encrypt } from '../../platform/files/files.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { isEmailAddress } from '../../platform/mail/address.ts';
import { RecipientRefusedError, type Mailer } from '../../platform/mail/mailer.ts';
import { frenchMobileNumber, SmsRefusedError, type SmsSender } from '../../platform/sms/sms.ts';
import { single, type FormValues } from './answer-controls.ts';
import { isLifeEventId, lifeEvent } from './life-events.ts';
import { organisationLabels, type Plan } from './plan.ts';
import {
  forgetReminderContact,
  insertReminder,
  insertReminderMessages,
  messageForDelivery,
  pendingProcedureMessages,
  reminderByStopHash,
  reminderOfSavedAnswers,
  settleMessage,
  skipPendingMessages,
  stopReminder,
} from './store.ts';
import type { ReminderChannel, ReminderKind } from './tables.ts';
import {
  reminderMail,
  reminderSms,
  welcomeMail,
  welcomeSms,
  type ReminderLinks,
} from './views/reminder-text.ts';

type Actor = { id: string; role: Role } | null;

/** The durable job that sends one reminder message. */
export const reminderJobKind = 'navigator.reminder';

/** Days before a deadline when a reminder leaves: a week, then the day before. */
export const reminderOffsets: readonly { kind: Exclude<ReminderKind, 'welcome'>; days: number }[] = [
  { kind: 'week-before', days: 7 },
  { kind: 'day-before', days: 1 },
];
/** Reminders leave at 08:00 UTC (9 h in winter, 10 h in summer in Paris): a time to act, not to be woken up. */
export const reminderHourUtc = 8;

/** A private link works at least this many days, even for a plan without a dated deadline. */
export const minLinkDays = 30;
/**
 * …and never more than this: a retirement planned ten years ahead would otherwise keep answers for a decade.
 * Two years cover every other moment of life (a birth 280 days ahead and its steps a month after, the first CFE
 * declaration of a business created next year).
 */
export const maxLinkDays = 730;

/** A dated step of the plan, as a reminder names it. */
export interface RemindableProcedure {
  id: string;
  title: string;
  organisation: string;
  /** YYYY-MM-DD, or null for a step without a date. */
  deadline: string | null;
  legal: boolean;
  /** Where to go, in one line ("Mairie de Cahors, 73 boulevard Gambetta, 46000 Cahors"). */
  place: string | null;
}

/** The steps of a plan as reminders see them. */
export function remindableProcedures(plan: Plan): RemindableProcedure[] {
  return plan.procedures.map((p) => ({
    id: p.id,
    title: p.title,
    organisation: organisationLabels[p.organisation],
    deadline: p.deadline,
    legal: p.deadlineLegal,
    place: p.place ? [p.place.name, p.place.address].filter(Boolean).join(', ') : p.placeHint,
  }));
}

/** One reminder to send before a deadline. */
export interface PlannedReminder {
  kind: Exclude<ReminderKind, 'welcome'>;
  procedure: RemindableProcedure & { deadline: string };
  /** YYYY-MM-DD, the day it leaves. */
  sendOn: string;
  sendAt: Date;
}

/** The reminders still to come at `now`: a week and a day before each dated deadline, by date. */
export function reminderSchedule(procedures: RemindableProcedure[], now: Date): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  for (const p of procedures) {
    if (!p.deadline) continue;
    for (const offset of reminderOffsets) {
      const sendOn = addDays(p.deadline, -offset.days);
      const sendAt = new Date(`${sendOn}T${String(reminderHourUtc).padStart(2, '0')}:00:00Z`);
      if (sendAt.getTime() <= now.getTime()) continue;
      planned.push({ kind: offset.kind, procedure: { ...p, deadline: p.deadline }, sendOn, sendAt });
    }
  }
  return planned.sort(
    (a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.procedure.id.localeCompare(b.procedure.id),
  );
}

/** Why a link lives until its date: a month after the last deadline, the 30-day floor, or the two-year ceiling. */
export type ExpiryBasis = 'last-deadline' | 'minimum' | 'maximum';

/**
 * The last day a private link works: a month after the plan's last deadline, at least `minLinkDays` from
 * today, at most `maxLinkDays`.
 */
export function linkExpiry(
  procedures: RemindableProcedure[],
  today: string,
): { expiresOn: string; basis: ExpiryBasis } {
  const floor = addDays(today, minLinkDays);
  const ceiling = addDays(today, maxLinkDays);
  const last = procedures.reduce<string | null>(
    (max, p) => (p.deadline && (!max || p.deadline > max) ? p.deadline : max),
    null,
  );
  const wanted = last ? addMonths(last, 1) : floor;
  if (wanted <= floor) return { expiresOn: floor, basis: 'minimum' };
  if (wanted > ceiling) return { expiresOn: ceiling, basis: 'maximum' };
  return { expiresOn: wanted, basis: 'last-deadline' };
}

/** The instant a link expiring on `expiresOn` stops working: the end of that day (UTC, so the date reads back). */
export function linkExpiresAt(expiresOn: string): Date {
  return new Date(`${expiresOn}T23:59:59Z`);
}

/** The last day of a link from its expiry instant. */
export function linkExpiresOn(expiresAt: Date): string {
  return formatDate(expiresAt);
}

/** The sentence the resident ticks to opt in, word for word (it is kept as the proof of consent). */
export function consentSentence(expiresOn: string): string {
  return `J’accepte que Sans Couture garde mon adresse électronique ou mon numéro de téléphone pour m’envoyer ces rappels, au plus tard jusqu’au ${frenchDate(expiresOn)}. Je peux les arrêter à tout moment avec le lien de chaque message.`;
}

/** What the resident asked for on the save page. */
export interface ReminderChoice {
  channel: ReminderChannel;
  /** An e-mail address, or a mobile number in E.164 form. */
  contact: string;
  consentText: string;
}

/** What the save form needs to read the reminder fields. */
export interface ReminderFormContext {
  smsAvailable: boolean;
  schedule: PlannedReminder[];
  expiresOn: string;
}

/** Reads the reminder fields of the save form: no reminders, a valid choice, or French messages by field. */
export function readReminderChoice(
  body: FormValues,
  ctx: ReminderFormContext,
): { choice: ReminderChoice | null } | { errors: FieldError[] } {
  const wanted = single(body, 'reminders') || 'non';
  const email = single(body, 'email').trim();
  const phone = single(body, 'phone').trim();
  const consent = single(body, 'consent') === 'oui';
  if (!['non', 'courriel', 'sms'].includes(wanted))
    return { errors: [{ field: 'reminders', message: 'Choisissez comment recevoir les rappels.' }] };
  if (wanted === 'non') {
    if (email || phone || consent)
      return {
        errors: [
          {
            field: 'reminders',
            message:
              'Vous avez rempli la partie « rappels » : choisissez « Par courriel » ou « Par SMS », ou videz les champs.',
          },
        ],
      };
    return { choice: null };
  }
  if (ctx.schedule.length === 0)
    return {
      errors: [
        {
          field: 'reminders',
          message:
            'Votre plan n’a plus de date à venir : il n’y a rien à rappeler. Choisissez « Non merci ».',
        },
      ],
    };
  const errors: FieldError[] = [];
  let contact: string | null = null;
  if (wanted === 'courriel') {
    if (isEmailAddress(email)) contact = email;
    else
      errors.push({
        field: 'email',
        message: email
          ? 'Cette adresse électronique n’est pas valide : elle s’écrit comme nom@exemple.fr.'
          : 'Indiquez votre adresse électronique, par exemple nom@exemple.fr.',
      });
  } else if (!ctx.smsAvailable) {
    errors.push({
      field: 'reminders',
      message: 'Les rappels par SMS ne sont pas encore disponibles : choisissez le courriel.',
    });
  } else {
    contact = frenchMobileNumber(phone);
    if (!contact)
      errors.push({
        field: 'phone',
        message: phone
          ? 'Ce numéro n’est pas un numéro de portable français : il s’écrit comme 06 12 34 56 78.'
          : 'Indiquez votre numéro de portable, par exemple 06 12 34 56 78.',
      });
  }
  if (!consent)
    errors.push({
      field: 'consent',
      message: 'Cochez la case pour accepter de recevoir les rappels, ou choisissez « Non merci ».',
    });
  if (errors.length > 0 || !contact) return { errors };
  return {
    choice: {
      channel: wanted === 'courriel' ? 'email' : 'sms',
      contact,
      consentText: consentSentence(ctx.expiresOn),
    },
  };
}

function linksKey(filesKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', filesKey, Buffer.alloc(0), 'sans-couture/navigator-links', 32));
}

/** Seals the two tokens of a reminder's messages, bound to the reminder's id. */
export function sealLinks(
  filesKey: Buffer,
  reminderId: string,
  tokens: { plan: string; stop: string },
): string {
  const sealed = encrypt(linksKey(filesKey), Buffer.from(JSON.stringify(tokens)), reminderId);
  return [sealed.iv, sealed.tag, sealed.content].map((b) => b.toString('base64url')).join('.');
}

/** Opens what `sealLinks` sealed; throws when the data, the id or the key do not match. */
export function unsealLinks(
  filesKey: Buffer,
  reminderId: string,
  sealed: string,
): { plan: string; stop: string } {
  const [iv, tag, content] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !content) throw new Error('sealed links malformed');
  return JSON.parse(decrypt(linksKey(filesKey), { iv, tag, content }, reminderId).toString('utf8')) as {
    plan: string;
    stop: string;
  };
}

/** URLs of the private link and of the stop link. */
export function resumeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/moments-de-vie/reprendre/${token}`;
}
/** The stop link of a reminder. */
export function stopUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/moments-de-vie/rappels/arret/${token}`;
}

/**
 * Creates the reminders of saved answers, in the caller's transaction: the subscription, its messages (the first
 * one now), one durable job per message, and the journal line. Nothing is written when anything fails.
 */
export async function createReminders(
  trx: Transaction<Database>,
  input: {
    savedAnswersId: string;
    resumeToken: string;
    choice: ReminderChoice;
    schedule: PlannedReminder[];
    filesKey: Buffer;
    now: Date;
    actor: Actor;
    requestId?: string | undefined;
  },
): Promise<void> {
  const id = randomUUID();
  const stopToken = newToken();
  await insertReminder(trx, {
    id,
    savedAnswersId: input.savedAnswersId,
    channel: input.choice.channel,
    contact: input.choice.contact,
    consentText: input.choice.consentText,
    consentedAt: input.now,
    stopTokenHash: hashToken(stopToken),
    linksSealed: sealLinks(input.filesKey, id, { plan: input.resumeToken, stop: stopToken }),
  });
  const messages = await insertReminderMessages(trx, id, [
    {
      kind: 'welcome',
      procedureId: '',
      procedureTitle: null,
      organisation: null,
      deadline: null,
      legal: null,
      place: null,
      sendAt: input.now,
    },
    ...input.schedule.map((r) => ({
      kind: r.kind,
      procedureId: r.procedure.id,
      procedureTitle: r.procedure.title,
      organisation: r.procedure.organisation,
      deadline: r.procedure.deadline,
      legal: r.procedure.legal,
      place: r.procedure.place,
      sendAt: r.sendAt,
    })),
  ]);
  for (const m of messages)
    await enqueue(
      trx,
      reminderJobKind,
      { messageId: m.id },
      { idempotencyKey: `${reminderJobKind}:${m.id}`, runAt: m.sendAt, maxAttempts: 12 },
    );
  await journal(trx, {
    actor: input.actor,
    action: 'create',
    subjectType: 'navigator-reminder',
    subjectId: id,
    reason: 'rappels demandés par l’usager',
    requestId: input.requestId,
  });
}

/** What sending a reminder needs. */
export interface ReminderDelivery {
  db: Db;
  mailer: Mailer;
  sms: SmsSender | null;
  publicUrl: string;
  filesKey: Buffer;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'refused' | 'gone' | 'settled';

/**
 * Sends one reminder message (the handler of its durable job). A message already settled, or whose reminders
 * were stopped or deleted, or whose deadline has passed, is not sent. A permanent refusal of the recipient stops
 * the reminders (one transaction); any other failure throws, and the job is tried again later.
 */
export async function deliverReminder(
  deps: ReminderDelivery,
  messageId: string,
  now: Date,
): Promise<DeliveryOutcome> {
  const { db } = deps;
  const message = await messageForDelivery(db, messageId);
  if (!message) return 'gone';
  if (message.status !== 'pending') return 'settled';
  const today = todayInParis(now);
  if (
    message.stoppedAt ||
    !message.contact ||
    !message.linksSealed ||
    !isLifeEventId(message.lifeEvent) ||
    message.expiresAt.getTime() <= now.getTime() ||
    (message.deadline !== null && message.deadline < today)
  ) {
    await settleMessage(db, message.id, 'skipped', now);
    return 'skipped';
  }
  const tokens = unsealLinks(deps.filesKey, message.reminderId, message.linksSealed);
  const links: ReminderLinks = {
    plan: resumeUrl(deps.publicUrl, tokens.plan),
    stop: stopUrl(deps.publicUrl, tokens.stop),
    planUntil: linkExpiresOn(message.expiresAt),
  };
  const eventTitle = lifeEvent(message.lifeEvent).title;
  const procedure =
    message.kind === 'welcome'
      ? null
      : {
          title: message.procedureTitle ?? '',
          organisation: message.organisation,
          deadline: message.deadline ?? today,
          legal: message.legal ?? false,
          place: message.place,
        };
  const upcoming =
    message.kind === 'welcome'
      ? (await pendingProcedureMessages(db, message.reminderId)).map((m) => ({
          procedure: {
            title: m.procedureTitle,
            organisation: null,
            deadline: m.deadline,
            legal: m.legal,
            place: null,
          },
          sendOn: formatDate(m.sendAt),
        }))
      : [];
  try {
    if (message.channel === 'email') {
      const mail = procedure
        ? reminderMail(eventTitle, procedure, today, links)
        : welcomeMail(eventTitle, upcoming, links);
      await deps.mailer.send({
        to: message.contact,
        subject: mail.subject,
        text: mail.text,
        // The same Message-ID if a crash makes the job send it again: the receiving side can drop the copy.
        messageId: `<reminder-${message.id}@sans-couture>`,
        headers: { 'List-Unsubscribe': `<${links.stop}>` },
      });
    } else {
      if (!deps.sms) throw new Error('no SMS provider configured');
      await deps.sms.send({
        to: message.contact,
        text: procedure
          ? reminderSms(procedure, today, links)
          : welcomeSms(eventTitle, upcoming.length, links),
        reference: `reminder-${message.id}`,
      });
    }
  } catch (error) {
    if (!(error instanceof RecipientRefusedError) && !(error instanceof SmsRefusedError)) throw error;
    await db.transaction().execute(async (trx) => {
      await settleMessage(trx, message.id, 'refused', now);
      await stopReminder(trx, message.reminderId, 'refused', now);
      await skipPendingMessages(trx, message.reminderId);
      await journal(trx, {
        actor: null,
        action: 'update',
        subjectType: 'navigator-reminder',
        subjectId: message.reminderId,
        reason: 'destinataire refusé : rappels arrêtés',
      });
    });
    return 'refused';
  }
  await db.transaction().execute(async (trx) => {
    await settleMessage(trx, message.id, 'sent', now);
    await journal(trx, {
      actor: null,
      action: 'read',
      subjectType: 'navigator-reminder',
      subjectId: message.reminderId,
      reason: 'envoi d’un rappel',
    });
  });
  return 'sent';
}

export type StopResult =
  | {
      status: 'stopped' | 'already';
      lifeEvent: string;
      channel: ReminderChannel;
      /** Why they were already stopped. */
      reason: 'request' | 'refused' | null;
    }
  | { status: 'unknown' };

/** Stops the reminders of a stop link, at once and for good (the contact is forgotten). Idempotent. */
export async function stopReminders(
  db: Db,
  token: string,
  now: Date,
  requestId?: string,
): Promise<StopResult> {
  if (!/^[\w-]{20,100}$/.test(token)) return { status: 'unknown' };
  const reminder = await reminderByStopHash(db, hashToken(token));
  if (!reminder) return { status: 'unknown' };
  if (reminder.stoppedAt)
    return {
      status: 'already',
      lifeEvent: reminder.lifeEvent,
      channel: reminder.channel,
      reason: reminder.stopReason,
    };
  await db.transaction().execute(async (trx) => {
    await stopReminder(trx, reminder.id, 'request', now);
    await skipPendingMessages(trx, reminder.id);
    await journal(trx, {
      actor: null,
      action: 'delete',
      subjectType: 'navigator-reminder',
      subjectId: reminder.id,
      reason: 'arrêt des rappels par l’usager (adresse ou numéro effacé)',
      requestId,
    });
  });
  return { status: 'stopped', lifeEvent: reminder.lifeEvent, channel: reminder.channel, reason: null };
}

/** A refusal to tell the resident on the next visit of the private link. */
export interface RefusalNotice {
  channel: ReminderChannel;
  contact: string;
}

/**
 * In the caller's transaction: the refusal of the reminders of saved answers, once — the contact is forgotten
 * as soon as it has been said.
 */
export async function takeRefusalNotice(
  trx: Transaction<Database>,
  savedAnswersId: string,
): Promise<RefusalNotice | null> {
  const reminder = await reminderOfSavedAnswers(trx, savedAnswersId);
  if (!reminder || reminder.stopReason !== 'refused' || !reminder.contact) return null;
  await forgetReminderContact(trx, reminder.id);
  return { channel: reminder.channel, contact: reminder.contact };
}
