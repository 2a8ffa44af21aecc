// Working days in France: Monday to Friday, minus the eleven national public holidays (Code du travail,
// article L3133-1), Easter Monday, Ascension and Whit Monday computed from Easter (Meeus/Jones/Butcher).
import { publicHolidays as frenchPublicHolidays, todayInParis } from '../../platform/dates.ts';

const holidayCache = new Map<number, Set<string>>();

/** The national public holidays of a year, as YYYY-MM-DD (one calendar for the whole platform: the navigator's). */
export function publicHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const set = new Set(frenchPublicHolidays(year).keys());
  holidayCache.set(year, set);
  return set;
}

/** Whether a date (taken in UTC) is a working day. */
export function isWorkingDay(date: Date): boolean {
  const day = date.getUTCDay();
  if (day === 0 || day === 6) return false;
  return !publicHolidays(date.getUTCFullYear()).has(date.toISOString().slice(0, 10));
}

/** The instant `n` working days after `from` (same time of day). */
export function addWorkingDays(from: Date, n: number): Date {
  let date = new Date(from.getTime());
  let left = n;
  while (left > 0) {
    date = new Date(date.getTime() + 86400_000);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/**
 * The working days between two instants, counted on Paris calendar dates: the working days after the first
 * date up to and including the second (a question of Friday answered on Monday: 1; the same day: 0).
 */
export function workingDaysBetween(from: Date, to: Date): number {
  const start = todayInParis(from);
  const end = todayInParis(to);
  if (end <= start) return 0;
  let count = 0;
  let day = new Date(`${start}T12:00:00Z`);
  const last = new Date(`${end}T12:00:00Z`);
  while (day < last) {
    day = new Date(day.getTime() + 86400_000);
    if (isWorkingDay(day)) count++;
  }
  return count;
}
