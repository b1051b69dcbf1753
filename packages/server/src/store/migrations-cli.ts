import { createStore } from './create-store.js';
import type { StoreDialect } from './parse-store-url.js';
import type { MigrationState, MigrationStep } from './store-migrator.js';

/** What `switchboard db migrate | rollback` reports. */
export interface MigrationRun {
  dialect: StoreDialect;
  steps: MigrationStep[];
  /** Where every migration stands afterwards. */
  status: MigrationState[];
}

/** What `switchboard db status` reports. */
export interface DatabaseStatus {
  dialect: StoreDialect;
  migrations: MigrationState[];
  pending: number;
}

/** Opens the database without migrating or listening, runs `work`, and always closes it. */
async function withStore<T>(
  url: string,
  work: (store: Awaited<ReturnType<typeof createStore>>) => Promise<T>,
) {
  const store = await createStore(url, { migrate: false, listen: false });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `switchboard db migrate`: applies every pending migration. Throws `MigrationFailedError`. */
export function migrateDatabase(url: string): Promise<MigrationRun> {
  return withStore(url, async (store) => ({
    dialect: store.dialect,
    steps: await store.migrate(),
    status: await store.migrationStatus(),
  }));
}

/** `switchboard db rollback`: reverts the last applied migration (one step; none when nothing is applied). */
export function rollbackDatabase(url: string): Promise<MigrationRun> {
  return withStore(url, async (store) => ({
    dialect: store.dialect,
    steps: await store.rollback(),
    status: await store.migrationStatus(),
  }));
}

/** `switchboard db status`: every migration with when it ran, and how many are pending. */
export function databaseStatus(url: string): Promise<DatabaseStatus> {
  return withStore(url, async (store) => {
    const migrations = await store.migrationStatus();
    return {
      dialect: store.dialect,
      migrations,
      pending: migrations.filter((migration) => migration.appliedAt === null).length,
    };
  });
}
