export {
  type ApiTokenInfo,
  type ApiTokensRepository,
  type CreatedApiToken,
  hashTokenSecret,
  TOKEN_PREFIX,
  type TokenRole,
  type VerifiedToken,
} from './api-tokens-repository.js';
export type { ChangeEvent, ChangeFeed, StoreChange } from './change-feed.js';
export { CHANGE_CHANNEL } from './change-publisher.js';
export { type CreateStoreOptions, createStore, type Store } from './create-store.js';
export type { DatabaseSchema, IsoTimestamp } from './database-schema.js';
export { CAPABILITY_KEY_PREFIX, capabilityOverrideKey, toRuntimeDefaults } from './default-override-key.js';
export type { DefaultOverride, DefaultOverridesRepository } from './default-overrides-repository.js';
export { InvalidStoreUrlError } from './invalid-store-url-error.js';
export { MigrationFailedError } from './migration-failed-error.js';
export {
  type DatabaseStatus,
  databaseStatus,
  type MigrationRun,
  migrateDatabase,
  rollbackDatabase,
} from './migrations-cli.js';
export { parseStoreUrl, type StoreDialect, type StoreLocation } from './parse-store-url.js';
export type {
  PreferencesRepository,
  PreferenceWriteOptions,
  TaskPreference,
  UserPreferences,
} from './preferences-repository.js';
export {
  type CachedPreferences,
  type CacheEvent,
  createResolutionCache,
  DEFAULT_CACHED_USERS,
  type ResolutionCache,
  type ResolutionCacheOptions,
} from './resolution-cache.js';
export type { MigrationState, MigrationStep } from './store-migrator.js';
export type {
  UsageEvent,
  UsageGroupBy,
  UsageRepository,
  UsageStatus,
  UsageSummaryQuery,
  UsageSummaryRow,
} from './usage-repository.js';
export { VersionConflictError } from './version-conflict-error.js';
