import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../parse-store-url.js';
import { modelIdShapeCheck } from './model-id-check.js';

/** `users` and `model_preferences`; deleting a user deletes their preferences. */
export function createUsersAndPreferencesMigration(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('preferences_version', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('model_preferences')
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('task', 'text', (column) => column.notNull())
        .addColumn('model_id', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('model_preferences_pk', ['user_id', 'task'])
        .addCheckConstraint('model_preferences_model_id_shape', modelIdShapeCheck(dialect, 'model_id'))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('model_preferences').execute();
      await db.schema.dropTable('users').execute();
    },
  };
}
