import type { IsoTimestamp } from './database-schema.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';

/** A user's own key for one provider, as stored: sealed, never in plain text. */
export interface StoredUserProviderKey {
  userId: string;
  provider: string;
  ciphertext: string;
  updatedAt: IsoTimestamp;
}

/** `user_provider_keys`: the keys users bring (`models.<provider>.user_keys: allow`). */
export interface UserProviderKeysRepository {
  /** Every stored key (of one user, when given). */
  list(userId?: string): Promise<StoredUserProviderKey[]>;
  set(key: Omit<StoredUserProviderKey, 'updatedAt'>): Promise<StoredUserProviderKey>;
  /** Removes a key; false when there was none. */
  remove(userId: string, provider: string): Promise<boolean>;
}

/** Creates the repository; every write NOTIFYs so other instances reload that user's keys. */
export function createUserProviderKeysRepository({
  db,
  publisher,
}: RepositoryContext): UserProviderKeysRepository {
  return {
    async list(userId) {
      let select = db.selectFrom('user_provider_keys').selectAll().orderBy('user_id').orderBy('provider');
      if (userId !== undefined) select = select.where('user_id', '=', userId);
      const rows = await select.execute();
      return rows.map((row) => ({
        userId: row.user_id,
        provider: row.provider,
        ciphertext: row.ciphertext,
        updatedAt: row.updated_at,
      }));
    },
    async set(key) {
      const stored: StoredUserProviderKey = { ...key, updatedAt: nowTimestamp() };
      const change = { kind: 'user_provider_keys', userId: key.userId } as const;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('user_provider_keys')
          .values({
            user_id: key.userId,
            provider: key.provider,
            ciphertext: key.ciphertext,
            updated_at: stored.updatedAt,
          })
          .onConflict((conflict) =>
            conflict
              .columns(['user_id', 'provider'])
              .doUpdateSet({ ciphertext: key.ciphertext, updated_at: stored.updatedAt }),
          )
          .execute();
        await publisher.notify(trx, change);
      });
      publisher.committed(change);
      return stored;
    },
    async remove(userId, provider) {
      const change = { kind: 'user_provider_keys', userId } as const;
      const removed = await db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('user_provider_keys')
          .where('user_id', '=', userId)
          .where('provider', '=', provider)
          .executeTakeFirst();
        if (result.numDeletedRows > 0n) await publisher.notify(trx, change);
        return result.numDeletedRows > 0n;
      });
      if (removed) publisher.committed(change);
      return removed;
    },
  };
}
