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

const holidaysByYear = new Map<number, ReadonlyMap<string, string>>();

/** The eleven public holidays of metropolitan France (Code du travail, article L3133-1), by date. */
export function publicHolidays(year: number): ReadonlyMap<string, string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = computePublicHolidays(year);
    if (holidaysByYear.size > 200) holidaysByYear.clear();
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

function computePublicHolidays(year: number): Map<string, string> {
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

const monthNames = [
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

/** "mars 2027" from "2027-03": a month in plain French. */
export function frenchMonth(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** A month ('YYYY-MM') plus (or minus) a number of months. */
export function addMonthsToMonth(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

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

// ── Instants in Europe/Paris: opening ranges and appointments are written in local time ──────────────────────

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The local date ('YYYY-MM-DD') and time ('HH:MM') in Paris of an instant. */
export function parisDateTime(instant: Date): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const part of parisParts.formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes Paris is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const { date, time } = parisDateTime(instant);
  const local = Date.parse(`${date}T${time}:00Z`);
  const utcMinute = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((local - utcMinute) / 60_000);
}

function exactParisInstant(date: string, time: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  const first = naive - parisOffsetMinutes(new Date(naive)) * 60_000;
  const second = naive - parisOffsetMinutes(new Date(first)) * 60_000;
  for (const candidate of [second, first])
    if (parisDateTime(new Date(candidate)).time === time) return new Date(candidate);
  return new Date(Math.max(first, second));
}

// The offset of each local day, when it is the same all day long (every day but the two of the clock changes):
// slot computations convert thousands of local times, and Intl formatting is the costly part.
const dayOffsets = new Map<string, number | null>();

function uniformDayOffset(date: string): number | null {
  let offset = dayOffsets.get(date);
  if (offset === undefined) {
    const morning = parisOffsetMinutes(exactParisInstant(date, '00:30'));
    const evening = parisOffsetMinutes(exactParisInstant(date, '23:30'));
    offset = morning === evening ? morning : null;
    if (dayOffsets.size > 5000) dayOffsets.clear();
    dayOffsets.set(date, offset);
  }
  return offset;
}

/**
 * The instant of a Paris local date and time. In the spring-forward gap (02:00–03:00 on the last Sunday of March)
 * the time is read with the winter offset, as a wall clock would be moved forward.
 */
export function parisInstant(date: string, time: string): Date {
  const offset = uniformDayOffset(date);
  if (offset === null) return exactParisInstant(date, time);
  return new Date(Date.parse(`${date}T${time}:00Z`) - offset * 60_000);
}

/** ISO 8601 of a Paris local date and time, with its offset: "2026-12-08T09:15:00+01:00". */
export function parisLocalIso(date: string, time: string): string {
  const offset = uniformDayOffset(date);
  return offset === null
    ? parisIso(exactParisInstant(date, time))
    : `${date}T${time}:00${offsetText(offset)}`;
}

function offsetText(offset: number): string {
  const abs = Math.abs(offset);
  return `${offset >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** ISO 8601 with the Paris offset: "2026-12-08T09:15:00+01:00". */
export function parisIso(instant: Date): string {
  const { date, time } = parisDateTime(instant);
  return `${date}T${time}:${String(instant.getUTCSeconds()).padStart(2, '0')}${offsetText(parisOffsetMinutes(instant))}`;
}

/** The weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(value: string): number {
  const date = parseDate(value);
  if (!date) throw new Error(`invalid date ${value}`);
  return ((date.getUTCDay() + 6) % 7) + 1;
}

/** Whole days from one calendar date to another (negative when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) throw new Error(`invalid date ${from} or ${to}`);
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** Whether a date is a public holiday of metropolitan France; its name, else null. */
export function publicHolidayName(value: string): string | null {
  const year = Number(value.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  return publicHolidays(year).get(value) ?? null;
}
