// Calendar dates for the whole platform: plain 'YYYY-MM-DD' strings computed in UTC so that no time zone shifts a
// day, today in Paris, French public holidays (including the Easter-based ones), working days (Code de procédure
// civile, article 642: a deadline ending on a Saturday, Sunday or public holiday moves to the next working day),
// and dates written in plain French. Every feature reads and writes dates through this module.

/** Easter Sunday of a year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
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
  return formatDate(new Date(Date.UTC(year, month - 1, day)));
}

/** The eleven public holidays of metropolitan France (Code du travail, article L3133-1), by date. */
export function publicHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const holidays: [string, string][] = [
    [`${year}-01-01`, 'Jour de l’an'],
    [addDays(easter, 1), 'Lundi de Pâques'],
    [`${year}-05-01`, 'Fête du Travail'],
    [`${year}-05-08`, 'Victoire 1945'],
    [addDays(easter, 39), 'Ascension'],
    [addDays(easter, 50), 'Lundi de Pentecôte'],
    [`${year}-07-14`, 'Fête nationale'],
    [`${year}-08-15`, 'Assomption'],
    [`${year}-11-01`, 'Toussaint'],
    [`${year}-11-11`, 'Armistice 1918'],
    [`${year}-12-25`, 'Noël'],
  ];
  return new Map(holidays);
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' into a UTC midnight Date, or null when it is not a real calendar date. */
export function parseDate(value: string): Date | null {
  const match = datePattern.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatDate(date) === value ? date : null;
}

/** 'YYYY-MM-DD' of a UTC date. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A calendar date plus (or minus) a number of days. */
export function addDays(value: string, days: number): string {
  const date = parseDate(value);
  if (!date) throw new Error(`invalid date ${value}`);
  return formatDate(new Date(date.getTime() + days * 86_400_000));
}

/** A calendar date plus (or minus) months; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(value: string, months: number): string {
  const date = parseDate(value);
  if (!date) throw new Error(`invalid date ${value}`);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return formatDate(target);
}

/** Whether a date is a Saturday, a Sunday or a public holiday. */
export function isNonWorkingDay(value: string): boolean {
  const date = parseDate(value);
  if (!date) throw new Error(`invalid date ${value}`);
  const weekday = date.getUTCDay();
  return weekday === 0 || weekday === 6 || publicHolidays(date.getUTCFullYear()).has(value);
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(value: string): string {
  let day = value;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** French month names, January first. */
export const monthNames = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const dayNames = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** "lundi 8 juin 2026": a date in plain French. */
export function frenchDate(value: string): string {
  const date = parseDate(value);
  if (!date) return value;
  const day = date.getUTCDate();
  return `${dayNames[date.getUTCDay()]} ${day === 1 ? '1er' : day} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Europe/Paris. */
export function todayInParis(now: Date = new Date()): string {
  return parisDate.format(now);
}
