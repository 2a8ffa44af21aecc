// Brings a database to a usable state: migrations, then the territories, then (in demo mode) the accounts.
import type { Db } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { applyTerritorySeed, readTerritorySeed, territorySeedFiles } from './features/territory/seed.ts';
import { applyDemoAccounts } from './features/accounts/seed.ts';
import { applyDemoAppointments } from './features/appointments/demo.ts';

/** Migrates and seeds; safe to run on every start (every step is idempotent). */
export async function prepareDatabase(db: Db, options: { demo: boolean }): Promise<{ migrations: string[] }> {
  const migrations = await migrateToLatest(db);
  for (const file of territorySeedFiles()) await applyTerritorySeed(db, readTerritorySeed(file));
  if (options.demo) {
    await applyDemoAccounts(db);
    await applyDemoAppointments(db);
  }
  return { migrations };
}
