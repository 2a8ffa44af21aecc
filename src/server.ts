// Starts the platform: config, database (migrations + seed), HTTP server, and a clean shutdown on SIGTERM.
import { describeConfig, loadConfig, ConfigError } from './config.ts';
import { openDatabase, DataDirLockedError } from './platform/db/database.ts';
import { prepareDatabase } from './platform/bootstrap.ts';
import { build } from './app.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await build({ config, database });
  app.log.info({ config: describeConfig(config) }, 'configuration');
  const { migrations } = await prepareDatabase(database.db, { demo: config.seedDemo });
  if (migrations.length > 0) app.log.info({ migrations }, 'migrations applied');

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
    'Sans Couture est prêt',
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
