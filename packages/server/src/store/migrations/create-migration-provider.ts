import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../parse-store-url.js';
import { createUsersAndPreferencesMigration } from './0001-users-and-preferences.js';
import { createDefaultOverridesMigration } from './0002-default-overrides.js';
import { createApiTokensMigration } from './0003-api-tokens.js';
import { createUsageEventsMigration } from './0004-usage-events.js';
import { createLimitsMigration } from './0005-limits.js';
import { createUsageTraceIdMigration } from './0007-usage-trace-id.js';
import { createCatalogMigration } from './0008-catalog.js';
import { createProviderKeysMigration } from './0009-provider-keys.js';

/**
 * Every migration, in code rather than read from a folder, so the built package and the bundled CLI carry
 * them. Names sort in the order they run; never rename or edit one that has shipped, add a new one.
 */
export function createMigrationProvider(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_users_and_preferences': createUsersAndPreferencesMigration(dialect),
    '0002_default_overrides': createDefaultOverridesMigration(dialect),
    '0003_api_tokens': createApiTokensMigration(),
    '0004_usage_events': createUsageEventsMigration(dialect),
    '0005_limits': createLimitsMigration(),
    '0007_usage_trace_id': createUsageTraceIdMigration(),
    '0008_catalog': createCatalogMigration(),
    '0009_provider_keys': createProviderKeysMigration(),
  };
  return { getMigrations: async () => migrations };
}
