import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.js';
import { databaseStatus, migrateDatabase, rollbackDatabase } from './migrations-cli.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';

const TABLES = [
  'api_tokens',
  'catalog_imports',
  'catalog_models',
  'default_overrides',
  'limit_counters',
  'limit_rules',
  'model_preferences',
  'provider_keys',
  'usage_events',
  'user_provider_keys',
  'users',
];
const MIGRATIONS = [
  '0001_users_and_preferences',
  '0002_default_overrides',
  '0003_api_tokens',
  '0004_usage_events',
  '0005_limits',
  '0007_usage_trace_id',
  '0008_catalog',
  '0009_provider_keys',
];

async function listTables(store: Store): Promise<string[]> {
  const tables = await store.db.introspection.getTables();
  return tables
    .map((table) => table.name)
    .filter((name) => !name.startsWith('switchboard_migrations'))
    .sort();
}

describeEachStore('migrations', (target) => {
  it('go up, down one step at a time to nothing, and up again', async () => {
    const store = await createStore(await target.createDatabase(), { migrate: false });
    try {
      expect((await store.migrationStatus()).map((state) => state.appliedAt)).toEqual(
        MIGRATIONS.map(() => null),
      );
      expect(await listTables(store)).toEqual([]);

      const up = await store.migrate();
      expect(up.map((step) => [step.name, step.direction, step.status])).toEqual(
        MIGRATIONS.map((name) => [name, 'up', 'applied']),
      );
      expect(await listTables(store)).toEqual(TABLES);
      expect((await store.migrationStatus()).every((state) => state.appliedAt !== null)).toBe(true);
      expect(await store.migrate()).toEqual([]);

      const remaining = [...TABLES];
      for (const [name, table] of [
        ['0009_provider_keys', ['provider_keys', 'user_provider_keys']],
        ['0008_catalog', ['catalog_imports', 'catalog_models']],
        ['0007_usage_trace_id', []],
        ['0005_limits', ['limit_counters', 'limit_rules']],
        ['0004_usage_events', ['usage_events']],
        ['0003_api_tokens', ['api_tokens']],
        ['0002_default_overrides', ['default_overrides']],
        ['0001_users_and_preferences', ['model_preferences', 'users']],
      ] as const) {
        expect(await store.rollback()).toEqual([{ name, direction: 'down', status: 'applied' }]);
        for (const dropped of table) remaining.splice(remaining.indexOf(dropped), 1);
        expect(await listTables(store)).toEqual(remaining);
      }
      expect(await store.rollback()).toEqual([]);

      await store.migrate();
      expect(await listTables(store)).toEqual(TABLES);
      // The schema works after the round trip, not only exists.
      const written = await store.preferences.set('alice', 'chat', 'openai:gpt-4o');
      expect(written.version).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('creates the time index on usage_events', async () => {
    const store = await createStore(await target.createDatabase());
    try {
      const indexes =
        target.dialect === 'sqlite'
          ? await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'usage_events'`.execute(
              store.db,
            )
          : await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'usage_events'`.execute(store.db);
      expect(indexes.rows.map((row) => row.name)).toContain('usage_events_time_idx');
    } finally {
      await store.close();
    }
  });

  it('the CLI functions report status, migrate and roll back without printing', async () => {
    const url = await target.createDatabase();
    expect(await databaseStatus(url)).toMatchObject({ dialect: target.dialect, pending: MIGRATIONS.length });
    const migrated = await migrateDatabase(url);
    expect(migrated.steps).toHaveLength(MIGRATIONS.length);
    expect((await databaseStatus(url)).pending).toBe(0);
    const rolledBack = await rollbackDatabase(url);
    expect(rolledBack.steps).toEqual([{ name: '0009_provider_keys', direction: 'down', status: 'applied' }]);
    expect(rolledBack.status.at(-1)).toEqual({ name: '0009_provider_keys', appliedAt: null });
    expect((await databaseStatus(url)).pending).toBe(1);
  });
});

describe('createStore', () => {
  it('opens an in-memory SQLite database, migrated', async () => {
    const store = await createStore('sqlite::memory:');
    try {
      expect(store.dialect).toBe('sqlite');
      await store.ping();
      expect((await store.migrationStatus()).every((state) => state.appliedAt !== null)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('creates the folder of a relative SQLite path and opens it in WAL mode with a busy timeout', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'switchboard-cwd-'));
    try {
      const store = await createStore('sqlite:./nested/data/switchboard.db', { cwd });
      try {
        expect(existsSync(join(cwd, 'nested/data/switchboard.db'))).toBe(true);
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
        expect(mode.rows[0]?.journal_mode).toBe('wal');
        const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db);
        expect(timeout.rows[0]?.timeout).toBeGreaterThan(0);
        const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
        expect(keys.rows[0]?.foreign_keys).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('closing twice is harmless', async () => {
    const store = await createStore('sqlite::memory:');
    await store.close();
    await store.close();
  });
});
