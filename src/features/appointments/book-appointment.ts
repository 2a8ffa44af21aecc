// Use-cases: book a slot (the public without an account, or an agent on behalf of a resident, maybe from a shared
// case), cancel or move it with the link's token. One transaction each: the appointment, its journal line, the
// case's thread when booked from one, and the jobs of its messages.
// Two bookings of the same time never both succeed: the database's exclusion constraint refuses the second,
// even when both commit at the same instant; no check-then-insert.
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { journal, type AuditEntry } from '../../platform/audit.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { createHmac, randomUUID } from 'node:crypto';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { parisInstant } from '../../platform/dates.ts';
import { busWindowsAt, closingRules } from './find-slots.ts';
import { decodeSlotId, slotProblem } from './slots.ts';
import {
  findAppointment,
  findAppointmentByTokenHash,
  findMotif,
  findRange,
  insertAppointment,
  listExceptions,
  setAppointmentStatus,
  type AppointmentRow,
  type Motif,
  type Range,
} from './store.ts';
import { appointmentCalendar, confirmationText, whenText } from './messages.ts';
import { noteAppointmentOnCase } from '../cases/booking-hooks.ts';

type Trx = Transaction<Database>;

/** Who books: the public (no account) or a connected agent for a resident. */
export type Booker = { kind: 'public' } | { kind: 'agent'; actor: Actor; caseId: string | null };

export interface PersonInput {
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

export interface BookingInput {
  slot: string;
  person: PersonInput;
  consent: boolean;
}

/** The checked person: names trimmed, phone in 0X XX XX XX XX form. */
export interface Person {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

const emailPattern = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/;

/** Normalises a French phone number ("06 12 34 56 78", "+33612345678") to "0612345678", or null. */
export function normalisePhone(value: string): string | null {
  const compact = value.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(compact);
  return match ? `0${match[1]}` : null;
}

/** Checks the person and the consent; field names are the API's (`person.email`). */
export function checkPerson(person: PersonInput, consent: boolean): { person: Person; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const firstName = (person.firstName ?? '').trim();
  const lastName = (person.lastName ?? '').trim();
  const email = (person.email ?? '').trim();
  const phone = (person.phone ?? '').trim();
  if (!firstName || firstName.length > 80)
    errors.push({ field: 'person.firstName', message: 'Indiquez votre prénom (80 caractères au plus).' });
  if (!lastName || lastName.length > 80)
    errors.push({ field: 'person.lastName', message: 'Indiquez votre nom (80 caractères au plus).' });
  if (email && (!emailPattern.test(email) || email.length > 200))
    errors.push({
      field: 'person.email',
      message: 'Cette adresse de courriel n’est pas valide (exemple : nom@exemple.fr).',
    });
  const normalisedPhone = phone ? normalisePhone(phone) : null;
  if (phone && !normalisedPhone)
    errors.push({
      field: 'person.phone',
      message: 'Ce numéro de téléphone n’est pas valide : 10 chiffres, par exemple 06 12 34 56 78.',
    });
  if (!email && !phone)
    errors.push({
      field: 'person.email',
      message: 'Indiquez une adresse de courriel ou un numéro de téléphone pour recevoir la confirmation.',
    });
  if (!consent)
    errors.push({
      field: 'consent',
      message: 'Cochez la case pour accepter que vos coordonnées servent à ce rendez-vous.',
    });
  return { person: { firstName, lastName, email: email || null, phone: normalisedPhone }, errors };
}

export interface BookingDeps {
  db: Db;
  publicUrl: string;
  /** Secret key the appointments' links are derived from (the configuration's FILES_KEY). */
  linkKey: Buffer;
  now: Date;
  requestId?: string;
}

/**
 * The token of an appointment's link: derived from its id with a secret key, so that a reminder sent days later
 * carries the same link as the confirmation while the database keeps only the token's hash.
 */
export function appointmentToken(linkKey: Buffer, appointmentId: string): string {
  return createHmac('sha256', linkKey).update(`appointment-link:${appointmentId}`).digest('base64url');
}

/** The page where the resident manages the appointment (the link of every message). */
export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/rendez-vous/gerer/${token}`;
}

const exclusionViolation = '23P01';
function isDoubleBooking(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === exclusionViolation;
}

export const slotTakenMessage =
  'Ce créneau vient d’être réservé par une autre personne. Choisissez un autre créneau : il en reste d’autres.';

/**
 * Why a slot cannot be booked now (or null): its range's exception that day, the place's closures, and for a bus
 * stop the bus's passages as the tours say now.
 */
async function problemOf(
  db: Db,
  decoded: NonNullable<ReturnType<typeof decodeSlotId>>,
  range: Range,
  motif: Motif,
  now: Date,
  audience: 'public' | 'agent',
): Promise<string | null> {
  const [exceptions, closedOn, windows] = await Promise.all([
    listExceptions(db, [range.id], decoded.date, decoded.date),
    closingRules(db, [range.placeId]),
    busWindowsAt(db, [range.placeId]),
  ]);
  return slotProblem(
    decoded,
    range,
    exceptions[0],
    motif,
    closedOn(range.placeId),
    now,
    audience,
    windows(range.placeId),
  );
}

/** Checks that a slot id names a bookable slot; returns what the booking needs. */
async function resolveSlot(db: Db | Trx, slotId: string, audience: 'public' | 'agent', now: Date) {
  const decoded = decodeSlotId(slotId);
  const slotError = (message: string) => invalid([{ field: 'slot', message }], message);
  if (!decoded) throw slotError('Ce créneau n’existe pas : choisissez-en un dans la liste.');
  const [range, motif] = await Promise.all([findRange(db, decoded.rangeId), findMotif(db, decoded.motifId)]);
  if (!range || !motif || !motif.active)
    throw slotError('Ce créneau n’existe pas : choisissez-en un dans la liste.');
  const problem = await problemOf(db as Db, decoded, range, motif, now, audience);
  if (problem) throw slotError(problem);
  return { decoded, range, motif };
}

/** Queues the confirmation (mail with its calendar file, and SMS) in the booking's transaction. */
async function queueConfirmation(trx: Trx, a: AppointmentRow, url: string, now: Date) {
  if (a.email)
    await queueMail(
      trx,
      {
        to: a.email,
        subject: `Rendez-vous confirmé : ${whenText(a.starts_at)}`,
        text: confirmationText(a, url),
        attachments: [
          {
            filename: 'rendez-vous.ics',
            content: appointmentCalendar(a, url, now),
            contentType: 'text/calendar',
          },
        ],
      },
      `appointment-confirmation:${a.id}`,
    );
  if (a.phone)
    await enqueue(
      trx,
      'appointments.sms',
      { appointmentId: a.id, kind: 'confirmation' },
      { idempotencyKey: `appointment-sms:confirmation:${a.id}`, maxAttempts: 6 },
    );
}

/** Books a slot; 400 for a bad slot or person, 409 when someone else holds the time. */
export async function bookAppointment(
  deps: BookingDeps,
  input: BookingInput,
  booker: Booker,
): Promise<{ appointment: AppointmentRow; token: string; manageUrl: string }> {
  const audience = booker.kind === 'public' ? 'public' : 'agent';
  const { person, errors } = checkPerson(input.person, input.consent);
  if (errors.length > 0) throw invalid(errors, errors[0]!.message);
  const { decoded, range, motif } = await resolveSlot(deps.db, input.slot, audience, deps.now);
  const newId = randomUUID();
  const token = appointmentToken(deps.linkKey, newId);
  const begins = parisInstant(decoded.date, decoded.time);
  const entry: AuditEntry = {
    actor: booker.kind === 'agent' ? { id: booker.actor.id, role: booker.actor.role } : null,
    action: 'create',
    subjectType: 'appointment',
    subjectId: null,
    reason:
      booker.kind === 'agent' ? 'prise de rendez-vous pour un usager' : 'prise de rendez-vous par l’usager',
    ...(deps.requestId ? { requestId: deps.requestId } : {}),
  };
  try {
    const appointment = await deps.db.transaction().execute(async (trx) => {
      // Booked from a shared case: the case is checked (and locked) first, its thread says so, all in this
      // transaction (a case closed meanwhile, or one the agent may not work on, refuses the booking whole).
      if (booker.kind === 'agent' && booker.caseId)
        await noteAppointmentOnCase(
          trx,
          booker.actor,
          booker.caseId,
          `le ${whenText(begins)}, ${range.placeName} (${motif.name})`,
          deps.now,
          deps.requestId,
        );
      const id = await insertAppointment(trx, {
        id: newId,
        motifId: motif.id,
        placeId: range.placeId,
        agentId: range.agentId,
        rangeId: range.id,
        startsAt: begins,
        endsAt: new Date(begins.getTime() + motif.durationMinutes * 60_000),
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        phone: person.phone,
        consentAt: deps.now,
        bookedVia: booker.kind,
        bookedBy: booker.kind === 'agent' ? booker.actor.id : null,
        caseId: booker.kind === 'agent' ? booker.caseId : null,
        cancelTokenHash: hashToken(token),
      });
      await journal(trx, { ...entry, subjectId: id });
      const row = (await findAppointment(trx, id))!;
      await queueConfirmation(trx, row, manageUrl(deps.publicUrl, token), deps.now);
      return row;
    });
    return { appointment, token, manageUrl: manageUrl(deps.publicUrl, token) };
  } catch (error) {
    if (isDoubleBooking(error))
      throw new AppError('conflict', slotTakenMessage, [{ field: 'slot', message: slotTakenMessage }]);
    throw error;
  }
}

/** The appointment of a manage link's token; 404 when the link is not one of ours. */
export async function appointmentOfToken(db: Db, token: string): Promise<AppointmentRow> {
  const row = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await findAppointmentByTokenHash(db, hashToken(token))
    : undefined;
  if (!row)
    throw notFound(
      'Ce lien de rendez-vous n’existe pas ou a expiré : les liens valent jusqu’au rendez-vous.',
    );
  return row;
}

/** Why a manage link can no longer change its appointment, or null. */
export function tokenProblem(a: AppointmentRow, now: Date): string | null {
  if (a.status === 'cancelled-by-resident')
    return 'Ce rendez-vous est déjà annulé : le lien ne sert qu’une fois.';
  if (a.status === 'cancelled-by-service') return 'Ce rendez-vous a été annulé par le service.';
  if (a.status !== 'booked' || a.starts_at.getTime() <= now.getTime())
    return 'Ce rendez-vous est passé : le lien a expiré.';
  return null;
}

/** Cancels with the link's token; 409 when already cancelled or past. */
export async function cancelByToken(deps: BookingDeps, token: string): Promise<AppointmentRow> {
  const a = await appointmentOfToken(deps.db, token);
  const problem = tokenProblem(a, deps.now);
  if (problem) throw new AppError('conflict', problem, [{ field: 'token', message: problem }]);
  await deps.db.transaction().execute(async (trx) => {
    const changed = await setAppointmentStatus(trx, a.id, 'cancelled-by-resident', null, deps.now, [
      'booked',
    ]);
    if (!changed) {
      const message = 'Ce rendez-vous est déjà annulé : le lien ne sert qu’une fois.';
      throw new AppError('conflict', message, [{ field: 'token', message }]);
    }
    await journal(trx, {
      actor: null,
      action: 'update',
      subjectType: 'appointment',
      subjectId: a.id,
      reason: 'annulation par l’usager',
      ...(deps.requestId ? { requestId: deps.requestId } : {}),
    });
  });
  return (await findAppointment(deps.db, a.id))!;
}

/** Moves an appointment to another slot with the link's token: the old one is freed, the link follows. */
export async function moveByToken(
  deps: BookingDeps,
  token: string,
  slotId: string,
): Promise<{ appointment: AppointmentRow; token: string; manageUrl: string }> {
  const old = await appointmentOfToken(deps.db, token);
  const problem = tokenProblem(old, deps.now);
  if (problem) throw new AppError('conflict', problem, [{ field: 'token', message: problem }]);
  const { decoded, range, motif } = await resolveSlot(deps.db, slotId, 'public', deps.now);
  const begins = parisInstant(decoded.date, decoded.time);
  const newId = randomUUID();
  const newToken = appointmentToken(deps.linkKey, newId);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const changed = await setAppointmentStatus(trx, old.id, 'cancelled-by-resident', null, deps.now, [
        'booked',
      ]);
      if (!changed)
        throw new AppError('conflict', 'Ce rendez-vous est déjà annulé : le lien ne sert qu’une fois.');
      const id = await insertAppointment(trx, {
        id: newId,
        motifId: motif.id,
        placeId: range.placeId,
        agentId: range.agentId,
        rangeId: range.id,
        startsAt: begins,
        endsAt: new Date(begins.getTime() + motif.durationMinutes * 60_000),
        firstName: old.first_name ?? '',
        lastName: old.last_name ?? '',
        email: old.email,
        phone: old.phone,
        consentAt: old.consent_at,
        bookedVia: old.booked_via,
        bookedBy: old.booked_by,
        caseId: old.case_id,
        cancelTokenHash: hashToken(newToken),
      });
      await journal(trx, {
        actor: null,
        action: 'update',
        subjectType: 'appointment',
        subjectId: id,
        reason: `déplacement par l’usager (ancien rendez-vous ${old.id})`,
        ...(deps.requestId ? { requestId: deps.requestId } : {}),
      });
      const row = (await findAppointment(trx, id))!;
      await queueConfirmation(trx, row, manageUrl(deps.publicUrl, newToken), deps.now);
      return { appointment: row, token: newToken, manageUrl: manageUrl(deps.publicUrl, newToken) };
    });
  } catch (error) {
    if (isDoubleBooking(error))
      throw new AppError('conflict', slotTakenMessage, [{ field: 'slot', message: slotTakenMessage }]);
    throw error;
  }
}

/** What a slot id names, and why it cannot be booked (or null); undefined when the id is not one of ours. */
export async function describeSlot(db: Db, slotId: string, audience: 'public' | 'agent', now: Date) {
  const decoded = decodeSlotId(slotId);
  if (!decoded) return undefined;
  const [range, motif] = await Promise.all([findRange(db, decoded.rangeId), findMotif(db, decoded.motifId)]);
  if (!range || !motif || !motif.active) return undefined;
  const problem = await problemOf(db, decoded, range, motif, now, audience);
  return { ...decoded, range, motif, problem };
}

/**
 * Runs a booking use-case for a page: its result, or the user error it raised (a bad field, a slot taken) so
 * that the page can show the form again with the message; any other error goes on to the central handler.
 */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'validation' || error.code === 'conflict'))
      return { ok: false, error };
    throw error;
  }
}
