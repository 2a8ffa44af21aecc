// Loads a territory seed file (seeds/territories/*.json) into the database, idempotently: running it twice
// changes nothing, and a new territory joins by adding one file.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { forgetTerritory } from './store.ts';
import type { Db } from '../../platform/db/database.ts';
import { parseWeeklyHours } from './hours.ts';
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
}

interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}
interface EpciRecord {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);
let communeIndex: Map<string, CommuneRecord> | undefined;
let epciIndex: Map<string, EpciRecord> | undefined;

/** Commune names, postal codes and populations from @etalab/decoupage-administratif (COG, INSEE). */
function officialCommune(code: string): { commune: CommuneRecord; epci: EpciRecord | undefined } {
  if (!communeIndex || !epciIndex) {
    const communes = require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[];
    communeIndex = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
    const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
    epciIndex = new Map();
    for (const epci of epcis) for (const member of epci.membres) epciIndex.set(member.code, epci);
  }
  const commune = communeIndex.get(code);
  if (!commune) throw new Error(`Commune ${code} absente du code officiel géographique`);
  return { commune, epci: epciIndex.get(code) };
}

/** Reads and checks a territory seed file: every reference resolves, every opening range is valid. */
export function readTerritorySeed(file: string): TerritorySeed {
  const seed = JSON.parse(fs.readFileSync(file, 'utf8')) as TerritorySeed;
  const organisations = new Set(seed.organisations.map((o) => o.slug));
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
          oc.column('slug').doUpdateSet({ kind: o.kind, name: o.name, website: o.website ?? null }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      organisationIds.set(o.slug, row.id);
      await trx
        .insertInto('organisation_territories')
        .values({ organisation_id: row.id, territory_id: t.id })
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
        .onConflict((oc) => oc.column('slug').doUpdateSet({ ...values, updated_at: sql`now()` }))
        .execute();
    }
  });
  // Pages read the territory from memory: show the new offer at once.
  forgetTerritory(db);
}
