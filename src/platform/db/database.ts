// The one gate to the database: Kysely over a `pg.Pool`, whose connection is either a real PostgreSQL
// server or the embedded PGlite (through PGlite's node-postgres adapter). One code path, one dialect.
// Why not kysely-pglite: it lost committed work under concurrent transactions (see ARCHITECTURE.md).
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgresql';
  /** True when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
  /** The embedded instance, for dumps and tests; undefined on PostgreSQL. */
  pglite?: PGlite;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `Le dossier de données est déjà utilisé par un autre processus Sans Couture (pid ${pid}). ` +
        `Arrêtez-le, ou choisissez un autre DATA_DIR. Verrou : ${lockFile}`,
    );
  }
}

// node-postgres returns bigint (int8) and numeric as strings by default; counts and sums we use are far
// below 2^53, so parse them as numbers once, here.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));
// Dates (no time) stay strings 'YYYY-MM-DD': no time-zone shift on a birth date.
pg.types.setTypeParser(1082, (value) => value);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lockfile on the data folder: PGlite takes none, and two processes on one folder
 * corrupt it. A lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'sans-couture.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(lockFile, pid);
      }
      fs.unlinkSync(lockFile); // stale lock of a process that died
    }
  }
  throw new Error(`Impossible de prendre le verrou ${lockFile}`);
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder of the embedded database; 'memory://' for an in-memory one. */
  dataDir?: string;
  /** A PGlite dump (from dumpDataDir) to start from: opening it is ~6× faster than a new folder. */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

/** Opens the database: PostgreSQL when a URL is given, otherwise PGlite in `dataDir`. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // Fail a statement rather than hang forever when the server is gone.
      query_timeout: 30000,
    });
    // An idle client losing its server must not crash the process: the pool replaces it. A client checked
    // out (between queries of a transaction) emits the error on itself: without a listener, the process would die.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgresql',
      ping: (timeoutMs) => ping(db, timeoutMs),
      close: () => db.destroy(),
    };
  }

  const dataDir = options.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const pgliteDir = inMemory ? dataDir : path.join(dataDir, 'pglite');
    // btree_gist lets an exclusion constraint mix equality and overlap (one agent, overlapping appointment
    // times): the database itself then refuses a double booking (migrations/20261206T1020-appointments.ts).
    const extensions = { btree_gist };
    const pglite = options.loadDataDir
      ? new PGlite({
          dataDir: inMemory ? undefined : pgliteDir,
          loadDataDir: options.loadDataDir,
          extensions,
        })
      : new PGlite(pgliteDir, { extensions });
    await pglite.waitReady;
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    let closed = false;
    return {
      db,
      kind: 'pglite',
      pglite,
      ping: (timeoutMs) => (closed ? Promise.resolve(false) : ping(db, timeoutMs)),
      close: async () => {
        if (closed) return;
        closed = true;
        await db.destroy();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function ping(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      sql<{ ok: number }>`select 1 as ok`.execute(db).then((r) => r.rows[0]?.ok === 1),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    return result;
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
