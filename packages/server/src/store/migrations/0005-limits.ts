import type { Kysely, Migration } from 'kysely';

/**
 * `limit_rules`: the rules set at runtime through `PUT /v1/limits/:name` (the config's own are not stored:
 * they are read from the file). `limit_counters`: one row per rule, counter subject (`""`, or the wildcard
 * values such as `user=alice`) and calendar window, holding what was counted (`used`) and the worst case
 * of calls in flight (`reserved`, USD rules). Windows are ISO-8601 UTC text like every other time here.
 */
export function createLimitsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('limit_rules')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('rule', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema
        .createTable('limit_counters')
        .addColumn('rule', 'text', (column) => column.notNull())
        .addColumn('subject', 'text', (column) => column.notNull())
        .addColumn('window_start', 'text', (column) => column.notNull())
        .addColumn('resets_at', 'text', (column) => column.notNull())
        .addColumn('used', 'double precision', (column) => column.notNull().defaultTo(0))
        .addColumn('reserved', 'double precision', (column) => column.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('limit_counters_pk', ['rule', 'window_start', 'subject'])
        .execute();
      // Old windows are pruned by their end.
      await db.schema
        .createIndex('limit_counters_resets_at_idx')
        .on('limit_counters')
        .column('resets_at')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('limit_counters').execute();
      await db.schema.dropTable('limit_rules').execute();
    },
  };
}
