// The public-service bus: its coming passages at each stop, from the stops' calendars (a weekday, every N weeks
// from a first date), skipping public holidays and the bus's exceptional closures. Pure functions.
import { addDays, daysBetween, isoWeekday, parisInstant } from '../../platform/dates.ts';
import type { ClosedOn } from './hours.ts';
import type { BusStop } from './store.ts';

/** One coming passage of the bus at a stop. */
export interface Passage {
  stop: BusStop;
  date: string;
  starts: string;
  ends: string;
  startsAt: Date;
  endsAt: Date;
}

/** The passages of stops from `from` (included) over `days`, in time order, at most `limit`. */
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
    const weekday = isoWeekday(date);
    for (const stop of stops) {
      if (stop.weekday !== weekday || date < stop.firstDate || (stop.untilDate && date > stop.untilDate))
        continue;
      if (daysBetween(stop.firstDate, date) % (7 * stop.everyWeeks) !== 0) continue;
      passages.push({
        stop,
        date,
        starts: stop.starts,
        ends: stop.ends,
        startsAt: parisInstant(date, stop.starts),
        endsAt: parisInstant(date, stop.ends),
      });
    }
  }
  return passages.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, limit);
}

const weekdayNames = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** "un mardi sur deux", "chaque lundi", "un jeudi toutes les 4 semaines". */
export function rhythmText(stop: Pick<BusStop, 'weekday' | 'everyWeeks'>): string {
  const day = weekdayNames[stop.weekday - 1]!;
  if (stop.everyWeeks === 1) return `chaque ${day}`;
  if (stop.everyWeeks === 2) return `un ${day} sur deux`;
  return `un ${day} toutes les ${stop.everyWeeks} semaines`;
}
