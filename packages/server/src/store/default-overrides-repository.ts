import type { IsoTimestamp } from './database-schema.js';
import { mapModelIdCheckError } from './model-id-shape.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';

/** A runtime default set through `POST /v1/ai/models/primary`. */
export interface DefaultOverride {
  /** A task name, or `capability:<name>` (see `capabilityOverrideKey`). */
  key: string;
  modelId: string;
  updatedAt: IsoTimestamp;
  /** Who set it (a user ID), when known. */
  updatedBy: string | null;
}

/** `default_overrides`: shared by every instance, so a default set on one applies on all. */
export interface DefaultOverridesRepository {
  /** Every override, sorted by key. */
  list(): Promise<DefaultOverride[]>;
  /** Sets (or replaces) the override for a task or capability key. */
  set(key: string, modelId: string, updatedBy?: string | null): Promise<DefaultOverride>;
  /** Removes the override, so the config's default applies again. False when there was none. */
  clear(key: string): Promise<boolean>;
}

/** Creates the repository; every write NOTIFYs so other instances reload their defaults. */
export function createDefaultOverridesRepository({
  db,
  publisher,
}: RepositoryContext): DefaultOverridesRepository {
  return {
    async list() {
      const rows = await db.selectFrom('default_overrides').selectAll().orderBy('task').execute();
      return rows.map((row) => ({
        key: row.task,
        modelId: row.model_id,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }));
    },
    async set(key, modelId, updatedBy = null) {
      const override: DefaultOverride = { key, modelId, updatedAt: nowTimestamp(), updatedBy };
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('default_overrides')
            .values({ task: key, model_id: modelId, updated_at: override.updatedAt, updated_by: updatedBy })
            .onConflict((conflict) =>
              conflict.column('task').doUpdateSet({
                model_id: modelId,
                updated_at: override.updatedAt,
                updated_by: updatedBy,
              }),
            )
            .execute();
          await publisher.notify(trx, { kind: 'defaults' });
        });
      } catch (error) {
        throw mapModelIdCheckError(error, [modelId]);
      }
      publisher.committed({ kind: 'defaults' });
      return override;
    },
    async clear(key) {
      const cleared = await db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('default_overrides').where('task', '=', key).executeTakeFirst();
        await publisher.notify(trx, { kind: 'defaults' });
        return result.numDeletedRows > 0n;
      });
      publisher.committed({ kind: 'defaults' });
      return cleared;
    },
  };
}
