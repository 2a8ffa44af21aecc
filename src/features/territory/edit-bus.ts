// Use-cases of the bus tours in the offer's pages: the manager of the bus's organisation, the territory's pilot
// and administrators add a stop (a commune of the territory, the stop's place in it, a calendar), change its
// hours, rhythm and dates, cancel one passage (shown to residents like a closure) or restore it, remove a stop.
// A bad field gives its French message and nothing is written; every change is journaled in its transaction.
//
// Appointments already booked at a stop are never silently lost: a change that would leave one outside every
// passage of the bus is refused, with the list of those appointments (date, time, motif: no resident's name).
// Why refuse rather than move or cancel them ourselves: a moved time may not suit the resident, and only the
// crew knows whether to call them, move them to another stop or cancel; the agenda already cancels "by the
// service" with a mail to the resident. The tour's editor cancels or moves them there, then tries again.
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { journal } from '../../platform/audit.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { addDays, frenchDate, isoWeekday, parisDateTime, parseDate } from '../../platform/dates.ts';
import { bookedAppointmentsAt } from '../appointments/bus-hooks.ts';
import {
  appointmentsLeftWithoutBus,
  busWindows,
  hourText,
  nextPassages,
  rhythmText,
  stopsOn,
  type Passage,
} from './bus.ts';
import {
  deleteCancellation,
  deleteStop,
  findStopPlace,
  findTour,
  insertCancellation,
  insertStop,
  lockTourForEdit,
  updateStop,
  type BusTour,
  type StopValues,
} from './bus-store.ts';
import { canEditOffer } from './edit-offer.ts';
import { closedOnFor } from './hours.ts';
import { FormChecks } from './offer-checks.ts';
import { uniqueSlug } from './offer-slugs.ts';
import { findCommune, findPlace, forgetTerritory, insertPlace, readBusStops } from './store.ts';

/** The form of a stop's calendar (and, to add one, its commune and place). */
export interface StopForm {
  commune?: string;
  adresse?: string;
  premier?: string;
  rythme?: string;
  debut?: string;
  fin?: string;
  dernier?: string;
}

/** The form cancelling one passage. */
export interface CancellationForm {
  date?: string;
  motif?: string;
}

/** The day and instant the use-cases judge by (the app's clock). */
export interface Today {
  today: string;
  now: Date;
}

/** How far ahead the tour's page lists the passages that may be cancelled. */
export const cancellableWeeks = 12;

/** The tour an actor may change, or a 404 / 403. */
export async function tourToEdit(db: Executor, actor: Actor, slug: string): Promise<BusTour> {
  const tour = await findTour(db, slug);
  if (!tour) throw notFound('Cette tournée n’existe pas.');
  if (!canEditOffer(actor, tour.territoryId, tour.bus.organisationId))
    throw forbidden(
      'Seuls l’organisme du bus, le pilote du territoire et les administrateurs changent ses arrêts.',
    );
  return tour;
}

/** A tour with its stops and, per stop, its coming passages (cancelled ones marked). */
export async function tourWithStops(db: Db, actor: Actor, slug: string, today: string) {
  const tour = await tourToEdit(db, actor, slug);
  const [stops, closedOn] = await Promise.all([readBusStops(db, { tourId: tour.id }), busClosedOn(db, tour)]);
  const passages = new Map<string, Passage[]>(
    stops.map((s) => [s.id, nextPassages([s], today, 7 * cancellableWeeks, closedOn)]),
  );
  return { tour, stops, passages };
}

/** One stop of a tour that an actor may change, or a 404. */
export async function stopToEdit(db: Db, actor: Actor, slug: string, stopId: string, today: string) {
  const { tour, stops, passages } = await tourWithStops(db, actor, slug, today);
  const stop = stops.find((s) => s.id === stopId);
  if (!stop) throw notFound('Cet arrêt n’existe pas dans cette tournée.');
  return { tour, stop, passages: passages.get(stop.id) ?? [] };
}

async function busClosedOn(db: Db, tour: BusTour) {
  const bus = await findPlace(db, tour.bus.slug);
  return closedOnFor(bus?.closures ?? [], bus?.openOnPublicHolidays ?? false);
}

/** 'HH:MM' from "9:15", "09:15", "9h15" or "9 h"; null when it is no time of day. */
export function readTime(value: string | undefined): string | null {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec((value ?? '').trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Reads a stop's calendar; throws the French messages of its bad fields. */
export function stopValues(form: StopForm, check = new FormChecks()): StopValues {
  const first = (form.premier ?? '').trim();
  if (!parseDate(first))
    check.fail(
      'premier',
      'Indiquez la date du premier passage, au format AAAA-MM-JJ (exemple : 2027-01-04).',
    );
  const rhythm = (form.rythme ?? '').trim();
  const everyWeeks = /^\d{1,2}$/.test(rhythm) ? Number(rhythm) : NaN;
  if (!(everyWeeks >= 1 && everyWeeks <= 8))
    check.fail(
      'rythme',
      'Le rythme est un nombre de semaines entre 1 et 8 (1 : chaque semaine, 2 : une semaine sur deux).',
    );
  const starts = readTime(form.debut);
  if (!starts) check.fail('debut', 'Heure de début invalide : écrivez-la comme 09:15, entre 00:00 et 23:59.');
  const ends = readTime(form.fin);
  if (!ends) check.fail('fin', 'Heure de fin invalide : écrivez-la comme 12:30, entre 00:00 et 23:59.');
  else if (starts && ends <= starts) check.fail('fin', 'L’heure de fin doit être après l’heure de début.');
  const last = (form.dernier ?? '').trim();
  if (last && !parseDate(last))
    check.fail('dernier', 'Date du dernier passage invalide : AAAA-MM-JJ, ou laissez vide.');
  else if (last && parseDate(first) && last < first)
    check.fail('dernier', 'Le dernier passage ne peut pas être avant le premier : vérifiez les deux dates.');
  if (check.failed) throw invalid(check.errors, check.errors[0]!.message);
  return {
    // The weekday is the first passage's: the calendar can never name a Monday and start on a Tuesday.
    weekday: isoWeekday(first),
    everyWeeks,
    firstDate: first,
    untilDate: last || null,
    starts: starts!,
    ends: ends!,
  };
}

/** "un lundi sur deux de 9 h à 12 h, du 2027-01-04 au 2027-06-28". */
function calendarText(v: StopValues): string {
  return `${rhythmText(v)} de ${hourText(v.starts)} à ${hourText(v.ends)}, à partir du ${v.firstDate}${
    v.untilDate ? ` jusqu’au ${v.untilDate}` : ''
  }`;
}

/**
 * Refuses (rolling the transaction back) when appointments booked at the places would no longer fall within a
 * passage of the bus, the tour's stops being read as the transaction now has them.
 */
async function keepBookedAppointments(
  trx: Executor,
  db: Db,
  tour: BusTour,
  placeIds: string[],
  now: Date,
  field: string,
): Promise<void> {
  const booked = await bookedAppointmentsAt(trx, placeIds, now);
  if (booked.length === 0) return;
  const stops = await readBusStops(trx, { tourId: tour.id });
  const windows = busWindows(
    stops.map((s) => ({ ...s, placeId: s.place.id })),
    await busClosedOn(db, tour),
  );
  const left = appointmentsLeftWithoutBus(booked, windows);
  if (left.length === 0) return;
  const list = left
    .map((a) => {
      const { date, time } = parisDateTime(a.startsAt);
      return `${frenchDate(date)} à ${hourText(time)} (${a.motif})`;
    })
    .join(' ; ');
  const message =
    `${left.length === 1 ? 'Un rendez-vous pris ne serait' : `${left.length} rendez-vous pris ne seraient`} ` +
    `plus dans un passage du bus : ${list}. Rien n’a été changé. Annulez-les d’abord dans l’agenda de l’équipage ` +
    `(« annulé par le service » : l’usager est prévenu par courriel) ou déplacez-les avec l’usager, puis recommencez.`;
  throw invalid([{ field, message }], message);
}

/** Adds a stop to a tour: in a commune of the territory, at the bus's stop there (created when there is none). */
export async function addStop(db: Db, actor: Actor, slug: string, form: StopForm, clock: Today) {
  const tour = await tourToEdit(db, actor, slug);
  const check = new FormChecks();
  const code = (form.commune ?? '').trim().toUpperCase();
  const commune = /^\d[\dAB]\d{3}$/.test(code) ? await findCommune(db, code) : undefined;
  if (!code) check.fail('commune', 'Indiquez le code INSEE de la commune de l’arrêt (exemple : 46007).');
  else if (!commune)
    check.fail(
      'commune',
      `Le code INSEE « ${code.slice(0, 10)} » ne correspond à aucune commune : vérifiez-le.`,
    );
  else if (!commune.territoryIds.includes(tour.territoryId))
    check.fail(
      'commune',
      `${commune.name} (${commune.inseeCode}) n’est pas une commune du territoire de ce bus.`,
    );
  const address = check.text('adresse', form.adresse, 300);
  const values = stopValues(form, check);
  if (values.firstDate < clock.today)
    throw invalid([
      { field: 'premier', message: 'Le premier passage d’un nouvel arrêt ne peut pas être passé.' },
    ]);
  const stopId = await db.transaction().execute(async (trx) => {
    await lockTourForEdit(trx, tour.id);
    let place = await findStopPlace(trx, tour.bus.organisationId, commune!.inseeCode);
    if (!place) {
      const name = `${tour.name} — arrêt à ${commune!.name}`;
      const placeSlug = await uniqueSlug(trx, 'places', `arret bus ${commune!.name}`);
      const id = await insertPlace(trx, placeSlug, {
        territoryId: tour.territoryId,
        organisationId: tour.bus.organisationId,
        name,
        kind: 'bus-stop',
        address,
        addressComplement: null,
        postalCode: commune!.postalCodes[0] ?? null,
        communeInsee: commune!.inseeCode,
        latitude: null,
        longitude: null,
        phone: tour.bus.phone,
        email: tour.bus.email,
        openingHours: [],
        hoursNote: 'Le bus s’arrête ici : voir les prochains passages.',
        openOnPublicHolidays: false,
        source: 'saisi dans Sans Couture',
      });
      await journal(trx, {
        actor,
        action: 'create',
        subjectType: 'place',
        subjectId: id,
        reason: `lieu ${placeSlug} créé pour un arrêt du bus ${tour.slug}`,
      });
      place = { id, slug: placeSlug };
    }
    const id = await insertStop(trx, tour.id, place.id, values);
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'bus-stop',
      subjectId: id,
      reason: `arrêt du bus ${tour.slug} à ${commune!.name} (${place.slug}) : ${calendarText(values)}`,
    });
    return id;
  });
  forgetTerritory(db);
  return stopId;
}

/** Changes a stop's calendar (hours, rhythm, first and last passage). */
export async function editStop(
  db: Db,
  actor: Actor,
  slug: string,
  stopId: string,
  form: StopForm,
  clock: Today,
): Promise<void> {
  const { tour, stop } = await stopToEdit(db, actor, slug, stopId, clock.today);
  const values = stopValues(form);
  await db.transaction().execute(async (trx) => {
    await lockTourForEdit(trx, tour.id);
    await updateStop(trx, stop.id, values);
    await keepBookedAppointments(trx, db, tour, [stop.place.id], clock.now, 'rendez-vous');
    await journal(trx, {
      actor,
      action: 'update',
      subjectType: 'bus-stop',
      subjectId: stop.id,
      reason: `arrêt du bus ${tour.slug} à ${stop.place.communeName} : ${calendarText(values)} (avant : ${calendarText(stop)})`,
    });
  });
  forgetTerritory(db);
}

/** Removes a stop from a tour (its place stays, with its history). */
export async function removeStop(db: Db, actor: Actor, slug: string, stopId: string, clock: Today) {
  const { tour, stop } = await stopToEdit(db, actor, slug, stopId, clock.today);
  await db.transaction().execute(async (trx) => {
    await lockTourForEdit(trx, tour.id);
    await deleteStop(trx, stop.id);
    await keepBookedAppointments(trx, db, tour, [stop.place.id], clock.now, 'rendez-vous');
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'bus-stop',
      subjectId: stop.id,
      reason: `arrêt du bus ${tour.slug} à ${stop.place.communeName} retiré (${calendarText(stop)})`,
    });
  });
  forgetTerritory(db);
}

/** Cancels one coming passage of a stop, with the reason shown to residents. */
export async function cancelPassage(
  db: Db,
  actor: Actor,
  slug: string,
  stopId: string,
  form: CancellationForm,
  clock: Today,
): Promise<void> {
  const { tour, stop } = await stopToEdit(db, actor, slug, stopId, clock.today);
  const check = new FormChecks();
  const date = (form.date ?? '').trim();
  const reason = check.text('motif', form.motif, 120) ?? '';
  if (!parseDate(date)) check.fail('date', 'Choisissez le passage à annuler.');
  else if (date < clock.today)
    check.fail('date', 'Ce passage est déjà passé : choisissez un passage à venir.');
  else if (date > addDays(clock.today, 7 * cancellableWeeks) || !stopsOn(stop, date))
    check.fail(
      'date',
      `Le bus ne passe pas à ${stop.place.communeName} le ${frenchDate(date)} : choisissez un de ses passages.`,
    );
  else if (stop.cancellations.some((c) => c.date === date)) check.fail('date', 'Ce passage est déjà annulé.');
  if (check.failed) throw invalid(check.errors, check.errors[0]!.message);
  await db.transaction().execute(async (trx) => {
    await lockTourForEdit(trx, tour.id);
    const id = await insertCancellation(trx, stop.id, date, reason);
    await keepBookedAppointments(trx, db, tour, [stop.place.id], clock.now, 'date');
    await journal(trx, {
      actor,
      action: 'create',
      subjectType: 'bus-passage-cancellation',
      subjectId: id,
      reason: `passage du bus ${tour.slug} à ${stop.place.communeName} le ${date} annulé${reason ? ` : ${reason}` : ''}`,
    });
  });
  forgetTerritory(db);
}

/** Restores a cancelled passage (the bus comes after all). */
export async function restorePassage(
  db: Db,
  actor: Actor,
  slug: string,
  stopId: string,
  cancellationId: string,
  clock: Today,
): Promise<void> {
  const { tour, stop } = await stopToEdit(db, actor, slug, stopId, clock.today);
  await db.transaction().execute(async (trx) => {
    await lockTourForEdit(trx, tour.id);
    const date = await deleteCancellation(trx, stop.id, cancellationId);
    if (!date) throw notFound('Cette annulation n’existe pas.');
    await journal(trx, {
      actor,
      action: 'delete',
      subjectType: 'bus-passage-cancellation',
      subjectId: cancellationId,
      reason: `passage du bus ${tour.slug} à ${stop.place.communeName} le ${date} rétabli`,
    });
  });
  forgetTerritory(db);
}

/** The tours an actor may change on their territories. */
export function editableTours<T extends BusTour>(actor: Actor, tours: T[]): T[] {
  return tours.filter((t) => canEditOffer(actor, t.territoryId, t.bus.organisationId));
}
