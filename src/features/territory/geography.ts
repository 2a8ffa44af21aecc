// The official geography, as @etalab/decoupage-administratif publishes the INSEE code officiel géographique (COG):
// current communes, their EPCI, and the codes communes had before they merged. Read once, kept in memory (about
// 35,000 communes). A territory joins by naming its communes in this geography.
import { createRequire } from 'node:module';

/**
 * The COG year of the installed @etalab/decoupage-administratif (6.0.0 carries the COG of 1 January 2026): the
 * geography year of the memberships written today. Update it with the package.
 */
export const currentGeographyYear = 2026;

export interface OfficialCommune {
  code: string;
  name: string;
  postalCodes: string[];
  population: number | null;
  epci: { code: string; name: string } | null;
}

interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  chefLieu?: string;
  anciensCodes?: string[];
  codesPostaux?: string[];
  population?: number;
}
interface EpciRecord {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const require = createRequire(import.meta.url);

interface Geography {
  communes: Map<string, OfficialCommune>;
  /** Former code (merged commune, commune déléguée or associée) → current commune code. */
  formerCodes: Map<string, string>;
  epcis: Map<string, { code: string; name: string; members: string[] }>;
}
let loaded: Geography | undefined;

function geography(): Geography {
  if (loaded) return loaded;
  const records = require('@etalab/decoupage-administratif/data/communes.json') as CommuneRecord[];
  const epciRecords = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
  const epciOf = new Map<string, { code: string; name: string }>();
  const epcis = new Map<string, { code: string; name: string; members: string[] }>();
  for (const e of epciRecords) {
    epcis.set(e.code, { code: e.code, name: e.nom, members: e.membres.map((m) => m.code) });
    for (const m of e.membres) epciOf.set(m.code, { code: e.code, name: e.nom });
  }
  const communes = new Map<string, OfficialCommune>();
  const formerCodes = new Map<string, string>();
  for (const r of records) {
    if (r.type === 'commune-actuelle') {
      communes.set(r.code, {
        code: r.code,
        name: r.nom,
        postalCodes: r.codesPostaux ?? [],
        population: r.population ?? null,
        epci: epciOf.get(r.code) ?? null,
      });
      for (const old of r.anciensCodes ?? []) formerCodes.set(old, r.code);
    } else if ((r.type === 'commune-deleguee' || r.type === 'commune-associee') && r.chefLieu) {
      if (r.code !== r.chefLieu) formerCodes.set(r.code, r.chefLieu);
    }
  }
  loaded = { communes, formerCodes, epcis };
  return loaded;
}

/** A current commune by its INSEE code. */
export function officialCommune(code: string): OfficialCommune | undefined {
  return geography().communes.get(code);
}

/** The current commune a code designates: itself when current, the commune it merged into when former. */
export function currentCommuneCode(code: string): string | undefined {
  const g = geography();
  if (g.communes.has(code)) return code;
  const merged = g.formerCodes.get(code);
  return merged && g.communes.has(merged) ? merged : undefined;
}

/** An EPCI (intercommunality) by its SIREN, with its member communes. */
export function officialEpci(siren: string): { code: string; name: string; members: string[] } | undefined {
  return geography().epcis.get(siren);
}
