// `sans-couture territory add`: a territory joins by configuration. Thin: reads the options and the zoning file,
// then calls the territory feature's addTerritory on the configured database.
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { addTerritory, type TerritoryDefinition } from '../features/territory/join.ts';

export interface TerritoryAddOptions {
  id: string;
  name: string;
  description?: string;
  bassinDeVie?: string;
  zoningFile?: string;
  zoningColumn?: string;
  epci?: string;
  communes?: string;
}

/** The definition the options describe: exactly one of --bassin-de-vie (with --zoning-file), --epci, --communes. */
export function definitionOf(options: TerritoryAddOptions): TerritoryDefinition {
  const given = [options.bassinDeVie, options.epci, options.communes].filter((v) => v !== undefined);
  if (given.length !== 1)
    throw new InvalidArgumentError(
      'donnez exactement une des options --bassin-de-vie CODE (avec --zoning-file), --epci SIREN ou --communes CODE,CODE…',
    );
  if (options.bassinDeVie !== undefined) {
    if (!options.zoningFile)
      throw new InvalidArgumentError(
        '--bassin-de-vie demande --zoning-file TABLE.csv (la table de zonage des communes publiée par l’INSEE)',
      );
    if (!fs.existsSync(options.zoningFile))
      throw new InvalidArgumentError(`fichier de zonage introuvable : ${options.zoningFile}`);
    return {
      kind: 'bassin-de-vie',
      code: options.bassinDeVie.trim(),
      zoningCsv: fs.readFileSync(options.zoningFile, 'utf8'),
      zoningSource: `table de zonage INSEE ${path.basename(options.zoningFile)}`,
      ...(options.zoningColumn ? { zoningColumn: options.zoningColumn } : {}),
    };
  }
  if (options.epci !== undefined) return { kind: 'epci', siren: options.epci.trim() };
  return { kind: 'communes', codes: (options.communes ?? '').split(',') };
}

/** Runs `territory add`; returns the line to print. AppErrors become their French message. */
export async function runTerritoryAdd(options: TerritoryAddOptions): Promise<string> {
  const definition = definitionOf(options);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const added = await addTerritory(database.db, {
      id: options.id,
      name: options.name,
      definition,
      ...(options.description ? { description: options.description } : {}),
    });
    return `Territoire ${added.id} ajouté : ${added.communes} communes (géographie ${added.geographyYear}).`;
  } catch (error) {
    if (error instanceof AppError) throw new InvalidArgumentError(error.detail ?? error.message);
    throw error;
  } finally {
    await database.close();
  }
}
