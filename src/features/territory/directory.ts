// Use-cases of the public offer pages: places ranked by distance from a commune's centre, a place with its
// services and, for a bus stop, its coming passages; the bus in a commune.
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { escapeText, foldLine } from '../../platform/icalendar.ts';
import { nextPassage, nextPassages, type Passage } from './bus.ts';
import { communeCentre, distanceKm, placePoint } from './geo.ts';
import { closedOnFor } from './hours.ts';
import { findCommune, findPlace, listBusStops, listServices, type BusStop, type Place } from './store.ts';
import type { Service } from './services.ts';

/** Places with their distance (km) from a commune's centre, nearest first; unknown distances last. */
export function rankByDistance(
  places: readonly Place[],
  communeInsee: string,
): { place: Place; km: number | null }[] {
  const centre = communeCentre(communeInsee);
  const ranked = places.map((place) => {
    const point = placePoint(place);
    return { place, km: centre && point ? distanceKm(centre, point) : null };
  });
  return ranked.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
}

async function passagesOf(
  db: Db,
  stops: BusStop[],
  today: string,
  days: number,
  limit: number,
): Promise<Passage[]> {
  if (stops.length === 0) return [];
  const bus = await findPlace(db, stops[0]!.tour.placeSlug);
  return nextPassages(
    stops,
    today,
    days,
    closedOnFor(bus?.closures ?? [], bus?.openOnPublicHolidays ?? false),
    limit,
  );
}

/** A place, its services and, for a bus stop, its next passages. */
export async function placeDetail(
  db: Db,
  slug: string,
  today: string,
): Promise<{ place: Place; services: Service[]; passages: Passage[] }> {
  const place = await findPlace(db, slug);
  if (!place) throw notFound('Ce lieu n’existe pas.');
  const [services, stops] = await Promise.all([
    listServices(db, { territoryId: place.territoryId, placeId: place.id }),
    place.kind === 'bus-stop' && place.commune
      ? listBusStops(db, { communeInsee: place.commune.inseeCode })
      : Promise.resolve([]),
  ]);
  const passages = await passagesOf(
    db,
    stops.filter((s) => s.place.slug === slug),
    today,
    84,
    6,
  );
  return { place, services, passages };
}

/** The next passage of the bus (not cancelled) at a stop's place within twelve weeks; null for any other place. */
export async function nextPassageAt(db: Db, place: Place, today: string): Promise<Passage | null> {
  if (place.kind !== 'bus-stop' || !place.commune) return null;
  const stops = await listBusStops(db, { communeInsee: place.commune.inseeCode });
  const passages = await passagesOf(
    db,
    stops.filter((s) => s.place.id === place.id),
    today,
    84,
    20,
  );
  return nextPassage(passages) ?? null;
}

/** The bus in a commune: its stops and coming passages (twelve weeks). */
export async function busOfCommune(db: Db, communeInsee: string, today: string) {
  const commune = /^\d[\dAB]\d{3}$/.test(communeInsee) ? await findCommune(db, communeInsee) : undefined;
  if (!commune) throw notFound('Cette commune n’existe pas.');
  const stops = await listBusStops(db, { communeInsee });
  if (stops.length === 0) throw notFound(`Le bus France Services ne s’arrête pas à ${commune.name}.`);
  return { commune, stops, passages: await passagesOf(db, stops, today, 84, 20) };
}

function icsTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The coming passages as a calendar file. */
export function passagesCalendar(communeName: string, passages: Passage[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sans Couture//Bus France Services//FR',
    `X-WR-CALNAME:${escapeText(`Bus France Services à ${communeName}`)}`,
    ...passages.flatMap((p) => [
      'BEGIN:VEVENT',
      `UID:bus-${p.stop.id}-${p.date}@sans-couture`,
      `DTSTAMP:${icsTime(now)}`,
      `DTSTART:${icsTime(p.startsAt)}`,
      `DTEND:${icsTime(p.endsAt)}`,
      // A cancelled passage stays in the feed as cancelled: a calendar that had it removes or strikes it.
      ...(p.cancelled ? ['STATUS:CANCELLED'] : []),
      `SUMMARY:${escapeText(`Bus France Services à ${communeName}`)}`,
      `LOCATION:${escapeText([p.stop.place.address, communeName].filter(Boolean).join(', '))}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
