// The public-service bus: its coming passages at each stop, from the stops' calendars (a weekday, every N weeks
// from a first date), skipping public holidays and the bus's exceptional closures, with the passages cancelled
// one by one; when the bus is at a stop (the windows in which appointments may be booked there); which booked
// appointments a changed calendar would leave without a bus. Pure functions.
import {
  addDays,
  daysBetween,
  frenchDate,
  isoWeekday,
  parisDateTime,
  parisInstant,
} from '../../platform/dates.ts';
import type { ClosedOn } from './hours.ts';
import type { BusStop } from './store.ts';

/** One coming passage of the bus at a stop; `cancelled` holds the reason when that passage is called off. */
export interface Passage {
  stop: BusStop;
  date: string;
  starts: string;
  ends: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: { reason: string } | null;
}

/** The calendar of a stop, as the pure functions read it. */
export type StopCalendar = Pick<
  BusStop,
  'weekday' | 'everyWeeks' | 'firstDate' | 'untilDate' | 'starts' | 'ends' | 'cancellations'
>;

/** Whether a stop's calendar brings the bus on a date (its weekday, its rhythm, within its dates). */
export function stopsOn(stop: Omit<StopCalendar, 'cancellations'>, date: string): boolean {
  if (stop.weekday !== isoWeekday(date) || date < stop.firstDate || (stop.untilDate && date > stop.untilDate))
    return false;
  return daysBetween(stop.firstDate, date) % (7 * stop.everyWeeks) === 0;
}

/**
 * The passages of stops from `from` (included) over `days`, in time order, at most `limit`. A cancelled passage is
 * listed (residents are told) but marked; a day the bus is closed (public holiday, closure of the bus) has none.
 */
export function nextPassages(
  stops: readonly BusStop[],
  from: string,
  days: number,
  closedOn: ClosedOn,
  limit = 50,
): Passage[] {
  const passages: Passage[] = [];
  for (let d = 0; d < days && passages.length < limit; d++) {
    const date = addDays(from, d);
    if (closedOn(date)) continue;
    for (const stop of stops) {
      if (!stopsOn(stop, date)) continue;
      const cancellation = stop.cancellations.find((c) => c.date === date);
      passages.push({
        stop,
        date,
        starts: stop.starts,
        ends: stop.ends,
        startsAt: parisInstant(date, stop.starts),
        endsAt: parisInstant(date, stop.ends),
        cancelled: cancellation ? { reason: cancellation.reason } : null,
      });
    }
  }
  return passages.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, limit);
}

/** The first passage that is not cancelled. */
export function nextPassage(passages: readonly Passage[]): Passage | undefined {
  return passages.find((p) => !p.cancelled);
}

/** A time range of one day, local 'HH:MM'. */
export interface TimeWindow {
  starts: string;
  ends: string;
}

/**
 * When the bus is at each of its stops' places: for a place that is a stop, the windows of a date (none when the
 * bus does not come, is closed or its passage is cancelled); null for a place that is no stop (no restriction).
 */
export function busWindows(
  stops: readonly (StopCalendar & { placeId: string })[],
  busClosedOn: ClosedOn,
): (placeId: string) => ((date: string) => TimeWindow[]) | null {
  const byPlace = new Map<string, (StopCalendar & { placeId: string })[]>();
  for (const stop of stops) byPlace.set(stop.placeId, [...(byPlace.get(stop.placeId) ?? []), stop]);
  return (placeId) => {
    const atPlace = byPlace.get(placeId);
    if (!atPlace) return null;
    return (date) => {
      if (busClosedOn(date)) return [];
      return atPlace
        .filter((s) => stopsOn(s, date) && !s.cancellations.some((c) => c.date === date))
        .map((s) => ({ starts: s.starts, ends: s.ends }));
    };
  };
}

/** A booked appointment, as a tour change reads it (times only: no resident's name or contact). */
export interface BookedAppointment {
  id: string;
  placeId: string;
  startsAt: Date;
  endsAt: Date;
  motif: string;
}

/** The booked appointments at stops that no window of the bus covers any more (after a change of its calendar). */
export function appointmentsLeftWithoutBus(
  booked: readonly BookedAppointment[],
  windowsOf: ReturnType<typeof busWindows>,
): BookedAppointment[] {
  return booked.filter((a) => {
    const windows = windowsOf(a.placeId);
    if (!windows) return true;
    const start = parisDateTime(a.startsAt);
    const end = parisDateTime(a.endsAt);
    return !windows(start.date).some(
      (w) => w.starts <= start.time && end.date === start.date && end.time <= w.ends,
    );
  });
}

/** "9 h", "12 h 30" from 'HH:MM'. */
export function hourText(time: string): string {
  const [h, m] = time.split(':');
  return `${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
}

/** "lundi 7 décembre 2026, de 9 h à 12 h". */
export function passageText(p: Pick<Passage, 'date' | 'starts' | 'ends'>): string {
  return `${frenchDate(p.date)}, de ${hourText(p.starts)} à ${hourText(p.ends)}`;
}

const weekdayNames = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** The French name of an ISO weekday (1 = lundi). */
export function weekdayName(weekday: number): string {
  return weekdayNames[weekday - 1]!;
}

/** "un mardi sur deux", "chaque lundi", "un jeudi toutes les 4 semaines". */
export function rhythmText(stop: Pick<BusStop, 'weekday' | 'everyWeeks'>): string {
  const day = weekdayName(stop.weekday);
  if (stop.everyWeeks === 1) return `chaque ${day}`;
  if (stop.everyWeeks === 2) return `un ${day} sur deux`;
  return `un ${day} toutes les ${stop.everyWeeks} semaines`;
}
