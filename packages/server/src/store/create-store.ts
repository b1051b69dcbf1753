import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type ApiTokensRepository, createApiTokensRepository } from './api-tokens-repository.js';
import { type CatalogRepository, createCatalogRepository } from './catalog-repository.js';
import { type ChangeFeed, createChangeFeed } from './change-feed.js';
import { createChangePublisher } from './change-publisher.js';
import { type ChangeRelay, connectChangeRelay } from './change-relay.js';
import type { DatabaseSchema } from './database-schema.js';
import {
  createDefaultOverridesRepository,
  type DefaultOverridesRepository,
} from './default-overrides-repository.js';
import { createLimitCountersRepository, type LimitCounters } from './limit-counters-repository.js';
import { createLimitRulesRepository, type LimitRulesRepository } from './limit-rules-repository.js';
import { openDatabase } from './open-database.js';
import { parseStoreUrl, type StoreDialect } from './parse-store-url.js';
import { type PostgresChangeListener, startPostgresChangeListener } from './postgres-change-listener.js';
import { createPreferencesRepository, type PreferencesRepository } from './preferences-repository.js';
import { createProviderKeysRepository, type ProviderKeysRepository } from './provider-keys-repository.js';
import { createStoreMigrator, type MigrationState, type MigrationStep } from './store-migrator.js';
import { createUsageRepository, type UsageRepository } from './usage-repository.js';
import {
  createUserProviderKeysRepository,
  type UserProviderKeysRepository,
} from './user-provider-keys-repository.js';

export interface CreateStoreOptions {
  /** Apply pending migrations before answering. Default true; the `db` CLI commands pass false. */
  migrate?: boolean;
  /**
   * PostgreSQL only: LISTEN for other instances' writes on a dedicated connection. Default true. Without
   * it `changes.connected` stays false, and a resolution cache keeps nothing (it could go stale).
   */
  listen?: boolean;
  /** What a relative `sqlite:` path is relative to. Default `process.cwd()`. */
  cwd?: string;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number;
  /** Names this instance in change notifications. Default a random UUID. */
  instanceId?: string;
  /**
   * SQLite only: carries committed changes to and from the other processes on the same file (the workers
   * of `server.workers`). Ignored on PostgreSQL, whose LISTEN/NOTIFY does this. Default none.
   */
  relay?: ChangeRelay | undefined;
  /** Usage batching; defaults 50 ms / 500 events / 100,000 buffered. */
  usage?: { flushIntervalMs?: number; maxBatch?: number; maxBuffered?: number };
  /**
   * Hears of errors off the request path: a lost LISTEN connection, a failed usage batch (kept and
   * retried), a failed `last_used_at` write, a broken idle pool connection. Default: ignored.
   */
  onError?: (error: unknown) => void;
}

/** The database, its repositories (one per table) and the change feed. Everything hangs off this. */
export interface Store {
  readonly dialect: StoreDialect;
  readonly instanceId: string;
  /** For what no repository covers (health checks, tests). Routes use the repositories. */
  readonly db: Kysely<DatabaseSchema>;
  readonly preferences: PreferencesRepository;
  readonly defaultOverrides: DefaultOverridesRepository;
  readonly tokens: ApiTokensRepository;
  readonly usage: UsageRepository;
  /** Limit rules set at runtime (`PUT /v1/limits/:name`). */
  readonly limitRules: LimitRulesRepository;
  /** The limits' counters in the database (unused when `storage.redis` holds them). */
  readonly limitCounters: LimitCounters;
  /** The imported model catalogue (models.dev), shared by every instance. */
  readonly catalog: CatalogRepository;
  /** Provider keys added at runtime (encrypted). */
  readonly providerKeys: ProviderKeysRepository;
  /** Users' own provider keys (encrypted). */
  readonly userProviderKeys: UserProviderKeysRepository;
  /** Committed writes of this instance and (PostgreSQL) of the others. */
  readonly changes: ChangeFeed;
  /** Applies every pending migration. */
  migrate(): Promise<MigrationStep[]>;
  /** Reverts the last applied migration. */
  rollback(): Promise<MigrationStep[]>;
  /** Every migration, applied or pending. */
  migrationStatus(): Promise<MigrationState[]>;
  /** Resolves when the database answers (`/readyz`). */
  ping(): Promise<void>;
  /** Writes buffered usage, waits for background writes, stops listening and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the store named by a storage URL: `sqlite:./data/switchboard.db`, `sqlite::memory:` or
 * `postgres://user@host:5432/db`. Applies migrations first unless `migrate: false`; on PostgreSQL, starts
 * the change listener before resolving, so no write made after this resolves goes unheard.
 */
export async function createStore(url: string, options: CreateStoreOptions = {}): Promise<Store> {
  const location = parseStoreUrl(url, options.cwd);
  const onError = options.onError ?? (() => {});
  const instanceId = options.instanceId ?? randomUUID();
  const { db, sqlite } = openDatabase(location, { poolSize: options.poolSize, onError });
  const feed = createChangeFeed(onError);
  const context = {
    db,
    dialect: location.dialect,
    publisher: createChangePublisher(location.dialect, instanceId, feed),
  };
  const migrator = createStoreMigrator(db, location.dialect);
  const tokens = createApiTokensRepository(context, onError);
  const usage = createUsageRepository(db, { ...options.usage, onError }, sqlite);
  let listener: PostgresChangeListener | undefined;

  try {
    if (options.migrate ?? true) await migrator.migrate();
    if (location.dialect === 'postgres') {
      if (options.listen ?? true) {
        listener = await startPostgresChangeListener({
          connectionString: location.connectionString,
          instanceId,
          feed,
          onError,
        });
      } else {
        feed.setConnected(false);
      }
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const disconnectRelay =
    options.relay && location.dialect === 'sqlite' ? connectChangeRelay(feed, options.relay) : undefined;

  let closing: Promise<void> | undefined;
  return {
    dialect: location.dialect,
    instanceId,
    db,
    preferences: createPreferencesRepository(context),
    defaultOverrides: createDefaultOverridesRepository(context),
    tokens,
    usage,
    limitRules: createLimitRulesRepository(context),
    limitCounters: createLimitCountersRepository(db, location.dialect, sqlite),
    catalog: createCatalogRepository(context),
    providerKeys: createProviderKeysRepository(context),
    userProviderKeys: createUserProviderKeysRepository(context),
    changes: feed,
    migrate: () => migrator.migrate(),
    rollback: () => migrator.rollback(),
    migrationStatus: () => migrator.status(),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= (async () => {
        try {
          await usage.close();
          await tokens.drain();
        } finally {
          disconnectRelay?.();
          await listener?.close();
          await db.destroy();
        }
      })();
      return closing;
    },
  };
}
