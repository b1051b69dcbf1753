import type { Kysely, Migration } from 'kysely';

/**
 * `catalog_models`: the imported catalogue (models.dev), one row per model of a catalogue provider, its facts
 * as JSON in Switchboard's own shape (so loading it at startup is a parse, not a conversion).
 * `catalog_imports`: one row per import; its highest `version` is what every instance polls (SQLite) or
 * hears of (PostgreSQL NOTIFY) to know the catalogue changed.
 */
export function createCatalogMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalog_models')
        .addColumn('provider', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('facts', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('catalog_models_pk', ['provider', 'name'])
        .execute();
      await db.schema
        .createTable('catalog_imports')
        .addColumn('version', 'integer', (column) => column.primaryKey())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('imported_at', 'text', (column) => column.notNull())
        .addColumn('providers', 'integer', (column) => column.notNull())
        .addColumn('models', 'integer', (column) => column.notNull())
        .addColumn('prices_changed', 'integer', (column) => column.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('catalog_imports').execute();
      await db.schema.dropTable('catalog_models').execute();
    },
  };
}
