// The platform's clock: what "now" and "today" are for the whole app. Production reads the system clock; a
// development or test run may fix the day (`FIXED_TODAY=2027-01-13`) so that date-dependent pages and their
// browser tests can be run on a chosen day — the date logic must hold on any day, not only on the day it was written.
import { parisDateTime, parisInstant, todayInParis } from './dates.ts';

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's date in Paris, YYYY-MM-DD. */
  today(): string;
}

/** The system clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInParis(),
};

/**
 * A clock stopped on one day: today is that day, and "now" is that day at the current time of day in Paris (so
 * that durations measured within a run still move, and the Paris date of "now" is always "today" — at 0 h 30 in
 * Paris the UTC date is still the day before).
 */
export function fixedDayClock(day: string): Clock {
  return {
    now() {
      const real = new Date();
      const minute = parisInstant(day, parisDateTime(real).time);
      return new Date(minute.getTime() + (real.getTime() % 60_000));
    },
    today: () => day,
  };
}
