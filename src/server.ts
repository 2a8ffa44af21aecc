// Starts the platform: config, database (migrations + seed), HTTP server, and a clean shutdown on SIGTERM.
import { describeConfig, loadConfig, ConfigError } from './config.ts';
import { openDatabase, DataDirLockedError } from './platform/db/database.ts';
import { prepareDatabase } from './bootstrap.ts';
import { build } from './app.ts';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { humanLogStream } from './platform/logging.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  // JSON lines in production; plain lines on a terminal, through the same logger.
  const stream = config.logFormat === 'text' ? humanLogStream(process.stdout) : undefined;
  const log = pino({ level: config.logLevel }, stream ?? process.stdout);
  const step = async <T>(doing: string, done: (result: T) => string, work: () => Promise<T>): Promise<T> => {
    log.info(`${doing}…`);
    const t0 = performance.now();
    const result = await work();
    log.info(`${done(result)} (${((performance.now() - t0) / 1000).toFixed(1).replace('.', ',')} s)`);
    return result;
  };
  log.info({ config: describeConfig(config) }, 'Sans Couture démarre');
  const database = await step(
    config.databaseUrl
      ? 'Connexion à PostgreSQL'
      : fs.existsSync(path.join(config.dataDir, 'pglite', 'PG_VERSION'))
        ? `Ouverture de la base embarquée (${config.dataDir})`
        : `Création de la base embarquée dans ${config.dataDir} (la première fois seulement : jusqu’à une minute)`,
    () => 'base de données prête',
    () => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
  );
  const app = await step(
    'Chargement des fonctionnalités et compilation des règles des droits',
    () => 'fonctionnalités prêtes',
    () => build({ config, database, logger: stream ? { stream } : true }),
  );
  await step(
    'Migrations et chargement des territoires',
    ({ migrations }) =>
      migrations.length > 0
        ? `migrations appliquées : ${migrations.join(', ')} ; territoires à jour`
        : 'base à jour',
    () => prepareDatabase(database.db, { demo: config.seedDemo }),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'draining requests, then closing the database');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long, exiting');
      process.exit(1);
    }, 15000);
    try {
      await app.close();
      await database.close();
      clearTimeout(timer);
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { url: config.publicUrl, readyInMs: Math.round(performance.now() - started), database: database.kind },
    `Sans Couture est prêt sur ${config.publicUrl}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`Sans Couture ne peut pas démarrer : ${error.message}`);
  } else {
    console.error('Sans Couture ne peut pas démarrer :', error);
  }
  process.exit(1);
});
