import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../parse-store-url.js';

/**
 * `usage_events`: append-only. No foreign key to `users`: usage outlives a deleted user, and an insert
 * must never fail because of who made the call. `cost_usd` is NULL when the price is unknown.
 * The key is a sequence, not a random ID: every insert then appends to the B-tree, which keeps a batch of
 * hundreds of rows (written in SQLite's case inside the event loop) cheap.
 */
export function createUsageEventsMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('usage_events')
        // SQLite: INTEGER PRIMARY KEY is the rowid. PostgreSQL: an identity column.
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (column) => column.primaryKey())
        .addColumn('time', 'text', (column) => column.notNull())
        .addColumn('request_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('task', 'text')
        .addColumn('model_id', 'text')
        .addColumn('provider', 'text')
        .addColumn('endpoint', 'text')
        .addColumn('input_tokens', 'integer')
        .addColumn('output_tokens', 'integer')
        .addColumn('cached_input_tokens', 'integer')
        .addColumn('reasoning_tokens', 'integer')
        .addColumn('cost_usd', 'double precision')
        .addColumn('latency_ms', 'integer')
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('error_code', 'text')
        .execute();
      // Every usage query is a time range.
      await db.schema.createIndex('usage_events_time_idx').on('usage_events').column('time').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('usage_events').execute();
    },
  };
}
