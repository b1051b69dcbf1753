import type { Kysely, Migration } from 'kysely';

/**
 * `provider_keys`: the keys admins add at runtime (`PUT /v1/providers/:provider/keys/:label`), and
 * `user_provider_keys`: the keys users bring for themselves. Both hold only ciphertext (AES-256-GCM, see
 * `security/key-cipher.ts`), never a key in plain text. `usage_events.key_label`: which key served a call
 * (a pool key's label, `user` for a user's own key; NULL for a provider without keys and older rows).
 */
export function createProviderKeysMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('provider_keys')
        .addColumn('provider', 'text', (column) => column.notNull())
        .addColumn('label', 'text', (column) => column.notNull())
        .addColumn('ciphertext', 'text', (column) => column.notNull())
        .addColumn('weight', 'double precision', (column) => column.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('updated_by', 'text')
        .addPrimaryKeyConstraint('provider_keys_pk', ['provider', 'label'])
        .execute();
      await db.schema
        .createTable('user_provider_keys')
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('provider', 'text', (column) => column.notNull())
        .addColumn('ciphertext', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('user_provider_keys_pk', ['user_id', 'provider'])
        .execute();
      await db.schema.alterTable('usage_events').addColumn('key_label', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('usage_events').dropColumn('key_label').execute();
      await db.schema.dropTable('user_provider_keys').execute();
      await db.schema.dropTable('provider_keys').execute();
    },
  };
}
