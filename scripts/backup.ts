// `npm run backup -- <file>` and `npm run restore -- <file>`: dump the database of DATABASE_URL (or of
// DATA_DIR) into a file, or restore a file into a fresh instance. See docs/operations.md.
import { loadConfig, ConfigError } from '../src/config.ts';
import { DataDirLockedError } from '../src/platform/db/database.ts';
import { backupDatabase, restoreDatabase, type BackupFormat } from '../src/platform/backup.ts';

const usage = `Usage :
  npm run backup -- <fichier> [--format pglite-tar|pg-custom|logical]
  npm run restore -- <fichier>
La base est celle de DATABASE_URL, sinon celle de DATA_DIR (serveur arrêté pour la base embarquée).`;

async function main(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if ((command !== 'backup' && command !== 'restore') || !file) {
    console.error(usage);
    return 2;
  }
  const formatIndex = rest.indexOf('--format');
  const format = formatIndex >= 0 ? (rest[formatIndex + 1] as BackupFormat | undefined) : undefined;
  if (format && !['pglite-tar', 'pg-custom', 'logical'].includes(format)) {
    console.error(`Format inconnu : ${format}\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  const location = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `base embarquée (${config.dataDir})`;
  const started = performance.now();
  if (command === 'backup') {
    const written = await backupDatabase(location, file, { format });
    console.log(`Sauvegarde écrite : ${file} (format ${written}, ${where}, ${Math.round(performance.now() - started)} ms)`);
  } else {
    const read = await restoreDatabase(file, location);
    console.log(`Restauration terminée : ${file} (format ${read}) vers ${where}, ${Math.round(performance.now() - started)} ms`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof Error;
    console.error(`Échec : ${known ? (error as Error).message : String(error)}`);
    process.exit(1);
  },
);
