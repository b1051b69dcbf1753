import type { Kysely, Migration } from 'kysely';

/**
 * `usage_events.trace_id`: the OpenTelemetry trace of the call, when tracing was on (NULL otherwise, and for
 * every call recorded before), so the Usage page can link a call to its trace.
 */
export function createUsageTraceIdMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_events').addColumn('trace_id', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_events').dropColumn('trace_id').execute();
    },
  };
}
