import { type Kysely, type Migration, sql } from 'kysely';

/** `api_tokens`: the SHA-256 of each secret, never the secret; deleting a user deletes their tokens. */
export function createApiTokensMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('name', 'text')
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        // Roles are part of the security design, not of config, so the database may hold them to it.
        .addCheckConstraint('api_tokens_role', sql`role in ('user', 'admin')`)
        .execute();
      await db.schema.createIndex('api_tokens_user_id_idx').on('api_tokens').column('user_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('api_tokens').execute();
    },
  };
}
