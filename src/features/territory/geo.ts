// Geography of the offer: official communes (COG, @etalab/decoupage-administratif), their centres (seeds/
// communes-centres-<département>.json, computed from IGN outlines) and straight-line distances. Synchronous and
// read once per process: every territory's communes of a département share one file.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const seedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seeds');

/** A point in WGS 84 degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
  departement?: string;
}
export interface EpciRecord {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);
let communeIndex: Map<string, CommuneRecord> | undefined;
let epciIndex: Map<string, EpciRecord> | undefined;

function loadCog(): { communes: Map<string, CommuneRecord>; epcis: Map<string, EpciRecord> } {
  if (!communeIndex || !epciIndex) {
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[];
    communeIndex = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
    const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
    epciIndex = new Map();
    for (const epci of epcis) for (const member of epci.membres) epciIndex.set(member.code, epci);
  }
  return { communes: communeIndex, epcis: epciIndex };
}

/** A current commune of the official geography (COG), with its EPCI; undefined for an unknown code. */
export function findOfficialCommune(
  code: string,
): { commune: CommuneRecord; epci: EpciRecord | undefined } | undefined {
  const { communes, epcis } = loadCog();
  const commune = communes.get(code);
  return commune ? { commune, epci: epcis.get(code) } : undefined;
}

const centresByDepartement = new Map<string, Record<string, GeoPoint>>();

/** The centre of a commune (seeds/communes-centres-<dep>.json), or undefined when no file covers it. */
export function communeCentre(code: string): GeoPoint | undefined {
  if (!/^\d[\dAB]\d{3}$/.test(code)) return undefined;
  // Overseas départements have three-digit codes (971…); metropolitan ones two (46, 2A).
  const departement = code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
  let centres = centresByDepartement.get(departement);
  if (!centres) {
    const file = path.join(seedsDir, `communes-centres-${departement}.json`);
    centres = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { centres: Record<string, GeoPoint> }).centres
      : {};
    centresByDepartement.set(departement, centres);
  }
  return centres[code];
}

/** Straight-line distance in km between two points (haversine): to rank places by nearness. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Where a place is, for distances: its own coordinates when known, else the centre of its commune (a bus stop
 * or an office whose address was never geocoded).
 */
export function placePoint(place: {
  latitude: number | null;
  longitude: number | null;
  commune: { inseeCode: string } | null;
}): GeoPoint | undefined {
  if (place.latitude != null && place.longitude != null)
    return { latitude: place.latitude, longitude: place.longitude };
  return place.commune ? communeCentre(place.commune.inseeCode) : undefined;
}
