// Opening hours: parsing the seed format, validating it, and answering "open now / next opening".
// Pure functions, in the territory's local time (Europe/Paris).
import type { OpeningRange } from '../../platform/db/schema.ts';
import { addDays, frenchDate, parisDateTime, publicHolidayName } from '../../platform/dates.ts';

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];
export const weekdayNames = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const rangePattern = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** Parses { mon: ['09:00-12:00'] } into sorted ranges; throws a French message on an invalid range. */
export function parseWeeklyHours(hours: Partial<Record<string, string[]>>): OpeningRange[] {
  const ranges: OpeningRange[] = [];
  for (const [key, values] of Object.entries(hours)) {
    const day = weekdayKeys.indexOf(key as WeekdayKey) + 1;
    if (day === 0) throw new Error(`Jour inconnu « ${key} » (attendu : ${weekdayKeys.join(', ')})`);
    for (const value of values ?? []) {
      const match = rangePattern.exec(value);
      if (!match)
        throw new Error(
          `Plage horaire invalide « ${value} » le ${weekdayNames[day - 1]} (attendu : HH:MM-HH:MM)`,
        );
      const opens = `${match[1]}:${match[2]}`;
      const closes = `${match[3]}:${match[4]}`;
      if (opens >= closes)
        throw new Error(`Plage horaire « ${value} » : l’ouverture doit précéder la fermeture`);
      ranges.push({ day, opens, closes });
    }
  }
  ranges.sort((a, b) => a.day - b.day || a.opens.localeCompare(b.opens));
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1]!;
    const current = ranges[i]!;
    if (previous.day === current.day && current.opens < previous.closes) {
      throw new Error(
        `Plages qui se chevauchent le ${weekdayNames[current.day - 1]} : ${previous.opens}-${previous.closes} et ${current.opens}-${current.closes}`,
      );
    }
  }
  return ranges;
}

interface LocalTime {
  day: number; // 1 = Monday
  time: string; // HH:MM
}

// Building an Intl formatter costs far more than using one: build it once (every place on a page asks).
const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The local weekday and time in Europe/Paris for an instant. */
export function parisTime(at: Date): LocalTime {
  let weekday = '';
  let hour = '';
  let minute = '';
  for (const part of parisClock.formatToParts(at)) {
    if (part.type === 'weekday') weekday = part.value;
    else if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
  }
  return { day: weekdays.indexOf(weekday) + 1, time: `${hour}:${minute}` };
}

export type OpeningStatus =
  | { open: true; closesAt: string }
  | {
      open: false;
      next: { day: number; opens: string; inDays: number; date?: string } | null;
      /** Why the place is closed today when it would normally open: a public holiday or a closure. */
      closedToday?: string;
    };

/** Why a place is closed on a date (a public holiday, an exceptional closure), or null when it is not. */
export type ClosedOn = (date: string) => string | null;

/** The default: closed on public holidays, no other closure. */
export const closedOnPublicHolidays: ClosedOn = (date) => publicHolidayName(date);

/** An exceptional closure of a place, both dates included. */
export interface Closure {
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** Closed on public holidays (unless the place opens on them) and during its exceptional closures. */
export function closedOnFor(closures: readonly Closure[], openOnPublicHolidays = false): ClosedOn {
  return (date) => {
    const closure = closures.find((c) => c.startsOn <= date && date <= c.endsOn);
    if (closure) return closure.reason || 'fermeture exceptionnelle';
    return openOnPublicHolidays ? null : publicHolidayName(date);
  };
}

/**
 * Whether a place is open at `at`, and if not, when it next opens (within five weeks), skipping the days
 * `closedOn` names (public holidays by default, exceptional closures when the caller knows them).
 */
export function openingStatus(
  ranges: OpeningRange[],
  at: Date,
  closedOn: ClosedOn = closedOnPublicHolidays,
): OpeningStatus {
  const now = parisTime(at);
  const today = parisDateTime(at).date;
  const closedToday = closedOn(today);
  if (!closedToday) {
    const current = ranges.find((r) => r.day === now.day && r.opens <= now.time && now.time < r.closes);
    if (current) return { open: true, closesAt: current.closes };
  }
  if (ranges.length === 0) return { open: false, next: null };
  for (let offset = 0; offset < 36; offset++) {
    const date = addDays(today, offset);
    if (closedOn(date)) continue;
    const day = ((now.day - 1 + offset) % 7) + 1;
    const candidates = ranges.filter((r) => r.day === day && (offset > 0 || r.opens > now.time));
    if (candidates.length > 0)
      return {
        open: false,
        next: { day, opens: candidates[0]!.opens, inDays: offset, date },
        ...(closedToday && ranges.some((r) => r.day === now.day) ? { closedToday } : {}),
      };
  }
  return { open: false, next: null };
}

function frenchTime(time: string): string {
  const [h, m] = time.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

/** "Ouvert jusqu’à 12 h 30", "Fermé — ouvre demain à 9 h", in plain French. */
export function describeStatus(status: OpeningStatus): string {
  if (status.open) return `Ouvert maintenant, jusqu’à ${frenchTime(status.closesAt)}`;
  if (!status.next) return 'Horaires non renseignés';
  const { day, opens, inDays, date } = status.next;
  const when =
    inDays === 0
      ? 'aujourd’hui'
      : inDays === 1
        ? 'demain'
        : inDays < 7 || !date
          ? `${weekdayNames[day - 1]}`
          : frenchDate(date);
  const why = status.closedToday ? ` (${status.closedToday})` : '';
  return `Fermé${why} — ouvre ${when} à ${frenchTime(opens)}`;
}

/** One line per open weekday: "lundi : 9 h – 12 h, 14 h – 17 h 15". */
export function describeWeek(ranges: OpeningRange[]): string[] {
  const lines: string[] = [];
  for (let day = 1; day <= 7; day++) {
    const today = ranges.filter((r) => r.day === day);
    if (today.length === 0) continue;
    lines.push(
      `${weekdayNames[day - 1]} : ${today.map((r) => `${frenchTime(r.opens)} – ${frenchTime(r.closes)}`).join(', ')}`,
    );
  }
  return lines;
}

// ── OpenStreetMap opening_hours: what data·inclusion and the ANCT list exchange ────────────────────────────────

const osmDays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
const osmMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function osmDate(value: string): string {
  const [y, m, d] = value.split('-');
  return `${y} ${osmMonths[Number(m) - 1]} ${d}`;
}

/**
 * Weekly ranges (and exceptional closures) in the OpenStreetMap `opening_hours` syntax: days with the same hours
 * grouped ("Mo-Fr 09:00-12:00,14:00-17:00"), then "PH off" unless the place opens on public holidays, then each
 * closure ("2026 Dec 24-2026 Dec 26 off"). Null when no hours are known.
 */
export function toOsmOpeningHours(
  ranges: OpeningRange[],
  options: { openOnPublicHolidays?: boolean; closures?: { startsOn: string; endsOn: string }[] } = {},
): string | null {
  if (ranges.length === 0) return null;
  const byDay = osmDays.map((_, i) =>
    ranges
      .filter((r) => r.day === i + 1)
      .map((r) => `${r.opens}-${r.closes}`)
      .join(','),
  );
  const rules: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!byDay[i]) continue;
    let j = i;
    while (j + 1 < 7 && byDay[j + 1] === byDay[i]) j++;
    rules.push(`${j > i ? `${osmDays[i]}-${osmDays[j]}` : osmDays[i]} ${byDay[i]}`);
    i = j;
  }
  if (!options.openOnPublicHolidays) rules.push('PH off');
  for (const c of options.closures ?? [])
    rules.push(
      c.startsOn === c.endsOn
        ? `${osmDate(c.startsOn)} off`
        : `${osmDate(c.startsOn)}-${osmDate(c.endsOn)} off`,
    );
  return rules.join('; ');
}

const osmTime = '([01]\\d|2[0-4]):([0-5]\\d)';
const osmRule = new RegExp(
  `^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*) (${osmTime}-${osmTime}(?:,${osmTime}-${osmTime})*)$`,
);

/**
 * Parses the weekly part of an OSM `opening_hours` value ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off")
 * into ranges. Rules this platform cannot represent (months, weeks, "24/7") are refused with a French message
 * rather than read wrongly; "PH off" and "off" rules on dates are accepted and left to the closures.
 */
export function parseOsmOpeningHours(value: string): {
  ranges: OpeningRange[];
  openOnPublicHolidays: boolean;
} {
  const hours: Record<string, string[]> = {};
  let openOnPublicHolidays = false;
  for (const raw of value.split(';')) {
    const rule = raw.trim();
    if (!rule) continue;
    if (rule === 'PH off') continue;
    if (/^PH /.test(rule)) {
      openOnPublicHolidays = true;
      continue;
    }
    if (/^\d{4} [A-Z][a-z]{2} \d{2}(-\d{4} [A-Z][a-z]{2} \d{2})? off$/.test(rule)) continue;
    const match = osmRule.exec(rule);
    if (!match)
      throw new Error(
        `Horaires « ${rule} » : syntaxe opening_hours non reconnue (attendu : Mo-Fr 09:00-12:00)`,
      );
    const days = new Set<number>();
    for (const part of match[1]!.split(',')) {
      const [from, to] = part.split('-');
      const a = osmDays.indexOf(from!);
      const b = to ? osmDays.indexOf(to) : a;
      if (b < a) throw new Error(`Horaires « ${rule} » : jours dans le désordre`);
      for (let d = a; d <= b; d++) days.add(d);
    }
    for (const d of days) (hours[weekdayKeys[d]!] ??= []).push(...match[2]!.split(','));
  }
  return { ranges: parseWeeklyHours(hours), openOnPublicHolidays };
}

/**
 * Parses one weekday of the ANCT France Services list ("09:00 - 12:00 / 14:00 - 17:15"; empty when closed) into
 * 'HH:MM-HH:MM' ranges, throwing a French message on anything else.
 */
export function parseAnctDay(value: string | null | undefined): string[] {
  if (value == null || value.trim() === '') return [];
  return value.split('/').map((part) => {
    const m = /^\s*(\d{1,2})[:hH](\d{2})\s*-\s*(\d{1,2})[:hH](\d{2})\s*$/.exec(part);
    if (!m) throw new Error(`Plage « ${part.trim()} » illisible (attendu : 09:00 - 12:00)`);
    return `${m[1]!.padStart(2, '0')}:${m[2]}-${m[3]!.padStart(2, '0')}:${m[4]}`;
  });
}
