import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, it } from 'vitest';
import {
  createPostgresDatabase,
  type PostgresProbe,
  probePostgres,
  warnPostgresSkipped,
} from '../../src/store/test-fixtures/test-databases.js';

/** Which database a suite runs on. */
export type StorageDialect = 'sqlite' | 'postgres';

/** A fresh, empty database and a folder for the config and anything else the suite writes. */
export interface E2eStorage {
  dialect: StorageDialect;
  /** The `storage.url` to put in the config. */
  url: string;
  /** A temporary folder of this suite's own. */
  folder: string;
  /** Drops the database and removes the folder. */
  dispose(): Promise<void>;
}

const probe: PostgresProbe = await probePostgres();

/** Creates the database of one suite: a SQLite file in a temporary folder, or a PostgreSQL database with a random name. */
export async function createE2eStorage(dialect: StorageDialect): Promise<E2eStorage> {
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
  if (dialect === 'sqlite') {
    return {
      dialect,
      url: `sqlite:${join(folder, 'switchboard.db')}`,
      folder,
      dispose: () => rm(folder, { recursive: true, force: true }),
    };
  }
  if (!probe.available) throw new Error(`PostgreSQL is not reachable: ${probe.reason}`);
  const database = await createPostgresDatabase(probe.admin);
  return {
    dialect,
    url: database.url,
    folder,
    async dispose() {
      await database.drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Declares a suite once per dialect: SQLite always; PostgreSQL when it is reachable, else skipped with a loud
 * warning, except with `CI=true`, where a missing PostgreSQL fails.
 */
export function describeEachStorage(name: string, body: (dialect: StorageDialect) => void): void {
  describe(`${name} [sqlite]`, () => body('sqlite'));
  if (probe.available) {
    describe(`${name} [postgres]`, () => body('postgres'));
  } else if (process.env.CI === 'true') {
    describe(`${name} [postgres]`, () => {
      it('needs PostgreSQL (CI=true)', () => {
        throw new Error(`PostgreSQL is required when CI=true but is not reachable: ${probe.reason}`);
      });
    });
  } else {
    warnPostgresSkipped('the HTTP end-to-end tests', probe.reason);
    describe.skip(`${name} [postgres]`, () => body('postgres'));
  }
}

/** Reads rows straight from the database, behind the server's back: `select count(*) from <table> where <column> = ?`. */
export async function countRows(
  storageUrl: string,
  table: string,
  column: string,
  value: string,
): Promise<number> {
  if (!/^[a-z_]+$/.test(table) || !/^[a-z_]+$/.test(column))
    throw new Error('table and column must be plain names');
  const statement = `select count(*) as count from ${table} where ${column} = `;
  if (storageUrl.startsWith('sqlite:')) {
    const database = new Database(storageUrl.slice('sqlite:'.length), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const row = database.prepare(`${statement}?`).get(value) as { count: number };
      return Number(row.count);
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: storageUrl });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`${statement}$1`, [value]);
    return Number(result.rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

/** `PRAGMA integrity_check` of a SQLite file, opened read-only: `ok` when intact. */
export function checkSqliteIntegrity(storageUrl: string): string {
  const database = new Database(storageUrl.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
  try {
    return String(database.pragma('integrity_check', { simple: true }));
  } finally {
    database.close();
  }
}
