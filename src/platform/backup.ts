// Backup and restore of the whole database, on PGlite or PostgreSQL.
// Formats, told apart by their first bytes:
// - PGlite: the data folder as a gzipped tar (PGlite's own dumpDataDir), restored into a fresh DATA_DIR;
// - PostgreSQL: pg_dump's custom format when pg_dump is installed, restored with pg_restore;
// - otherwise, and across kinds: a portable logical dump (JSON, one entry per table of the public schema),
//   restored into a freshly migrated database in foreign-key order, sequences set after.
// Fingerprints (row count and checksum per table) prove that a restored instance holds the same data.
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle, type Db, type Executor } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

const run = promisify(execFile);

export type BackupFormat = 'pglite-tar' | 'pg-custom' | 'logical';

/** Where a backup goes from or to: a PGlite folder or a PostgreSQL URL. */
export interface DatabaseLocation {
  databaseUrl?: string;
  dataDir?: string;
}

/** Row count and checksum of one table. */
export interface TableFingerprint {
  rows: number;
  checksum: string;
}

interface LogicalDump {
  format: 'sans-couture-logical';
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: Record<string, Record<string, unknown>[]>;
}

// Kysely's own bookkeeping is rebuilt by the migrations of the target, never copied.
const migrationTables = new Set(['schema_migrations', 'schema_migrations_lock']);

/** The tables of the public schema, parents before children (foreign keys), bookkeeping excluded. */
export async function tablesInDependencyOrder(db: Executor): Promise<string[]> {
  const tables = (
    await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !migrationTables.has(name));
  const edges = (
    await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`.execute(db)
  ).rows;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const edge of edges)
      if (edge.child === table && edge.parent !== table && tables.includes(edge.parent)) visit(edge.parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** Row count and checksum (md5 of the rows as text, sorted) of every table of the public schema. */
export async function tableFingerprints(db: Db): Promise<Record<string, TableFingerprint>> {
  const result: Record<string, TableFingerprint> = {};
  for (const table of await tablesInDependencyOrder(db)) {
    const row = (
      await sql<{ rows: number; checksum: string | null }>`
        select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as checksum
        from ${sql.table(table)} t`.execute(db)
    ).rows[0]!;
    result[table] = { rows: row.rows, checksum: row.checksum ?? '' };
  }
  return result;
}

/** The format of a backup file, from its first bytes. */
export function detectFormat(file: string): BackupFormat {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(5);
  fs.readSync(fd, head, 0, 5, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') === 'PGDMP') return 'pg-custom';
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // Both the PGlite tar and the logical dump are gzipped: a logical dump starts with "{" once inflated.
    const start = gunzipSync(fs.readFileSync(file)).subarray(0, 1).toString('latin1');
    return start === '{' ? 'logical' : 'pglite-tar';
  }
  throw new Error(`Format de sauvegarde inconnu : ${file}`);
}

/** Whether pg_dump and pg_restore can be run on this machine. */
export async function hasPgTools(): Promise<boolean> {
  try {
    await run('pg_dump', ['--version']);
    await run('pg_restore', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Writes a portable logical dump of an open database (gzipped JSON). */
export async function writeLogicalDump(db: Db, file: string): Promise<void> {
  const dump = await db.transaction().execute(async (trx) => {
    // One snapshot for every table: a consistent dump even while the application writes.
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    const migrations = (
      await sql<{ name: string }>`select name from schema_migrations order by name`.execute(trx)
    ).rows.map((r) => r.name);
    const tables: LogicalDump['tables'] = {};
    for (const table of await tablesInDependencyOrder(trx)) {
      const rows = await sql<{
        row: Record<string, unknown>;
      }>`select to_jsonb(t) as row from ${sql.table(table)} t`.execute(trx);
      tables[table] = rows.rows.map((r) => r.row);
    }
    const value: LogicalDump = {
      format: 'sans-couture-logical',
      version: 1,
      createdAt: new Date().toISOString(),
      migrations,
      tables,
    };
    return value;
  });
  fs.writeFileSync(file, gzipSync(JSON.stringify(dump)));
}

/** Loads a logical dump into a database that has just been migrated and holds no data yet. */
export async function readLogicalDump(db: Db, file: string): Promise<void> {
  const dump = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as LogicalDump;
  if (dump.format !== 'sans-couture-logical' || dump.version !== 1)
    throw new Error('Ce fichier n’est pas une sauvegarde logique Sans Couture.');
  const applied = new Set(
    await migrateToLatest(db).then(async () =>
      (await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map((r) => r.name),
    ),
  );
  const unknown = dump.migrations.filter((m) => !applied.has(m));
  if (unknown.length > 0) {
    throw new Error(
      `La sauvegarde vient d’une version plus récente (migrations inconnues : ${unknown.join(', ')}). Mettez l’application à jour avant de restaurer.`,
    );
  }
  await db.transaction().execute(async (trx) => {
    const order = await tablesInDependencyOrder(trx);
    for (const table of order) {
      const count = (
        await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx)
      ).rows[0]!.n;
      if (count > 0)
        throw new Error(`La base cible n’est pas vide (table ${table}) : restaurez dans une base neuve.`);
    }
    for (const table of order) {
      const rows = dump.tables[table] ?? [];
      if (rows.length === 0) continue;
      const columns = (
        await sql<{
          name: string;
        }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table}`.execute(
          trx,
        )
      ).rows.map((r) => r.name);
      const present = columns.filter((c) => c in rows[0]!);
      const list = sql.join(present.map((c) => sql.ref(c)));
      // Batches keep each statement's parameter below a few megabytes.
      for (let i = 0; i < rows.length; i += 500) {
        const batch = JSON.stringify(rows.slice(i, i + 500));
        await sql`insert into ${sql.table(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${batch}::jsonb)`.execute(
          trx,
        );
      }
    }
    // Serial and identity columns continue after the restored rows.
    const sequences = (
      await sql<{ table: string; column: string; sequence: string }>`
        select c.table_name as table, c.column_name as column, pg_get_serial_sequence(format('%I', c.table_name), c.column_name) as sequence
        from information_schema.columns c
        where c.table_schema = 'public' and pg_get_serial_sequence(format('%I', c.table_name), c.column_name) is not null`.execute(
        trx,
      )
    ).rows;
    for (const s of sequences) {
      await sql`select setval(${s.sequence}, coalesce((select max(${sql.ref(s.column)}) from ${sql.table(s.table)}), 0) + 1, false)`.execute(
        trx,
      );
    }
  });
}

/** Backs up the database at `from` into `file`; returns the format written. */
export async function backupDatabase(
  from: DatabaseLocation,
  file: string,
  options: { format?: BackupFormat } = {},
): Promise<BackupFormat> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (from.databaseUrl) {
    const format = options.format ?? ((await hasPgTools()) ? 'pg-custom' : 'logical');
    if (format === 'pg-custom') {
      await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        '--file',
        file,
        '--dbname',
        from.databaseUrl,
      ]);
      return format;
    }
    const handle = await openDatabase({ databaseUrl: from.databaseUrl, poolSize: 1 });
    try {
      await writeLogicalDump(handle.db, file);
    } finally {
      await handle.close();
    }
    return 'logical';
  }
  if (!from.dataDir) throw new Error('Indiquez DATABASE_URL ou DATA_DIR.');
  // Opening the folder takes its lock: a running server is refused with a clear message.
  const handle = await openDatabase({ dataDir: from.dataDir });
  try {
    return await backupOpenDatabase(handle, file, options.format ?? 'pglite-tar');
  } finally {
    await handle.close();
  }
}

/** Backs up an already open database (tests, or a process that holds the PGlite folder). */
export async function backupOpenDatabase(
  handle: DatabaseHandle,
  file: string,
  format: BackupFormat,
): Promise<BackupFormat> {
  if (format === 'pglite-tar') {
    if (!handle.pglite) throw new Error('Le format pglite-tar ne s’applique qu’à la base embarquée.');
    const dump = await handle.pglite.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return format;
  }
  if (format === 'pg-custom')
    throw new Error('Le format pg-custom se fait depuis DATABASE_URL avec pg_dump.');
  await writeLogicalDump(handle.db, file);
  return format;
}

/** Restores `file` into a fresh instance at `to` (an empty PostgreSQL database, or a new DATA_DIR). */
export async function restoreDatabase(file: string, to: DatabaseLocation): Promise<BackupFormat> {
  const format = detectFormat(file);
  if (to.databaseUrl) {
    if (format === 'pg-custom') {
      await run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        to.databaseUrl,
        file,
      ]);
      return format;
    }
    const target = await openDatabase({ databaseUrl: to.databaseUrl, poolSize: 1 });
    try {
      await restoreIntoOpen(format, file, target);
    } finally {
      await target.close();
    }
    return format;
  }
  if (!to.dataDir) throw new Error('Indiquez DATABASE_URL ou DATA_DIR.');
  const pgliteDir = path.join(to.dataDir, 'pglite');
  if (fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0) {
    throw new Error(`Le dossier ${to.dataDir} contient déjà une base : restaurez dans un DATA_DIR neuf.`);
  }
  if (format === 'pglite-tar') {
    const handle = await openDatabase({
      dataDir: to.dataDir,
      loadDataDir: new Blob([fs.readFileSync(file)]),
    });
    await handle.close();
    return format;
  }
  if (format === 'pg-custom')
    throw new Error('Une sauvegarde pg_dump se restaure sur PostgreSQL (DATABASE_URL).');
  const handle = await openDatabase({ dataDir: to.dataDir });
  try {
    await readLogicalDump(handle.db, file);
  } finally {
    await handle.close();
  }
  return format;
}

async function restoreIntoOpen(format: BackupFormat, file: string, target: DatabaseHandle): Promise<void> {
  if (format === 'logical') return readLogicalDump(target.db, file);
  // A PGlite folder restored onto PostgreSQL: open it in memory, then copy it logically.
  const source = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(file)]) });
  const temporary = file + '.logical.tmp';
  try {
    await writeLogicalDump(source.db, temporary);
    await readLogicalDump(target.db, temporary);
  } finally {
    await source.close();
    fs.rmSync(temporary, { force: true });
  }
}
