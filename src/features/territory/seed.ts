// Loads a territory seed file (seeds/territories/*.json) into the database, idempotently: running it twice
// changes nothing, and a new territory joins by adding one file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { forgetTerritory } from './store.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseDate } from '../../platform/dates.ts';
import { parseWeeklyHours, weekdayKeys, type WeekdayKey } from './hours.ts';
import { communeCentre, findOfficialCommune, type CommuneRecord, type EpciRecord } from './geo.ts';
import { publics, thematiques, typesService } from './data-inclusion-lists.ts';
import { usageModes, type UsageMode } from './services.ts';
import { recordMembership } from './membership-store.ts';
import { currentGeographyYear } from './geography.ts';

export const seedsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seeds');

export interface TerritorySeed {
  territory: { id: string; name: string; inseeCode: string; zoning: string; description: string };
  sources: Record<string, string>;
  communes: string[];
  organisations: { slug: string; kind: string; name: string; website?: string; description?: string }[];
  places: {
    slug: string;
    organisation: string;
    kind: string;
    name: string;
    address?: string;
    addressComplement?: string;
    postalCode?: string;
    commune?: string;
    latitude?: number;
    longitude?: number;
    phone?: string;
    email?: string;
    hours: Record<string, string[]>;
    hoursNote?: string;
    toComplete?: string;
    source: string;
  }[];
  /** Places an earlier seed created and this one no longer has (their facts moved elsewhere): removed. */
  retiredPlaces?: string[];
  services?: {
    slug: string;
    organisation: string;
    name: string;
    description: string;
    kind?: string;
    places: string[];
    themes: string[];
    publics: string[];
    fees?: 'gratuit' | 'payant';
    usageModes: UsageMode[];
    atDistance?: boolean;
    onBus?: boolean;
    prerequisites?: string[];
    documents?: string[];
    eligibilityZone: string[];
    onlineUrl?: string;
    phone?: string;
    lastCheckedOn: string;
    source: string;
  }[];
  busTours?: {
    slug: string;
    place: string;
    name: string;
    staff: string;
    source: string;
    stops: {
      place: string;
      weekday: WeekdayKey;
      everyWeeks: number;
      firstDate: string;
      starts: string;
      ends: string;
      demo?: boolean;
    }[];
  }[];
}

/** Commune names, postal codes and populations from @etalab/decoupage-administratif (COG, INSEE). */
function officialCommune(code: string): { commune: CommuneRecord; epci: EpciRecord | undefined } {
  const found = findOfficialCommune(code);
  if (!found) throw new Error(`Commune ${code} absente du code officiel géographique`);
  return found;
}

const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Reads and checks a territory seed file: every reference resolves, every opening range is valid. */
export function readTerritorySeed(file: string): TerritorySeed {
  const seed = JSON.parse(fs.readFileSync(file, 'utf8')) as TerritorySeed;
  const organisations = new Set(seed.organisations.map((o) => o.slug));
  const places = new Set(seed.places.map((p) => p.slug));
  for (const code of seed.communes) officialCommune(code);
  for (const place of seed.places) {
    if (!organisations.has(place.organisation))
      throw new Error(`${place.slug} : organisme inconnu ${place.organisation}`);
    if (place.commune && !seed.communes.includes(place.commune)) {
      throw new Error(`${place.slug} : la commune ${place.commune} n’est pas dans le territoire`);
    }
    if (!place.address && !place.toComplete)
      throw new Error(`${place.slug} : ni adresse ni mention « à compléter »`);
    parseWeeklyHours(place.hours);
  }
  for (const service of seed.services ?? []) {
    const where = `service ${service.slug}`;
    if (!organisations.has(service.organisation))
      throw new Error(`${where} : organisme inconnu ${service.organisation}`);
    for (const p of service.places) if (!places.has(p)) throw new Error(`${where} : lieu inconnu ${p}`);
    for (const t of service.themes)
      if (!(thematiques as readonly string[]).includes(t))
        throw new Error(`${where} : thématique inconnue ${t}`);
    for (const p of service.publics)
      if (!(publics as readonly string[]).includes(p)) throw new Error(`${where} : public inconnu ${p}`);
    if (service.kind && !(typesService as readonly string[]).includes(service.kind))
      throw new Error(`${where} : type inconnu ${service.kind}`);
    for (const m of service.usageModes)
      if (!usageModes.includes(m)) throw new Error(`${where} : mode d’accès inconnu ${m}`);
    for (const code of service.eligibilityZone)
      if (!findOfficialCommune(code)) throw new Error(`${where} : code INSEE inconnu ${code}`);
    if (!parseDate(service.lastCheckedOn)) throw new Error(`${where} : date de vérification invalide`);
  }
  for (const tour of seed.busTours ?? []) {
    if (!places.has(tour.place)) throw new Error(`tournée ${tour.slug} : lieu inconnu ${tour.place}`);
    for (const stop of tour.stops) {
      const where = `tournée ${tour.slug}, arrêt ${stop.place}`;
      if (!places.has(stop.place)) throw new Error(`${where} : lieu inconnu`);
      if (!weekdayKeys.includes(stop.weekday)) throw new Error(`${where} : jour inconnu ${stop.weekday}`);
      if (!timePattern.test(stop.starts) || !timePattern.test(stop.ends) || stop.starts >= stop.ends)
        throw new Error(`${where} : horaires invalides ${stop.starts}-${stop.ends}`);
      if (!parseDate(stop.firstDate)) throw new Error(`${where} : date invalide ${stop.firstDate}`);
      if (!Number.isInteger(stop.everyWeeks) || stop.everyWeeks < 1 || stop.everyWeeks > 8)
        throw new Error(`${where} : périodicité invalide`);
    }
  }
  return seed;
}

/** Lists the seed files shipped with the project. */
export function territorySeedFiles(): string[] {
  const dir = path.join(seedsDir, 'territories');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Writes one territory in a single transaction (upserts: safe to run on every start). */
export async function applyTerritorySeed(db: Db, seed: TerritorySeed): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = seed.territory;
    await trx
      .insertInto('territories')
      .values({
        id: t.id,
        name: t.name,
        insee_code: t.inseeCode,
        zoning: t.zoning,
        description: t.description,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: t.name,
          insee_code: t.inseeCode,
          zoning: t.zoning,
          description: t.description,
        }),
      )
      .execute();

    const communeRows = seed.communes.map((code) => {
      const { commune, epci } = officialCommune(code);
      return {
        insee_code: code,
        name: commune.nom,
        postal_codes: commune.codesPostaux ?? [],
        population: commune.population ?? null,
        epci_code: epci?.code ?? null,
        epci_name: epci?.nom ?? null,
        latitude: communeCentre(code)?.latitude ?? null,
        longitude: communeCentre(code)?.longitude ?? null,
      };
    });
    await trx
      .insertInto('communes')
      .values(communeRows)
      .onConflict((oc) =>
        oc.column('insee_code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          postal_codes: eb.ref('excluded.postal_codes'),
          population: eb.ref('excluded.population'),
          epci_code: eb.ref('excluded.epci_code'),
          epci_name: eb.ref('excluded.epci_name'),
          latitude: eb.ref('excluded.latitude'),
          longitude: eb.ref('excluded.longitude'),
        })),
      )
      .execute();
    await trx
      .insertInto('territory_communes')
      .values(seed.communes.map((code) => ({ territory_id: t.id, insee_code: code })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    // The seed's communes are this geography year's membership (one territory per commune, see membership-store.ts).
    await recordMembership(
      trx,
      t.id,
      currentGeographyYear,
      { method: 'seed', code: t.inseeCode, source: seed.sources.zoning ?? '' },
      seed.communes,
    );

    const organisationIds = new Map<string, string>();
    for (const o of seed.organisations) {
      const row = await trx
        .insertInto('organisations')
        .values({
          slug: o.slug,
          kind: o.kind,
          name: o.name,
          website: o.website ?? null,
          description: o.description ?? '',
        })
        .onConflict((oc) =>
          oc
            .column('slug')
            .doUpdateSet({ kind: o.kind, name: o.name, website: o.website ?? null })
            .where('organisations.edited_at', 'is', null),
        )
        .returning('id')
        .executeTakeFirst();
      // An organisation edited in the pages is left as it is (the upsert returns nothing): read its id.
      const id =
        row?.id ??
        (
          await trx
            .selectFrom('organisations')
            .select('id')
            .where('slug', '=', o.slug)
            .executeTakeFirstOrThrow()
        ).id;
      organisationIds.set(o.slug, id);
      await trx
        .insertInto('organisation_territories')
        .values({ organisation_id: id, territory_id: t.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    for (const p of seed.places) {
      const values = {
        territory_id: t.id,
        organisation_id: organisationIds.get(p.organisation) ?? null,
        name: p.name,
        kind: p.kind,
        address_line: p.address ?? null,
        address_complement: p.addressComplement ?? null,
        postal_code: p.postalCode ?? null,
        commune_insee: p.commune ?? null,
        latitude: p.latitude ?? null,
        longitude: p.longitude ?? null,
        phone: p.phone ?? null,
        email: p.email ?? null,
        opening_hours: JSON.stringify(parseWeeklyHours(p.hours)),
        hours_note: p.hoursNote ?? null,
        to_complete: p.toComplete ?? null,
        source: p.source,
      };
      await trx
        .insertInto('places')
        .values({ slug: p.slug, ...values })
        .onConflict((oc) =>
          oc
            .column('slug')
            .doUpdateSet({ ...values, updated_at: sql`now()` })
            .where('places.edited_at', 'is', null),
        )
        .execute();
    }
    if (seed.retiredPlaces?.length)
      await trx
        .deleteFrom('places')
        .where('slug', 'in', seed.retiredPlaces)
        .where('edited_at', 'is', null)
        .execute();
    await applyServices(trx, seed, organisationIds);
    await applyBusTours(trx, seed);
  });
  // Pages read the territory from memory: show the new offer at once.
  forgetTerritory(db);
}

type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0];

async function placeIds(trx: Trx, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await trx.selectFrom('places').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Upserts the seed's services and where they are given; a service edited in the pages is left alone. */
async function applyServices(trx: Trx, seed: TerritorySeed, organisationIds: Map<string, string>) {
  const services = seed.services ?? [];
  const ids = await placeIds(
    trx,
    services.flatMap((s) => s.places),
  );
  for (const s of services) {
    const values = {
      territory_id: seed.territory.id,
      organisation_id: organisationIds.get(s.organisation)!,
      name: s.name,
      description: s.description,
      kind: s.kind ?? null,
      themes: s.themes,
      publics: s.publics,
      fees: s.fees ?? null,
      usage_modes: s.usageModes,
      at_distance: s.atDistance ?? false,
      on_bus: s.onBus ?? false,
      prerequisites: s.prerequisites ?? [],
      documents: s.documents ?? [],
      eligibility_zone: s.eligibilityZone,
      online_url: s.onlineUrl ?? null,
      phone: s.phone ?? null,
      source: s.source,
      last_checked_on: s.lastCheckedOn,
    };
    const row = await trx
      .insertInto('services')
      .values({ slug: s.slug, ...values })
      .onConflict((oc) =>
        oc
          .column('slug')
          .doUpdateSet({ ...values, updated_at: sql`now()` })
          .where('services.edited_at', 'is', null),
      )
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await trx.deleteFrom('service_places').where('service_id', '=', row.id).execute();
    const links = s.places.flatMap((slug) =>
      ids.has(slug) ? [{ service_id: row.id, place_id: ids.get(slug)! }] : [],
    );
    if (links.length > 0) await trx.insertInto('service_places').values(links).execute();
  }
}

/**
 * Upserts the bus tours; their stops are replaced by the seed's, unless the tour was changed in the offer's pages
 * (then its stops and cancelled passages stay as people left them).
 */
async function applyBusTours(trx: Trx, seed: TerritorySeed) {
  for (const tour of seed.busTours ?? []) {
    const ids = await placeIds(trx, [tour.place, ...tour.stops.map((s) => s.place)]);
    const values = {
      territory_id: seed.territory.id,
      place_id: ids.get(tour.place)!,
      name: tour.name,
      staff: tour.staff,
      source: tour.source,
    };
    const row = await trx
      .insertInto('bus_tours')
      .values({ slug: tour.slug, ...values })
      .onConflict((oc) => oc.column('slug').doUpdateSet(values).where('bus_tours.edited_at', 'is', null))
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await trx.deleteFrom('bus_stops').where('tour_id', '=', row.id).execute();
    await trx
      .insertInto('bus_stops')
      .values(
        tour.stops.map((s) => ({
          tour_id: row.id,
          place_id: ids.get(s.place)!,
          weekday: weekdayKeys.indexOf(s.weekday) + 1,
          every_weeks: s.everyWeeks,
          first_date: s.firstDate,
          starts: s.starts,
          ends: s.ends,
          demo: s.demo ?? false,
        })),
      )
      .execute();
  }
}
