// Free slots, computed (never stored): recurring opening ranges of agents at places, cut into slots of a motif's
// duration, minus the days the place is closed (public holidays, exceptional closures), one-day exceptions of a
// range, the agent's absences and appointments, and the motif's minimum and maximum booking delays. Pure
// functions, in Europe/Paris local time; slot ids are opaque to clients and checked again when booking.
import { addDays, daysBetween, isoWeekday, parisInstant } from '../../platform/dates.ts';
import type { ClosedOn } from '../territory/hours.ts';
import type { TimeWindow } from '../territory/bus.ts';

/**
 * When a place may receive: for a bus stop, the windows of the bus's passages on a date (none when it does not
 * come); null for any other place (its ranges alone say when).
 */
export type PlaceWindows = (placeId: string) => ((date: string) => TimeWindow[]) | null;

/** The parts of a range's times on a date that fall within the windows (the whole range when there are none). */
export function withinWindows(
  starts: string,
  ends: string,
  windows: ((date: string) => TimeWindow[]) | null,
  date: string,
): TimeWindow[] {
  if (!windows) return [{ starts, ends }];
  return windows(date).flatMap((w) => {
    const s = w.starts > starts ? w.starts : starts;
    const e = w.ends < ends ? w.ends : ends;
    return s < e ? [{ starts: s, ends: e }] : [];
  });
}

/** A recurring opening range: on `weekday`, every `everyWeeks` weeks from `firstDate`, until `untilDate`. */
export interface RangeRule {
  id: string;
  agentId: string;
  placeId: string;
  weekday: number;
  everyWeeks: number;
  firstDate: string;
  untilDate: string | null;
  starts: string;
  ends: string;
  motifIds: readonly string[];
}

/** One occurrence of a range moved or cancelled. */
export interface RangeException {
  rangeId: string;
  onDate: string;
  cancelled: boolean;
  starts: string | null;
  ends: string | null;
}

export interface MotifRule {
  id: string;
  name: string;
  durationMinutes: number;
  publicBooking: boolean;
  minDelayHours: number;
  maxDelayDays: number;
}

/** Time an agent is not free: an appointment or an absence. */
export interface Busy {
  agentId: string;
  startsAt: Date;
  endsAt: Date;
}

/** A free slot. */
export interface Slot {
  rangeId: string;
  agentId: string;
  placeId: string;
  motifId: string;
  date: string;
  time: string;
  /** Local end time ('HH:MM'), on the same day. */
  endTime: string;
  startsAt: Date;
  endsAt: Date;
}

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Whether a range occurs on a date (its weekday, its rhythm, within its dates). */
export function occursOn(range: RangeRule, date: string): boolean {
  if (date < range.firstDate || (range.untilDate && date > range.untilDate)) return false;
  if (isoWeekday(date) !== range.weekday) return false;
  return daysBetween(range.firstDate, date) % (7 * range.everyWeeks) === 0;
}

/** The times of a range on a date, after its exception of that day; null when it does not open that day. */
export function occurrenceTimes(
  range: RangeRule,
  date: string,
  exception: RangeException | undefined,
): { starts: string; ends: string } | null {
  if (!occursOn(range, date)) return null;
  if (exception?.cancelled) return null;
  if (exception?.starts && exception.ends) return { starts: exception.starts, ends: exception.ends };
  return { starts: range.starts, ends: range.ends };
}

/** The start times ('HH:MM') of the slots of one duration within a time range. */
export function slotTimes(starts: string, ends: string, durationMinutes: number): string[] {
  const times: string[] = [];
  for (let t = minutes(starts); t + durationMinutes <= minutes(ends); t += durationMinutes)
    times.push(hhmm(t));
  return times;
}

export interface SlotQuery {
  ranges: readonly RangeRule[];
  exceptions: readonly RangeException[];
  motifs: readonly MotifRule[];
  busy: readonly Busy[];
  /** Why a place is closed on a date (public holiday, closure), by place id. */
  closedOn: (placeId: string) => ClosedOn;
  /** The bus's passages at the places that are stops: slots there only while the bus is there. */
  windows?: PlaceWindows;
  from: string;
  days: number;
  now: Date;
  /** The public sees only motifs open to public booking; agents see every motif. */
  audience: 'public' | 'agent';
  motifId?: string;
}

const dayMs = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
function epochDay(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);
}

/** Free slots, ordered by start then agent. */
export function freeSlots(q: SlotQuery): Slot[] {
  const motifs = new Map(
    q.motifs
      .filter((m) => (q.audience === 'agent' || m.publicBooking) && (!q.motifId || m.id === q.motifId))
      .map((m) => [m.id, m]),
  );
  const exceptions = new Map(q.exceptions.map((e) => [`${e.rangeId}|${e.onDate}`, e]));
  // Busy times per agent: appointments (8 hours at most) sorted by start, found by binary search; absences (any
  // length, few) scanned. Thousands of slots against thousands of appointments stay fast.
  const maxShort = 8 * 3_600_000;
  const busyByAgent = new Map<string, { starts: number[]; ends: number[]; long: [number, number][] }>();
  for (const b of [...q.busy].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime())) {
    let list = busyByAgent.get(b.agentId);
    if (!list) busyByAgent.set(b.agentId, (list = { starts: [], ends: [], long: [] }));
    const bs = b.startsAt.getTime();
    const be = b.endsAt.getTime();
    if (be - bs > maxShort) list.long.push([bs, be]);
    else {
      list.starts.push(bs);
      list.ends.push(be);
    }
  }
  const overlaps = (agentId: string, start: number, end: number): boolean => {
    const list = busyByAgent.get(agentId);
    if (!list) return false;
    for (const [bs, be] of list.long) if (bs < end && start < be) return true;
    // The last appointment starting before the slot's end, then back while one could still reach into the slot.
    let lo = 0;
    let hi = list.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && list.starts[i]! > start - maxShort; i--)
      if (list.ends[i]! > start) return true;
    return false;
  };
  const rules = q.ranges.map((range) => ({
    range,
    first: epochDay(range.firstDate),
    until: range.untilDate ? epochDay(range.untilDate) : Infinity,
    period: 7 * range.everyWeeks,
    motifs: range.motifIds.flatMap((id) => (motifs.has(id) ? [motifs.get(id)!] : [])),
  }));
  const slots: Slot[] = [];
  const closedCache = new Map<string, ClosedOn>();
  const windowCache = new Map<string, ((date: string) => TimeWindow[]) | null>();
  const now = q.now.getTime();
  const fromDay = epochDay(q.from);
  for (let d = 0; d < q.days; d++) {
    const day = fromDay + d;
    const date = addDays(q.from, d);
    // 1 January 1970 was a Thursday (4).
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    for (const rule of rules) {
      const { range } = rule;
      if (rule.motifs.length === 0 || range.weekday !== weekday) continue;
      if (day < rule.first || day > rule.until || (day - rule.first) % rule.period !== 0) continue;
      const exception = exceptions.get(`${range.id}|${date}`);
      if (exception?.cancelled) continue;
      const starts = exception?.starts ?? range.starts;
      const ends = exception?.ends ?? range.ends;
      let closedOn = closedCache.get(range.placeId);
      if (!closedOn) closedCache.set(range.placeId, (closedOn = q.closedOn(range.placeId)));
      if (closedOn(date)) continue;
      let windows = windowCache.get(range.placeId);
      if (windows === undefined)
        windowCache.set(range.placeId, (windows = q.windows?.(range.placeId) ?? null));
      const parts = withinWindows(starts, ends, windows, date);
      for (const motif of rule.motifs) {
        const earliest = now + motif.minDelayHours * 3_600_000;
        const latest = now + motif.maxDelayDays * dayMs;
        const times = parts.flatMap((p) => slotTimes(p.starts, p.ends, motif.durationMinutes));
        for (const time of times) {
          const start = parisInstant(date, time).getTime();
          if (start < earliest || start > latest) continue;
          const end = start + motif.durationMinutes * 60_000;
          if (overlaps(range.agentId, start, end)) continue;
          slots.push({
            rangeId: range.id,
            agentId: range.agentId,
            placeId: range.placeId,
            motifId: motif.id,
            date,
            time,
            endTime: hhmm(minutes(time) + motif.durationMinutes),
            startsAt: new Date(start),
            endsAt: new Date(end),
          });
        }
      }
    }
  }
  return slots.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() ||
      (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0),
  );
}

/** Why a slot cannot be booked (in French, for the field `slot`), or null when it is bookable. */
export function slotProblem(
  slot: { rangeId: string; date: string; time: string; motifId: string },
  range: RangeRule,
  exception: RangeException | undefined,
  motif: MotifRule,
  closedOn: ClosedOn,
  now: Date,
  audience: 'public' | 'agent',
  windows: ((date: string) => TimeWindow[]) | null = null,
): string | null {
  if (!range.motifIds.includes(motif.id)) return 'Ce motif n’est pas proposé sur ce créneau.';
  if (audience === 'public' && !motif.publicBooking)
    return 'Ce motif se réserve uniquement auprès d’un agent : appelez le lieu d’accueil.';
  const startsAt = parisInstant(slot.date, slot.time);
  if (startsAt.getTime() <= now.getTime()) return 'Ce créneau est déjà passé : choisissez-en un autre.';
  const closed = closedOn(slot.date);
  if (closed) return `Le lieu est fermé ce jour-là (${closed}) : choisissez un autre jour.`;
  const times = occurrenceTimes(range, slot.date, exception);
  if (times && windows && windows(slot.date).length === 0)
    return 'Le bus ne passe pas à cet arrêt ce jour-là : choisissez un autre créneau.';
  const parts = times ? withinWindows(times.starts, times.ends, windows, slot.date) : [];
  if (!parts.some((p) => slotTimes(p.starts, p.ends, motif.durationMinutes).includes(slot.time)))
    return 'Ce créneau est en dehors des horaires d’ouverture : choisissez-en un dans la liste.';
  if (audience === 'public') {
    if (startsAt.getTime() < now.getTime() + motif.minDelayHours * 3_600_000)
      return `Ce créneau est trop proche : réservez au moins ${motif.minDelayHours} heures à l’avance.`;
    if (startsAt.getTime() > now.getTime() + motif.maxDelayDays * 86_400_000)
      return `Ce créneau est trop lointain : on réserve au plus ${motif.maxDelayDays} jours à l’avance.`;
  }
  return null;
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The opaque id of a slot: which range, which day, which time, which motif, packed in 36 bytes (48 characters):
 * a week of slots answers in a few kilobytes.
 */
export function encodeSlotId(slot: { rangeId: string; date: string; time: string; motifId: string }): string {
  const bytes = Buffer.alloc(36);
  uuidBytes(slot.rangeId).copy(bytes, 0);
  bytes.writeUInt16BE(epochDay(slot.date), 16);
  bytes.writeUInt16BE(minutes(slot.time), 18);
  uuidBytes(slot.motifId).copy(bytes, 20);
  return bytes.toString('base64url');
}

/** Reads a slot id; null when it is not one of ours. */
export function decodeSlotId(
  id: string,
): { rangeId: string; date: string; time: string; motifId: string } | null {
  if (!/^[A-Za-z0-9_-]{48}$/.test(id)) return null;
  const bytes = Buffer.from(id, 'base64url');
  if (bytes.length !== 36) return null;
  const day = bytes.readUInt16BE(16);
  const minute = bytes.readUInt16BE(18);
  if (minute >= 24 * 60) return null;
  return {
    rangeId: bytesUuid(bytes.subarray(0, 16)),
    date: new Date(day * dayMs).toISOString().slice(0, 10),
    time: hhmm(minute),
    motifId: bytesUuid(bytes.subarray(20, 36)),
  };
}
