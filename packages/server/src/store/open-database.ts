import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type Pg from 'pg';
import type { DatabaseSchema } from './database-schema.js';
import { guardDialect } from './guard-dialect.js';
import { SQLITE_MEMORY, type StoreLocation } from './parse-store-url.js';

/** How long a SQLite writer waits for another process's write lock before `SQLITE_BUSY`. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/** Connections in the PostgreSQL pool of one instance. */
export const DEFAULT_POSTGRES_POOL_SIZE = 10;
/** Shown in `pg_stat_activity`, so an operator can tell Switchboard's connections apart. */
export const POSTGRES_APPLICATION_NAME = 'switchboard';

export interface OpenDatabaseOptions {
  /** PostgreSQL pool size. Default `DEFAULT_POSTGRES_POOL_SIZE` (10). */
  poolSize?: number;
  /** Told about errors on idle pooled connections (a restarted database), which would otherwise crash. */
  onError?: (error: Error) => void;
}

/**
 * Opens a Kysely instance on the location. SQLite: creates the folder, turns on WAL (readers do not block
 * the writer), a busy timeout (a second process waits instead of failing), foreign keys (off by default in
 * SQLite, and the user cascade depends on them) and `synchronous = FULL` (an acknowledged write survives a
 * power cut, not only a crash; preference writes are rare and usage is batched, so the fsync is cheap).
 */
/** The Kysely instance, and for SQLite the driver's own handle, for the few hot paths that skip the builder. */
export interface OpenedDatabase {
  db: Kysely<DatabaseSchema>;
  sqlite: SqliteDatabase.Database | undefined;
}

export function openDatabase(location: StoreLocation, options: OpenDatabaseOptions = {}): OpenedDatabase {
  if (location.dialect === 'sqlite') {
    if (location.filename !== SQLITE_MEMORY) mkdirSync(dirname(location.filename), { recursive: true });
    const database = new SqliteDatabase(location.filename);
    if (location.filename !== SQLITE_MEMORY) database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
    // NORMAL is the usual pairing with WAL: a committed transaction survives a crash of the process (the
    // SIGKILL test), and only a power loss may drop the last commits. FULL fsyncs every commit inside the
    // event loop, which every open stream would feel.
    database.pragma('synchronous = NORMAL');
    return {
      db: new Kysely<DatabaseSchema>({ dialect: guardDialect(new SqliteDialect({ database })) }),
      sqlite: database,
    };
  }
  // `pg` is loaded only for PostgreSQL: a SQLite start does not pay for it.
  const pg = createRequire(import.meta.url)('pg') as typeof Pg;
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max: options.poolSize ?? DEFAULT_POSTGRES_POOL_SIZE,
    application_name: POSTGRES_APPLICATION_NAME,
  });
  // An idle client that loses its connection (database restart) emits 'error' on the pool; unhandled,
  // that would end the process. The pool drops the client and opens a new one on the next query.
  pool.on('error', (error) => options.onError?.(error));
  return {
    db: new Kysely<DatabaseSchema>({ dialect: guardDialect(new PostgresDialect({ pool })) }),
    sqlite: undefined,
  };
}
