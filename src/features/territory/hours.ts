// Opening hours: parsing the seed format, validating it, and answering "open now / next opening".
// Pure functions, in the territory's local time (Europe/Paris).
import type { OpeningRange } from '../../platform/db/schema.ts';

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
  | { open: false; next: { day: number; opens: string; inDays: number } | null };

/** Whether a place is open at `at`, and if not, when it next opens (within a week). */
export function openingStatus(ranges: OpeningRange[], at: Date): OpeningStatus {
  const now = parisTime(at);
  const current = ranges.find((r) => r.day === now.day && r.opens <= now.time && now.time < r.closes);
  if (current) return { open: true, closesAt: current.closes };
  for (let offset = 0; offset < 8; offset++) {
    const day = ((now.day - 1 + offset) % 7) + 1;
    const candidates = ranges.filter((r) => r.day === day && (offset > 0 || r.opens > now.time));
    if (candidates.length > 0)
      return { open: false, next: { day, opens: candidates[0]!.opens, inDays: offset } };
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
  const { day, opens, inDays } = status.next;
  const when = inDays === 0 ? 'aujourd’hui' : inDays === 1 ? 'demain' : `${weekdayNames[day - 1]}`;
  return `Fermé — ouvre ${when} à ${frenchTime(opens)}`;
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
