import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Test-only: where a fresh PostgreSQL database can be created (trust auth on the loopback). */
export const TEST_POSTGRES_HOST = '127.0.0.1';
export const TEST_POSTGRES_PORT = 5432;
/** Tried in order; the first that connects is used. */
export const TEST_POSTGRES_USERS = ['postgres', 'root'];
/** Databases to connect to in order to CREATE the test database. */
export const TEST_POSTGRES_MAINTENANCE_DATABASES = ['test', 'postgres'];

/** A database made for one test run, dropped afterwards. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** How to reach a PostgreSQL server that may create databases, or why none could be reached. */
export type PostgresProbe =
  | { available: true; admin: { host: string; port: number; user: string; database: string } }
  | { available: false; reason: string };

/**
 * Looks for PostgreSQL: `SWITCHBOARD_TEST_POSTGRES_URL` (a URL to a maintenance database) when set, else
 * 127.0.0.1:5432 as `postgres`, then `root`, on database `test`, then `postgres`.
 */
export async function probePostgres(): Promise<PostgresProbe> {
  const fromEnv = process.env.SWITCHBOARD_TEST_POSTGRES_URL;
  const candidates = fromEnv
    ? [new URL(fromEnv)].map((url) => ({
        host: url.hostname,
        port: Number(url.port || TEST_POSTGRES_PORT),
        user: decodeURIComponent(url.username || 'postgres'),
        database: url.pathname.slice(1) || 'postgres',
      }))
    : TEST_POSTGRES_USERS.flatMap((user) =>
        TEST_POSTGRES_MAINTENANCE_DATABASES.map((database) => ({
          host: TEST_POSTGRES_HOST,
          port: TEST_POSTGRES_PORT,
          user,
          database,
        })),
      );
  const failures: string[] = [];
  for (const admin of candidates) {
    const client = new pg.Client({ ...admin, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return { available: true, admin };
    } catch (error) {
      failures.push(
        `${admin.user}@${admin.host}:${admin.port}/${admin.database}: ${(error as Error).message}`,
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { available: false, reason: failures.join('; ') };
}

/** Creates a PostgreSQL database with a random name; `drop` forces out any connection left behind. */
export async function createPostgresDatabase(
  admin: Extract<PostgresProbe, { available: true }>['admin'],
): Promise<TestDatabase> {
  const name = `switchboard_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client(admin);
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  return {
    url: `postgres://${encodeURIComponent(admin.user)}@${admin.host}:${admin.port}/${name}`,
    drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Creates a SQLite database file in a fresh temporary folder (the store creates the file itself). */
export async function createSqliteDatabase(): Promise<TestDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-store-'));
  return {
    url: `sqlite:${join(folder, 'switchboard.db')}`,
    drop: () => rm(folder, { recursive: true, force: true }),
  };
}

let warnedSkipped = false;

/**
 * Says once per test process, loudly, that the PostgreSQL half of `what` is skipped and why. Callers fail
 * instead when `CI=true`.
 */
export function warnPostgresSkipped(what: string, reason: string): void {
  if (warnedSkipped) return;
  warnedSkipped = true;
  const line = '!'.repeat(100);
  console.warn(
    `\n${line}\n!! PostgreSQL is NOT reachable: the PostgreSQL runs of ${what} are SKIPPED.\n!! Why: ${reason}\n` +
      `!! Start PostgreSQL on ${TEST_POSTGRES_HOST}:${TEST_POSTGRES_PORT} (user postgres or root, trust auth) or set ` +
      `SWITCHBOARD_TEST_POSTGRES_URL. With CI=true this fails instead.\n${line}\n`,
  );
}
