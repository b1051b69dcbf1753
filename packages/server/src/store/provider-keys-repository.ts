import type { IsoTimestamp } from './database-schema.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';

/** A key added at runtime, as stored: sealed, never in plain text. */
export interface StoredProviderKey {
  provider: string;
  label: string;
  /** `security/key-cipher.ts`'s sealed form. */
  ciphertext: string;
  weight: number;
  updatedAt: IsoTimestamp;
  updatedBy: string | null;
}

/** `provider_keys`: shared by every instance, so a key added on one serves on all at once. */
export interface ProviderKeysRepository {
  /** Every stored key (of one provider, when given), by provider and label. */
  list(provider?: string): Promise<StoredProviderKey[]>;
  /** Adds or replaces the key under `(provider, label)`. */
  set(key: Omit<StoredProviderKey, 'updatedAt'>): Promise<StoredProviderKey>;
  /** Removes a key; false when there was none. */
  remove(provider: string, label: string): Promise<boolean>;
}

/** Creates the repository; every write NOTIFYs so other instances reload that provider's keys. */
export function createProviderKeysRepository({ db, publisher }: RepositoryContext): ProviderKeysRepository {
  return {
    async list(provider) {
      let select = db.selectFrom('provider_keys').selectAll().orderBy('provider').orderBy('label');
      if (provider !== undefined) select = select.where('provider', '=', provider);
      const rows = await select.execute();
      return rows.map((row) => ({
        provider: row.provider,
        label: row.label,
        ciphertext: row.ciphertext,
        weight: Number(row.weight),
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }));
    },
    async set(key) {
      const stored: StoredProviderKey = { ...key, updatedAt: nowTimestamp() };
      const change = { kind: 'provider_keys', provider: key.provider } as const;
      await db.transaction().execute(async (trx) => {
        const values = {
          ciphertext: key.ciphertext,
          weight: key.weight,
          updated_at: stored.updatedAt,
          updated_by: key.updatedBy,
        };
        await trx
          .insertInto('provider_keys')
          .values({ provider: key.provider, label: key.label, ...values })
          .onConflict((conflict) => conflict.columns(['provider', 'label']).doUpdateSet(values))
          .execute();
        await publisher.notify(trx, change);
      });
      publisher.committed(change);
      return stored;
    },
    async remove(provider, label) {
      const change = { kind: 'provider_keys', provider } as const;
      const removed = await db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom('provider_keys')
          .where('provider', '=', provider)
          .where('label', '=', label)
          .executeTakeFirst();
        if (result.numDeletedRows > 0n) await publisher.notify(trx, change);
        return result.numDeletedRows > 0n;
      });
      if (removed) publisher.committed(change);
      return removed;
    },
  };
}
