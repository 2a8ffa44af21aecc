// The `sans-couture` command: start, migrate, seed and simulate. Thin: each subcommand calls the platform or
// the feature that owns the work.
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { BackupFormat } from '../platform/backup.ts';
import type { openDatabase as OpenDatabase } from '../platform/db/database.ts';
import type { TerritoryAddOptions } from './territory.ts';

// Each command loads only what it uses (the database drivers are heavy): `simulate` starts in a blink.
const openDatabase = async (...args: Parameters<typeof OpenDatabase>) =>
  (await import('../platform/db/database.ts')).openDatabase(...args);

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('un entier positif est attendu');
  return n;
}

/** Commander's own error messages, said in French (the operator's language, like every other message here). */
const commanderMessages: [RegExp, (...groups: string[]) => string][] = [
  [/^error: required option '(.+)' not specified/, (o) => `l’option ${o} est obligatoire`],
  [/^error: option '(.+)' argument missing/, (o) => `l’option ${o} attend une valeur`],
  [/^error: unknown option '(.+?)'/, (o) => `option inconnue : ${o}`],
  [/^error: unknown command '(.+?)'/, (c) => `commande inconnue : ${c}`],
  [/^error: missing required argument '(.+)'/, (a) => `il manque l’argument ${a}`],
  [/^error: too many arguments/, () => 'trop d’arguments'],
];

/** A Commander error line in French (unchanged when it is not one we know). */
export function frenchCommanderError(message: string): string {
  for (const [pattern, say] of commanderMessages) {
    const match = pattern.exec(message);
    if (match) return `sans-couture : ${say(...match.slice(1))}\n`;
  }
  return message;
}

/** Builds the command line program (exported for tests). */
export function program(): Command {
  const cli = new Command('sans-couture')
    .description('Service public sans couture — commandes d’exploitation')
    .configureOutput({ outputError: (message, write) => write(frenchCommanderError(message)) })
    .showHelpAfterError();

  cli
    .command('start')
    .description('démarre le serveur web (migrations et données du territoire comprises)')
    .action(async () => {
      await import('../server.ts');
    });

  cli
    .command('migrate')
    .description('applique les migrations en attente à la base configurée')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { migrateToLatest } = await import('../platform/db/migrate.ts');
        const applied = await migrateToLatest(database.db);
        process.stdout.write(
          applied.length > 0 ? `Migrations appliquées : ${applied.join(', ')}\n` : 'Base déjà à jour.\n',
        );
      } finally {
        await database.close();
      }
    });

  cli
    .command('seed')
    .description('charge les données du territoire (et les comptes de démonstration avec --demo)')
    .option('--demo', 'ajoute les comptes de démonstration (jamais en production)', false)
    .action(async (options: { demo: boolean }) => {
      const config = loadConfig();
      if (options.demo && config.env === 'production')
        throw new InvalidArgumentError('--demo est refusé en production');
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { prepareDatabase } = await import('../bootstrap.ts');
        await prepareDatabase(database.db, { demo: options.demo });
        process.stdout.write('Données chargées.\n');
      } finally {
        await database.close();
      }
    });

  cli
    .command('simulate')
    .description(
      'estime les droits de chaque foyer d’un fichier JSONL (une demande par ligne, une réponse par ligne)',
    )
    .requiredOption('-i, --input <fichier>', 'fichier JSONL des demandes (corps de POST /api/v1/estimations)')
    .requiredOption('-o, --output <fichier>', 'fichier JSONL des réponses, dans le même ordre')
    .option('-w, --workers <n>', 'nombre de fils de calcul (par défaut : un par cœur)', positiveInteger)
    .action(async (options: { input: string; output: string; workers?: number }) => {
      if (!fs.existsSync(options.input))
        throw new InvalidArgumentError(`fichier introuvable : ${options.input}`);
      const outputDir = path.dirname(path.resolve(options.output));
      if (!fs.existsSync(outputDir))
        throw new InvalidArgumentError(`dossier introuvable pour les réponses : ${outputDir}`);
      const bar = process.stderr.isTTY
        ? new cliProgress.SingleBar(
            {
              format: 'Estimation {bar} {percentage} % | {value}/{total} foyers | {eta_formatted}',
              stream: process.stderr,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      let started = false;
      const { simulate } = await import('./simulate.ts');
      const summary = await simulate({
        input: options.input,
        output: options.output,
        workers: options.workers,
        onProgress: (done, total) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        },
      });
      bar?.stop();
      const rate = Math.round(summary.perSecond).toLocaleString('fr-FR');
      process.stderr.write(
        `${summary.count} foyers estimés, ${summary.errors} ligne(s) en erreur, en ${summary.seconds.toFixed(2)} s (${rate} foyers/s). Réponses : ${options.output}\n`,
      );
    });
  cli
    .command('import <fichier>')
    .description(
      'importe des lieux : liste ANCT des France services (CSV) ou structures data·inclusion (JSON) ; aperçu sans rien écrire, --appliquer pour enregistrer (tout ou rien)',
    )
    .requiredOption('--format <format>', 'anct ou data-inclusion')
    .requiredOption('--territoire <id>', 'identifiant du territoire (par exemple cahors)')
    .option('--organisme <slug>', 'organisme des lieux créés (par exemple france-services-lot)')
    .option('--appliquer', 'enregistre les changements (sinon : aperçu seulement)', false)
    .action(
      async (
        file: string,
        options: { format: string; territoire: string; organisme?: string; appliquer: boolean },
      ) => {
        if (options.format !== 'anct' && options.format !== 'data-inclusion')
          throw new InvalidArgumentError(`format inconnu : ${options.format} (anct ou data-inclusion)`);
        if (!fs.existsSync(file)) throw new InvalidArgumentError(`fichier introuvable : ${file}`);
        const text = fs.readFileSync(file, 'utf8');
        const config = loadConfig();
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const { applyImport, describePreview, previewImport } =
            await import('../features/territory/import-offer.ts');
          const organisation = options.organisme
            ? await database.db
                .selectFrom('organisations')
                .select('id')
                .where('slug', '=', options.organisme)
                .executeTakeFirst()
            : undefined;
          if (options.organisme && !organisation)
            throw new InvalidArgumentError(`organisme inconnu : ${options.organisme}`);
          const preview = await previewImport(database.db, options.format, text, options.territoire);
          process.stdout.write(describePreview(preview).join('\n') + '\n');
          if (preview.errors.length > 0) {
            process.stdout.write(`Aucune modification : ${preview.errors.length} erreur(s) à corriger.\n`);
            process.exitCode = 1;
            return;
          }
          if (!options.appliquer) {
            process.stdout.write('Aperçu seulement : rien n’est enregistré (ajoutez --appliquer).\n');
            return;
          }
          await applyImport(
            database.db,
            null,
            options.format,
            text,
            options.territoire,
            organisation?.id ?? null,
          );
          process.stdout.write('Import enregistré.\n');
        } finally {
          await database.close();
        }
      },
    );

  cli
    .command('territory')
    .description('territoires de l’expérimentation')
    .command('add')
    .description(
      'ajoute un territoire : un bassin de vie d’une table de zonage INSEE, un EPCI ou une liste de communes',
    )
    .requiredOption(
      '--id <id>',
      'identifiant du territoire (minuscules, chiffres, tirets), par exemple figeac',
    )
    .requiredOption('--name <nom>', 'nom du territoire, par exemple « Bassin de vie de Figeac »')
    .option('--bassin-de-vie <code>', 'code INSEE du bassin de vie (avec --zoning-file)')
    .option('--zoning-file <fichier>', 'table de zonage des communes publiée par l’INSEE, en CSV')
    .option(
      '--zoning-column <colonne>',
      'colonne de bassin de vie à lire quand il y en a plusieurs (BV2022…)',
    )
    .option('--epci <siren>', 'SIREN de l’intercommunalité')
    .option('--communes <codes>', 'codes INSEE des communes, séparés par des virgules')
    .option('--description <texte>', 'présentation du territoire')
    .action(async (options: TerritoryAddOptions) => {
      const { runTerritoryAdd } = await import('./territory.ts');
      process.stdout.write((await runTerritoryAdd(options)) + '\n');
    });

  cli
    .command('backup <fichier>')
    .description('sauvegarde la base (DATABASE_URL, sinon DATA_DIR serveur arrêté) dans un fichier')
    .option('--format <format>', 'pglite-tar, pg-custom ou logical (par défaut : selon la base)')
    .action(async (file: string, options: { format?: string }) => {
      if (options.format && !['pglite-tar', 'pg-custom', 'logical'].includes(options.format))
        throw new InvalidArgumentError(`format inconnu : ${options.format}`);
      const config = loadConfig();
      const { backupDatabase } = await import('../platform/backup.ts');
      const format = await backupDatabase(
        { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
        file,
        { format: options.format as BackupFormat | undefined },
      );
      process.stdout.write(`Sauvegarde écrite : ${file} (format ${format})\n`);
    });

  cli
    .command('restore <fichier>')
    .description('restaure une sauvegarde dans une instance neuve (base PostgreSQL vide, ou DATA_DIR neuf)')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new InvalidArgumentError(`fichier introuvable : ${file}`);
      const config = loadConfig();
      const { restoreDatabase } = await import('../platform/backup.ts');
      const format = await restoreDatabase(file, {
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
      });
      process.stdout.write(`Restauration terminée : ${file} (format ${format})\n`);
    });
  return cli;
}

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`sans-couture : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
