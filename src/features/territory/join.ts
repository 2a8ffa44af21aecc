// A territory joins the experiment by configuration: its id, its name, and its communes given as a bassin de vie of
// an INSEE zoning table, an EPCI, or a list of INSEE codes. The communes are resolved in the current official
// geography (a commune merged since the zoning table was made counts as the commune it merged into), then the
// territory, its communes and its membership for this geography year are written in one transaction.
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalid, type FieldError } from '../../platform/errors.ts';
import { currentCommuneCode, currentGeographyYear, officialCommune, officialEpci } from './geography.ts';
import {
  communesTakenIn,
  recordMembership,
  territoryExists,
  type MembershipMethod,
} from './membership-store.ts';
import { forgetTerritory } from './store.ts';
import { parseZoningTable } from './zoning.ts';

export type TerritoryDefinition =
  | { kind: 'bassin-de-vie'; code: string; zoningCsv: string; zoningSource: string; zoningColumn?: string }
  | { kind: 'epci'; siren: string }
  | { kind: 'communes'; codes: string[] };

export interface NewTerritory {
  id: string;
  name: string;
  description?: string;
  definition: TerritoryDefinition;
}

/** The communes a definition designates, and what to record about it. */
export interface ResolvedCommunes {
  codes: string[];
  method: MembershipMethod;
  code: string;
  zoning: string;
  source: string;
}

const fail = (field: string, message: string): never => {
  throw invalid([{ field, message }], message);
};

/** Resolves a definition to current INSEE codes; throws a French validation error naming the bad part. */
export function resolveCommunes(definition: TerritoryDefinition): ResolvedCommunes {
  if (definition.kind === 'bassin-de-vie') {
    if (!/^\d[\dAB]\d{3}$/.test(definition.code))
      fail(
        'bassin-de-vie',
        `Code de bassin de vie invalide : « ${definition.code} » (5 caractères attendus).`,
      );
    const table = parseZoningTable(definition.zoningCsv, definition.zoningColumn);
    const listed = [...table.rows].filter(([, bv]) => bv === definition.code).map(([code]) => code);
    if (listed.length === 0)
      fail(
        'bassin-de-vie',
        `Le bassin de vie ${definition.code} n’est pas dans la table de zonage (colonne ${table.column}).`,
      );
    const codes = new Set<string>();
    for (const code of listed) {
      const current = currentCommuneCode(code);
      if (!current)
        fail(
          'zoning-file',
          `La commune ${code} de la table de zonage n’existe pas dans le code officiel géographique ${currentGeographyYear}.`,
        );
      codes.add(current!);
    }
    return {
      codes: [...codes].sort(),
      method: 'bassin-de-vie',
      code: definition.code,
      zoning: table.column,
      source: `${definition.zoningSource}, colonne ${table.column}`,
    };
  }
  if (definition.kind === 'epci') {
    if (!/^\d{9}$/.test(definition.siren))
      fail('epci', `SIREN d’EPCI invalide : « ${definition.siren} » (9 chiffres attendus).`);
    const epci = officialEpci(definition.siren);
    if (!epci) fail('epci', `Aucun EPCI n’a le SIREN ${definition.siren} dans le découpage administratif.`);
    return {
      codes: [...epci!.members].sort(),
      method: 'epci',
      code: definition.siren,
      zoning: 'EPCI',
      source: `${epci!.name} (SIREN ${definition.siren}), @etalab/decoupage-administratif`,
    };
  }
  const codes = [...new Set(definition.codes.map((c) => c.trim()).filter(Boolean))];
  if (codes.length === 0) fail('communes', 'Indiquez au moins un code INSEE de commune.');
  const unknown = codes.filter((c) => !officialCommune(c));
  if (unknown.length > 0)
    fail(
      'communes',
      `Code INSEE inconnu dans le code officiel géographique ${currentGeographyYear} : ${unknown.slice(0, 10).join(', ')}.`,
    );
  return {
    codes: codes.sort(),
    method: 'communes',
    code: codes[0]!,
    zoning: 'COMMUNES',
    source: 'liste de communes donnée à l’ajout',
  };
}

/** Checks the id and name of a new territory. */
export function checkTerritoryIdentity(input: { id: string; name: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(input.id))
    errors.push({
      field: 'id',
      message:
        'L’identifiant s’écrit en minuscules sans accents, chiffres et tirets (40 caractères au plus), par exemple « figeac ».',
    });
  if (input.name.trim().length < 2 || input.name.length > 120)
    errors.push({ field: 'name', message: 'Le nom compte de 2 à 120 caractères.' });
  return errors;
}

/** Adds a territory and its communes for the current geography year; nothing is written when anything is wrong. */
export async function addTerritory(
  db: Db,
  input: NewTerritory,
  year: number = currentGeographyYear,
): Promise<{ id: string; communes: number; geographyYear: number }> {
  const identity = checkTerritoryIdentity(input);
  if (identity.length > 0) throw invalid(identity, identity[0]!.message);
  const resolved = resolveCommunes(input.definition);
  const result = await db.transaction().execute(async (trx) => {
    if (await territoryExists(trx, input.id))
      throw new AppError('conflict', `L’identifiant de territoire « ${input.id} » est déjà pris.`, [
        { field: 'id', message: 'Identifiant déjà pris' },
      ]);
    const taken = await communesTakenIn(trx, year, resolved.codes);
    if (taken.length > 0) {
      const list = taken
        .slice(0, 5)
        .map((t) => `${t.code} (${t.territoryId})`)
        .join(', ');
      throw new AppError(
        'conflict',
        `Ces communes appartiennent déjà à un autre territoire en ${year} : ${list}${taken.length > 5 ? ', …' : ''}. Une commune n’est que dans un territoire, pour que chaque plan soit compté une fois.`,
        [{ field: 'communes', message: 'Communes déjà dans un territoire' }],
      );
    }
    await trx
      .insertInto('territories')
      .values({
        id: input.id,
        name: input.name.trim(),
        insee_code: resolved.code,
        zoning: resolved.zoning,
        description: input.description ?? '',
      })
      .execute();
    await trx
      .insertInto('communes')
      .values(
        resolved.codes.map((code) => {
          const c = officialCommune(code)!;
          return {
            insee_code: code,
            name: c.name,
            postal_codes: c.postalCodes,
            population: c.population,
            epci_code: c.epci?.code ?? null,
            epci_name: c.epci?.name ?? null,
          };
        }),
      )
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
      .values(resolved.codes.map((code) => ({ territory_id: input.id, insee_code: code })))
      .execute();
    await recordMembership(
      trx,
      input.id,
      year,
      { method: resolved.method, code: resolved.code, source: resolved.source },
      resolved.codes,
    );
    return { id: input.id, communes: resolved.codes.length, geographyYear: year };
  });
  forgetTerritory(db);
  return result;
}
