// Use-cases of the agents' side: the day or week agenda, the outcome of each appointment, walk-in visits, opening
// ranges (recurring, one occurrence moved or cancelled), absences, and the calendar feed. Every read or write of a
// resident's data is journaled in the same transaction.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal, withPersonalData } from '../../platform/audit.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/errors.ts';
import { addDays, isoWeekday, parisDateTime, parisInstant, parseDate } from '../../platform/dates.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import { queueMail } from '../../platform/jobs/mail.ts';
import { findPlace } from '../territory/store.ts';
import {
  agentOfFeed,
  findAppointment,
  findRange,
  insertAbsence,
  insertRange,
  insertWalkIn,
  listAppointments,
  listMotifs,
  setAppointmentStatus,
  setFeedToken,
  upsertException,
  type AppointmentRow,
} from './store.ts';
import type { AppointmentStatus } from './tables.ts';
import { agentCalendar, cancelledByServiceText, whenText } from './messages.ts';

/** The outcomes an agent records, in the words of the page. */
export const outcomeLabels: Record<Exclude<AppointmentStatus, 'booked' | 'cancelled-by-resident'>, string> = {
  seen: 'Reçu',
  excused: 'Absent excusé',
  'no-show': 'Absent non excusé',
  'cancelled-by-service': 'Annulé par le service',
};
export const statusLabels: Record<AppointmentStatus, string> = {
  booked: 'À venir',
  ...outcomeLabels,
  'cancelled-by-resident': 'Annulé par l’usager',
};

/** The appointments an actor sees: their own, or their organisation's for a manager. */
export async function agentAgenda(
  db: Db,
  actor: Actor,
  from: string,
  days: number,
): Promise<AppointmentRow[]> {
  return withPersonalData(
    db,
    {
      actor,
      action: 'read',
      subjectType: 'appointment',
      subjectId: null,
      reason: `agenda du ${from} (${days} j)`,
    },
    async (trx) =>
      listAppointments(trx, {
        ...(actor.role === 'organisationManager' && actor.organisationId
          ? { organisationId: actor.organisationId }
          : { agentIds: [actor.id] }),
        from: parisInstant(from, '00:00'),
        to: parisInstant(addDays(from, days), '00:00'),
      }),
  );
}

/** Whether an actor may act on an appointment: its agent, or a colleague of the same organisation. */
function mayHandle(actor: Actor, a: AppointmentRow): boolean {
  return (
    a.agent_id === actor.id ||
    (actor.organisationId != null && actor.organisationId === a.agent_organisation_id)
  );
}

/** Records the outcome of an appointment; the person is told when the service cancels. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  appointmentId: string,
  status: keyof typeof outcomeLabels,
  now: Date,
  publicUrl: string,
): Promise<void> {
  const a = await findAppointment(db, appointmentId);
  if (!a || !mayHandle(actor, a)) throw notFound('Ce rendez-vous n’existe pas, ou vous n’y avez pas accès.');
  if (a.status === 'cancelled-by-resident')
    throw new AppError('conflict', 'L’usager a annulé ce rendez-vous : il n’y a pas d’issue à noter.');
  // An outcome is noted from the day of the appointment on (a person may come early); only the service's
  // cancellation may be recorded before.
  if (status !== 'cancelled-by-service' && parisDateTime(a.starts_at).date > parisDateTime(now).date)
    throw invalid([
      { field: 'statut', message: 'Ce rendez-vous n’a pas encore eu lieu : notez son issue le jour venu.' },
    ]);
  await db.transaction().execute(async (trx) => {
    await setAppointmentStatus(trx, a.id, status, actor.id, now, ['booked', 'seen', 'excused', 'no-show']);
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'appointment',
      subjectId: a.id,
      reason: `issue du rendez-vous : ${outcomeLabels[status]}`,
    });
    if (status === 'cancelled-by-service' && a.email && a.status === 'booked' && a.starts_at > now)
      await queueMail(
        trx,
        {
          to: a.email,
          subject: `Rendez-vous du ${whenText(a.starts_at)} annulé`,
          text: cancelledByServiceText(a, `${publicUrl}/rendez-vous?lieu=${a.place_slug}`),
        },
        `appointment-cancelled:${a.id}`,
      );
  });
}

/** Records a walk-in visit at a place, by reason: counted per place (and per bus stop). */
export async function recordWalkIn(db: Db, actor: Actor, placeSlug: string, reason: string, now: Date) {
  const errors: FieldError[] = [];
  const place = await findPlace(db, placeSlug);
  if (!place) errors.push({ field: 'lieu', message: 'Choisissez le lieu de la visite.' });
  const text = reason.trim();
  if (!text || text.length > 120)
    errors.push({ field: 'motif', message: 'Indiquez le motif de la visite (120 caractères au plus).' });
  if (errors.length > 0 || !place) throw invalid(errors, errors[0]!.message);
  return db.transaction().execute(async (trx) => {
    const id = await insertWalkIn(trx, {
      placeId: place.id,
      agentId: actor.id,
      organisationId: actor.organisationId,
      reason: text,
      at: now,
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'walk-in',
      subjectId: id,
      reason: 'visite sans rendez-vous',
    });
    return id;
  });
}

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Input of a new opening range, as the form sends it. */
export interface RangeForm {
  lieu?: string;
  jour?: string;
  debut?: string;
  fin?: string;
  rythme?: string;
  premier?: string;
  dernier?: string;
  motifs?: string | string[];
}

/** Creates a recurring opening range of the actor at a place, for motifs of their organisation. */
export async function createRange(db: Db, actor: Actor, form: RangeForm, today: string): Promise<string> {
  const errors: FieldError[] = [];
  const place = form.lieu ? await findPlace(db, form.lieu) : undefined;
  if (!place) errors.push({ field: 'lieu', message: 'Choisissez le lieu.' });
  const weekday = Number(form.jour);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
    errors.push({ field: 'jour', message: 'Choisissez le jour de la semaine.' });
  const starts = form.debut ?? '';
  const ends = form.fin ?? '';
  if (!timePattern.test(starts))
    errors.push({
      field: 'debut',
      message: 'Heure de début invalide : HH:MM, par exemple 09:00 (de 00:00 à 23:59).',
    });
  if (!timePattern.test(ends))
    errors.push({
      field: 'fin',
      message: 'Heure de fin invalide : HH:MM, par exemple 12:00 (de 00:00 à 23:59).',
    });
  if (timePattern.test(starts) && timePattern.test(ends) && starts >= ends)
    errors.push({ field: 'fin', message: 'La fin doit venir après le début.' });
  const every = Number(form.rythme ?? '1');
  if (!Number.isInteger(every) || every < 1 || every > 8)
    errors.push({ field: 'rythme', message: 'Choisissez le rythme : toutes les 1 à 8 semaines.' });
  const first = form.premier || today;
  if (!parseDate(first)) errors.push({ field: 'premier', message: 'Date invalide : AAAA-MM-JJ.' });
  const last = form.dernier || null;
  if (last && (!parseDate(last) || last < first))
    errors.push({ field: 'dernier', message: 'La date de fin doit être une date après la première.' });
  const wanted = [form.motifs ?? []].flat().filter(Boolean);
  const motifs = actor.organisationId ? await listMotifs(db, { organisationId: actor.organisationId }) : [];
  const motifIds = wanted.filter((id) => motifs.some((m) => m.id === id));
  if (motifIds.length === 0)
    errors.push({ field: 'motifs', message: 'Choisissez au moins un motif de votre organisme.' });
  if (errors.length > 0 || !place) throw invalid(errors, errors[0]!.message);
  // The first occurrence: the first date on or after the one given that falls on the chosen weekday.
  let firstDate = first;
  while (isoWeekday(firstDate) !== weekday) firstDate = addDays(firstDate, 1);
  return db.transaction().execute(async (trx) => {
    const id = await insertRange(trx, {
      agentId: actor.id,
      placeId: place.id,
      weekday,
      everyWeeks: every,
      firstDate,
      untilDate: last,
      starts,
      ends,
      motifIds,
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'opening-range',
      subjectId: id,
      reason: `plage à ${place.slug}`,
    });
    return id;
  });
}

/** Moves or cancels one occurrence of a range (the others stay as they are). */
export async function editOccurrence(
  db: Db,
  actor: Actor,
  rangeId: string,
  form: { date?: string; annuler?: string; debut?: string; fin?: string },
): Promise<void> {
  const range = await findRange(db, rangeId);
  if (!range || range.agentId !== actor.id)
    throw notFound('Cette plage n’existe pas, ou n’est pas la vôtre.');
  const errors: FieldError[] = [];
  const date = form.date ?? '';
  if (!parseDate(date) || isoWeekday(date) !== range.weekday)
    errors.push({
      field: 'date',
      message: 'Choisissez une date où cette plage a lieu (le bon jour de la semaine).',
    });
  const cancelled = form.annuler === 'oui';
  if (!cancelled) {
    if (!timePattern.test(form.debut ?? ''))
      errors.push({ field: 'debut', message: 'Heure de début invalide : HH:MM.' });
    if (!timePattern.test(form.fin ?? ''))
      errors.push({ field: 'fin', message: 'Heure de fin invalide : HH:MM.' });
    if (form.debut && form.fin && form.debut >= form.fin)
      errors.push({ field: 'fin', message: 'La fin doit venir après le début.' });
  }
  if (errors.length > 0) throw invalid(errors, errors[0]!.message);
  await db.transaction().execute(async (trx) => {
    await upsertException(trx, {
      rangeId,
      onDate: date,
      cancelled,
      starts: cancelled ? null : form.debut!,
      ends: cancelled ? null : form.fin!,
    });
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'opening-range',
      subjectId: rangeId,
      reason: cancelled
        ? `occurrence du ${date} annulée`
        : `occurrence du ${date} : ${form.debut}-${form.fin}`,
    });
  });
}

/** Adds an absence of the actor (no slot is offered during it). */
export async function addAbsence(
  db: Db,
  actor: Actor,
  form: { du?: string; au?: string; motif?: string },
): Promise<void> {
  const errors: FieldError[] = [];
  const from = form.du ?? '';
  const to = form.au || from;
  if (!parseDate(from)) errors.push({ field: 'du', message: 'Date de début invalide : AAAA-MM-JJ.' });
  if (!parseDate(to) || to < from)
    errors.push({ field: 'au', message: 'La date de fin doit être le même jour ou après.' });
  if (errors.length > 0) throw invalid(errors, errors[0]!.message);
  await db.transaction().execute(async (trx) => {
    const id = await insertAbsence(trx, {
      agentId: actor.id,
      startsAt: parisInstant(from, '00:00'),
      endsAt: parisInstant(addDays(to, 1), '00:00'),
      reason: (form.motif ?? '').slice(0, 120),
    });
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'absence',
      subjectId: id,
      reason: `absence du ${from} au ${to}`,
    });
  });
}

/** A new secret address for the actor's calendar feed (the previous one stops working). */
export async function renewCalendarFeed(db: Db, actor: Actor): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await setFeedToken(trx, actor.id, hashToken(token));
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'calendar-feed',
      subjectId: actor.id,
      reason: 'nouvelle adresse du flux agenda',
    });
  });
  return token;
}

/** The calendar feed of a token: the agent's appointments from a month ago to three months ahead. */
export async function calendarFeed(db: Db, token: string, now: Date): Promise<string> {
  const agentId = /^[A-Za-z0-9_-]{43}$/.test(token) ? await agentOfFeed(db, hashToken(token)) : undefined;
  if (!agentId) throw notFound('Ce flux n’existe pas : créez une nouvelle adresse depuis votre agenda.');
  const appointments = await listAppointments(db, {
    agentIds: [agentId],
    from: new Date(now.getTime() - 31 * 86_400_000),
    to: new Date(now.getTime() + 92 * 86_400_000),
  });
  return agentCalendar(
    appointments.filter((a) => a.status !== 'cancelled-by-resident'),
    now,
  );
}
