import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';
import { MigrationFailedError } from './migration-failed-error.js';
import { createMigrationProvider } from './migrations/create-migration-provider.js';
import type { StoreDialect } from './parse-store-url.js';

/** Kysely's bookkeeping tables, named so they read as Switchboard's next to the others. */
export const MIGRATION_TABLE = 'switchboard_migrations';
export const MIGRATION_LOCK_TABLE = 'switchboard_migrations_lock';

/** One migration run (or not) by `migrate()` / `rollback()`. */
export interface MigrationStep {
  name: string;
  direction: 'up' | 'down';
  /** `failed`: it threw, and was rolled back on PostgreSQL. `not_run`: an earlier one failed. */
  status: 'applied' | 'failed' | 'not_run';
}

/** Where one migration stands. */
export interface MigrationState {
  name: string;
  /** When it ran (ISO-8601 UTC), or null when it is pending. */
  appliedAt: string | null;
}

/** Runs the in-code migrations on one database. */
export interface StoreMigrator {
  /** Applies every pending migration, in order. Throws `MigrationFailedError`. */
  migrate(): Promise<MigrationStep[]>;
  /** Reverts the last applied migration (one step); `[]` when none is applied. */
  rollback(): Promise<MigrationStep[]>;
  /** Every known migration, applied or pending, in order. */
  status(): Promise<MigrationState[]>;
}

function toSteps(resultSet: MigrationResultSet, direction: 'up' | 'down'): MigrationStep[] {
  const steps = (resultSet.results ?? []).map(
    (result): MigrationStep => ({
      name: result.migrationName,
      direction: result.direction === 'Up' ? 'up' : 'down',
      status: result.status === 'Success' ? 'applied' : result.status === 'Error' ? 'failed' : 'not_run',
    }),
  );
  if (resultSet.error !== undefined) throw new MigrationFailedError(direction, steps, resultSet.error);
  return steps;
}

/**
 * Wraps Kysely's `Migrator`. On PostgreSQL each migration runs in a transaction under an advisory lock,
 * so two instances starting together migrate once; SQLite has one connection per store, which serialises.
 */
export function createStoreMigrator(db: Kysely<DatabaseSchema>, dialect: StoreDialect): StoreMigrator {
  const migrator = new Migrator({
    db,
    provider: createMigrationProvider(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  // Kysely's SQLite adapter takes no migration lock, trusting its single connection; but two processes
  // (a server starting while `switchboard tokens create` runs) can migrate one file. BEGIN IMMEDIATE takes
  // SQLite's write lock for the whole run, so the second waits (busy timeout) and then finds nothing to do.
  // Kysely runs SQLite migrations without a transaction of its own (no transactional DDL), so they nest here.
  // A failed run is rolled back whole, which SQLite's transactional DDL allows even where Kysely assumes not.
  const exclusive = async (work: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> => {
    if (dialect !== 'sqlite') return work();
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      const result = await work();
      await sql.raw(result.error === undefined ? 'COMMIT' : 'ROLLBACK').execute(db);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(db).catch(() => {});
      throw error;
    }
  };
  return {
    migrate: async () => toSteps(await exclusive(() => migrator.migrateToLatest()), 'up'),
    rollback: async () => toSteps(await exclusive(() => migrator.migrateDown()), 'down'),
    status: async () =>
      (await migrator.getMigrations()).map((info) => ({
        name: info.name,
        appliedAt: info.executedAt ? new Date(info.executedAt).toISOString() : null,
      })),
  };
}
