// Free slots, computed (never stored): recurring opening ranges of agents at places, cut into slots of a motif's
// duration, minus the days the place is closed (public holidays, exceptional closures), one-day exceptions of a
// range, the agent's absences and appointments, and the motif's minimum and maximum booking delays. Pure
// functions, in Europe/Paris local time; slot ids are opaque to clients and checked again when booking.
import { addDays, daysBetween, isoWeekday, parisInstant } from '../../platform/dates.ts';
import type { ClosedOn } from '../territory/hours.ts';

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
  from: string;
  days: number;
  now: Date;
  /** The public sees only motifs open to public booking; agents see every motif. */
  audience: 'public' | 'agent';
  motifId?: string;
}

/** Free slots, ordered by start then agent. */
export function freeSlots(q: SlotQuery): Slot[] {
  const motifs = new Map(
    q.motifs
      .filter((m) => (q.audience === 'agent' || m.publicBooking) && (!q.motifId || m.id === q.motifId))
      .map((m) => [m.id, m]),
  );
  const exceptions = new Map(q.exceptions.map((e) => [`${e.rangeId}|${e.onDate}`, e]));
  const busyByAgent = new Map<string, Busy[]>();
  for (const b of q.busy) {
    const list = busyByAgent.get(b.agentId);
    if (list) list.push(b);
    else busyByAgent.set(b.agentId, [b]);
  }
  const slots: Slot[] = [];
  const closedCache = new Map<string, ClosedOn>();
  for (let d = 0; d < q.days; d++) {
    const date = addDays(q.from, d);
    for (const range of q.ranges) {
      const times = occurrenceTimes(range, date, exceptions.get(`${range.id}|${date}`));
      if (!times) continue;
      let closedOn = closedCache.get(range.placeId);
      if (!closedOn) closedCache.set(range.placeId, (closedOn = q.closedOn(range.placeId)));
      if (closedOn(date)) continue;
      const busy = busyByAgent.get(range.agentId) ?? [];
      for (const motifId of range.motifIds) {
        const motif = motifs.get(motifId);
        if (!motif) continue;
        const earliest = q.now.getTime() + motif.minDelayHours * 3_600_000;
        const latest = q.now.getTime() + motif.maxDelayDays * 86_400_000;
        for (const time of slotTimes(times.starts, times.ends, motif.durationMinutes)) {
          const startsAt = parisInstant(date, time);
          if (startsAt.getTime() < earliest || startsAt.getTime() > latest) continue;
          const endsAt = new Date(startsAt.getTime() + motif.durationMinutes * 60_000);
          if (busy.some((b) => b.startsAt < endsAt && startsAt < b.endsAt)) continue;
          slots.push({
            rangeId: range.id,
            agentId: range.agentId,
            placeId: range.placeId,
            motifId,
            date,
            time,
            startsAt,
            endsAt,
          });
        }
      }
    }
  }
  return slots.sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.agentId.localeCompare(b.agentId),
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
): string | null {
  if (!range.motifIds.includes(motif.id)) return 'Ce motif n’est pas proposé sur ce créneau.';
  if (audience === 'public' && !motif.publicBooking)
    return 'Ce motif se réserve uniquement auprès d’un agent : appelez le lieu d’accueil.';
  const startsAt = parisInstant(slot.date, slot.time);
  if (startsAt.getTime() <= now.getTime()) return 'Ce créneau est déjà passé : choisissez-en un autre.';
  const closed = closedOn(slot.date);
  if (closed) return `Le lieu est fermé ce jour-là (${closed}) : choisissez un autre jour.`;
  const times = occurrenceTimes(range, slot.date, exception);
  if (!times || !slotTimes(times.starts, times.ends, motif.durationMinutes).includes(slot.time))
    return 'Ce créneau est en dehors des horaires d’ouverture : choisissez-en un dans la liste.';
  if (audience === 'public') {
    if (startsAt.getTime() < now.getTime() + motif.minDelayHours * 3_600_000)
      return `Ce créneau est trop proche : réservez au moins ${motif.minDelayHours} heures à l’avance.`;
    if (startsAt.getTime() > now.getTime() + motif.maxDelayDays * 86_400_000)
      return `Ce créneau est trop lointain : on réserve au plus ${motif.maxDelayDays} jours à l’avance.`;
  }
  return null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The opaque id of a slot: which range, which day, which time, which motif. */
export function encodeSlotId(slot: { rangeId: string; date: string; time: string; motifId: string }): string {
  return Buffer.from(`${slot.rangeId}|${slot.date}|${slot.time}|${slot.motifId}`).toString('base64url');
}

/** Reads a slot id; null when it is not one of ours. */
export function decodeSlotId(
  id: string,
): { rangeId: string; date: string; time: string; motifId: string } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id)) return null;
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('|');
  if (parts.length !== 4) return null;
  const [rangeId, date, time, motifId] = parts as [string, string, string, string];
  if (!uuid.test(rangeId) || !uuid.test(motifId)) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return { rangeId, date, time, motifId };
}
