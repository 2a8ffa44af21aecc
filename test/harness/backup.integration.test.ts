// Backup and restore: the restored instance holds the same data (row count and checksum of every table),
// on PGlite (its folder as a tar, and the portable logical dump) and on PostgreSQL (pg_dump's custom
// format, and the logical dump), and through the command line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/bootstrap.ts';
import { journal } from '../../src/platform/audit.ts';
import {
  backupDatabase,
  backupOpenDatabase,
  detectFormat,
  hasPgTools,
  restoreDatabase,
  tableFingerprints,
  type BackupFormat,
} from '../../src/platform/backup.ts';
import type { Db } from '../../src/platform/db/database.ts';

const run = promisify(execFile);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-backup-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Data beyond the seed: accents, quotes, NULLs, arrays, JSON, an audit row, a sequence in use. */
async function addData(db: Db): Promise<void> {
  const user = await db
    .insertInto('users')
    .values({
      email: `Élodie.O'Brien+${randomBytes(3).toString('hex')}@exemple.localhost`,
      display_name: 'Élodie « test » O’Brien',
      role: 'resident',
      organisation_id: null,
      oidc_subject: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await journal(db, {
    actor: { id: user.id, role: 'resident' },
    action: 'read',
    subjectType: 'user',
    subjectId: user.id,
    reason: 'sauvegarde ; test',
  });
  await sql`update places set opening_hours = ${JSON.stringify([{ day: 1, opens: '09:00', closes: '12:00' }])}::jsonb, hours_note = null where slug = 'mairie-cahors'`.execute(
    db,
  );
}

const adminUrl = process.env.TEST_DATABASE_URL;

async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sc_backup_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe('backup and restore on PGlite', () => {
  let dataDir: string;
  let before: Awaited<ReturnType<typeof tableFingerprints>>;
  beforeAll(async () => {
    dataDir = path.join(work, 'source');
    const handle = await openDatabase({ dataDir });
    await prepareDatabase(handle.db, { demo: true });
    await addData(handle.db);
    before = await tableFingerprints(handle.db);
    await handle.close();
  }, 120_000);

  for (const format of ['pglite-tar', 'logical'] as BackupFormat[]) {
    it(`restores a ${format} backup into a fresh DATA_DIR with the same data`, async () => {
      const file = path.join(work, `pglite.${format}.gz`);
      const source = await openDatabase({ dataDir });
      await backupOpenDatabase(source, file, format);
      await source.close();
      expect(detectFormat(file)).toBe(format);
      const target = path.join(work, `restored-${format}`);
      await restoreDatabase(file, { dataDir: target });
      const restored = await openDatabase({ dataDir: target });
      const after = await tableFingerprints(restored.db);
      // The restored instance starts: migrations and the idempotent seed run on it.
      await prepareDatabase(restored.db, { demo: true });
      await restored.close();
      expect(after).toEqual(before);
      expect(after.users!.rows).toBeGreaterThan(9);
      expect(after.audit_journal!.rows).toBeGreaterThan(0);
    }, 120_000);
  }

  it('refuses to restore over an existing database', async () => {
    const file = path.join(work, 'pglite.pglite-tar.gz');
    await expect(restoreDatabase(file, { dataDir })).rejects.toThrow(/DATA_DIR neuf/);
  }, 60_000);

  it('backs up and restores through the commands (sans-couture backup / restore)', async () => {
    const file = path.join(work, 'cli.tar.gz');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const backup = await run('npx', ['tsx', 'src/cli/index.ts', 'backup', file], { env, cwd: process.cwd() });
    expect(backup.stdout).toMatch(/Sauvegarde écrite/);
    const target = path.join(work, 'cli-restored');
    const restore = await run('npx', ['tsx', 'src/cli/index.ts', 'restore', file], {
      env: { ...env, DATA_DIR: target },
      cwd: process.cwd(),
    });
    expect(restore.stdout).toMatch(/Restauration terminée/);
    const restored = await openDatabase({ dataDir: target });
    expect(await tableFingerprints(restored.db)).toEqual(before);
    await restored.close();
  }, 300_000);
});

describe.runIf(adminUrl)('backup and restore on PostgreSQL', () => {
  let source: { url: string; drop(): Promise<void> };
  let before: Awaited<ReturnType<typeof tableFingerprints>>;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    source = await freshPostgres();
    cleanups.push(source.drop);
    const handle = await openDatabase({ databaseUrl: source.url, poolSize: 2 });
    await prepareDatabase(handle.db, { demo: true });
    await addData(handle.db);
    before = await tableFingerprints(handle.db);
    await handle.close();
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('has pg_dump and pg_restore on this machine (the CI installs postgresql)', async () => {
    expect(await hasPgTools()).toBe(true);
  });

  for (const format of ['pg-custom', 'logical'] as BackupFormat[]) {
    it(`restores a ${format} backup into a fresh database with the same data`, async () => {
      const file = path.join(work, `pg.${format}`);
      expect(await backupDatabase({ databaseUrl: source.url }, file, { format })).toBe(format);
      expect(detectFormat(file)).toBe(format);
      const target = await freshPostgres();
      cleanups.push(target.drop);
      await restoreDatabase(file, { databaseUrl: target.url });
      const restored = await openDatabase({ databaseUrl: target.url, poolSize: 2 });
      const after = await tableFingerprints(restored.db);
      await prepareDatabase(restored.db, { demo: true });
      // New rows get fresh ids after a restore: the sequences continue.
      await journal(restored.db, {
        actor: null,
        action: 'read',
        subjectType: 'user',
        subjectId: null,
        reason: 'après restauration',
      });
      await restored.close();
      expect(after).toEqual(before);
    }, 120_000);
  }
});
