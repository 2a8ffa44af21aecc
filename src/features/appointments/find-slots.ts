// Use-case: the free slots of places over some days, from the stored ranges, exceptions, absences, appointments
// and the places' closures.
import type { Db } from '../../platform/db/database.ts';
import { addDays, parisInstant } from '../../platform/dates.ts';
import { closedOnFor, type ClosedOn } from '../territory/hours.ts';
import { busWindows } from '../territory/bus.ts';
import { listStopCalendarsAt } from '../territory/store.ts';
import { freeSlots, type PlaceWindows, type Slot } from './slots.ts';
import {
  listBusy,
  listExceptions,
  listMotifs,
  listPlaceCalendars,
  listRanges,
  type Motif,
  type Range,
} from './store.ts';

/** A free slot with what pages and the API show of it. */
export interface OfferedSlot extends Slot {
  motif: Motif;
  range: Range;
}

export interface FindSlotsInput {
  placeIds: string[];
  from: string;
  days: number;
  now: Date;
  audience: 'public' | 'agent';
  motifId?: string;
}

/** The closing rule of each place: public holidays unless it opens on them, and its exceptional closures. */
export async function closingRules(db: Db, placeIds: string[]): Promise<(placeId: string) => ClosedOn> {
  const calendars = await listPlaceCalendars(db, placeIds);
  return (placeId) => {
    const c = calendars.get(placeId);
    return closedOnFor(c?.closures ?? [], c?.openOnPublicHolidays ?? false);
  };
}

/**
 * When the bus is at the places that are its stops (the tours edited in the offer's pages), its own closures and
 * public holidays included: slots there are offered, and booked, only within a passage that is not cancelled.
 */
export async function busWindowsAt(db: Db, placeIds: string[]): Promise<PlaceWindows> {
  const stops = await listStopCalendarsAt(db, placeIds);
  if (stops.length === 0) return () => null;
  const busPlaces = [...new Set(stops.map((s) => s.busPlaceId))];
  const calendars = await listPlaceCalendars(db, busPlaces);
  const byBus = new Map(
    busPlaces.map((bus) => {
      const c = calendars.get(bus);
      return [
        bus,
        busWindows(
          stops.filter((s) => s.busPlaceId === bus),
          closedOnFor(c?.closures ?? [], c?.openOnPublicHolidays ?? false),
        ),
      ];
    }),
  );
  return (placeId) => {
    const bus = stops.find((s) => s.placeId === placeId)?.busPlaceId;
    return bus ? byBus.get(bus)!(placeId) : null;
  };
}

/** Free slots at places between `from` and `from + days`, earliest first. */
export async function findFreeSlots(db: Db, input: FindSlotsInput): Promise<OfferedSlot[]> {
  const ranges = await listRanges(db, { placeIds: input.placeIds, from: input.from });
  if (ranges.length === 0) return [];
  const to = addDays(input.from, input.days);
  const motifIds = [...new Set(ranges.flatMap((r) => r.motifIds))];
  const agentIds = [...new Set(ranges.map((r) => r.agentId))];
  const [motifs, exceptions, busy, closedOn, windows] = await Promise.all([
    listMotifs(db, { ids: motifIds }),
    listExceptions(
      db,
      ranges.map((r) => r.id),
      input.from,
      to,
    ),
    listBusy(db, agentIds, parisInstant(input.from, '00:00'), parisInstant(to, '00:00')),
    closingRules(db, input.placeIds),
    busWindowsAt(db, input.placeIds),
  ]);
  const motifById = new Map(motifs.map((m) => [m.id, m]));
  const rangeById = new Map(ranges.map((r) => [r.id, r]));
  return freeSlots({
    ranges,
    exceptions,
    motifs,
    busy,
    closedOn,
    windows,
    from: input.from,
    days: input.days,
    now: input.now,
    audience: input.audience,
    ...(input.motifId ? { motifId: input.motifId } : {}),
  }).map((slot) => {
    const offered = slot as OfferedSlot;
    offered.motif = motifById.get(slot.motifId)!;
    offered.range = rangeById.get(slot.rangeId)!;
    return offered;
  });
}
