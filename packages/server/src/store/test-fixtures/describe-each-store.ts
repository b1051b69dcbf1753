import { afterAll, describe, it } from 'vitest';
import type { StoreDialect } from '../parse-store-url.js';
import {
  createPostgresDatabase,
  createSqliteDatabase,
  type PostgresProbe,
  probePostgres,
  type TestDatabase,
  warnPostgresSkipped,
} from './test-databases.js';

/** What a suite gets for its dialect. */
export interface StoreTarget {
  dialect: StoreDialect;
  /** A fresh, empty database; dropped after the suite. */
  createDatabase(): Promise<string>;
}

const probe: PostgresProbe = await probePostgres();
const requirePostgres = process.env.CI === 'true';

function createTarget(dialect: StoreDialect): StoreTarget {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(created.map((database) => database.drop()));
  });
  return {
    dialect,
    async createDatabase() {
      const database =
        dialect === 'sqlite'
          ? await createSqliteDatabase()
          : await createPostgresDatabase((probe as Extract<PostgresProbe, { available: true }>).admin);
      created.push(database);
      return database.url;
    },
  };
}

/**
 * Declares PostgreSQL-only tests. When PostgreSQL is unreachable they are skipped with a loud warning,
 * except with `CI=true`, where a missing PostgreSQL is a failing test instead.
 */
export function describePostgres(name: string, body: (target: StoreTarget) => void): void {
  if (probe.available) {
    describe(`${name} [postgres]`, () => body(createTarget('postgres')));
  } else if (requirePostgres) {
    describe(`${name} [postgres]`, () => {
      it('needs PostgreSQL (CI=true)', () => {
        throw new Error(`PostgreSQL is required when CI=true but is not reachable: ${probe.reason}`);
      });
    });
  } else {
    warnPostgresSkipped('the store tests', probe.reason);
    describe.skip(`${name} [postgres]`, () => body(createTarget('postgres')));
  }
}

/** Declares one suite twice: on a SQLite file and on PostgreSQL (see `describePostgres`). */
export function describeEachStore(name: string, body: (target: StoreTarget) => void): void {
  describe(`${name} [sqlite]`, () => body(createTarget('sqlite')));
  describePostgres(name, body);
}
