import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../parse-store-url.js';
import { modelIdShapeCheck } from './model-id-check.js';

/** `default_overrides`: runtime defaults, keyed by task name or `capability:<name>`. */
export function createDefaultOverridesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('default_overrides')
        .addColumn('task', 'text', (column) => column.primaryKey())
        .addColumn('model_id', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('updated_by', 'text')
        .addCheckConstraint('default_overrides_model_id_shape', modelIdShapeCheck(dialect, 'model_id'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('default_overrides').execute();
    },
  };
}
