// Working days in France: Monday to Friday, minus the eleven national public holidays (Code du travail,
// article L3133-1), Easter Monday, Ascension and Whit Monday computed from Easter (Meeus/Jones/Butcher).

function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const holidayCache = new Map<number, Set<string>>();

/** The national public holidays of a year, as YYYY-MM-DD. */
export function publicHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year).getTime();
  const plus = (days: number) => new Date(easter + days * 86400_000).toISOString().slice(0, 10);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  const set = new Set([...fixed, plus(1), plus(39), plus(50)]);
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
