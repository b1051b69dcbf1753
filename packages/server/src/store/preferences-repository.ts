import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema, IsoTimestamp } from './database-schema.js';
import { mapModelIdCheckError } from './model-id-shape.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';
import { VersionConflictError } from './version-conflict-error.js';

/** One stored preference. */
export interface TaskPreference {
  modelId: string;
  updatedAt: IsoTimestamp;
}

/** A user's stored preferences (only the tasks they set; defaults are the resolver's business). */
export interface UserPreferences {
  userId: string;
  /** `users.preferences_version`: 0 for a user who never wrote. Use it as the ETag. */
  version: number;
  /** The newest `updatedAt` among `tasks`, or null when there are none. */
  updatedAt: IsoTimestamp | null;
  tasks: Record<string, TaskPreference>;
}

/** Options of every preference write. */
export interface PreferenceWriteOptions {
  /**
   * The version the caller last saw (HTTP `If-Match`). Checked inside the write's transaction, after the
   * user's row is locked; a mismatch throws `VersionConflictError` and writes nothing. Omit to write
   * unconditionally.
   */
  expectedVersion?: number | undefined;
}

/** `model_preferences` and the version counter on `users`. */
export interface PreferencesRepository {
  /** Reads a user's preferences. Never writes: an unknown user reads as version 0 with no tasks. */
  get(userId: string): Promise<UserPreferences>;
  /** Sets one task's model. Resolves to the preferences after the write, with the new version. */
  set(
    userId: string,
    task: string,
    modelId: string,
    options?: PreferenceWriteOptions,
  ): Promise<UserPreferences>;
  /** Sets several tasks in ONE transaction: all of them, or (on any error) none. */
  setMany(
    userId: string,
    tasks: Readonly<Record<string, string>>,
    options?: PreferenceWriteOptions,
  ): Promise<UserPreferences>;
  /** Removes one task's preference, so the task falls back to the defaults. */
  reset(userId: string, task: string, options?: PreferenceWriteOptions): Promise<UserPreferences>;
  /** Removes all of a user's preferences. */
  resetAll(userId: string, options?: PreferenceWriteOptions): Promise<UserPreferences>;
  /** Deletes the user; preferences and tokens go with them (ON DELETE CASCADE). False if there was none. */
  deleteUser(userId: string): Promise<boolean>;
}

/** One consistent read: a single statement sees a single snapshot on both dialects. */
async function readPreferences(db: Kysely<DatabaseSchema>, userId: string): Promise<UserPreferences> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('model_preferences', 'model_preferences.user_id', 'users.id')
    .select([
      'users.preferences_version as version',
      'model_preferences.task as task',
      'model_preferences.model_id as modelId',
      'model_preferences.updated_at as updatedAt',
    ])
    .where('users.id', '=', userId)
    .orderBy('model_preferences.task')
    .execute();
  let updatedAt: IsoTimestamp | null = null;
  const tasks: Array<[string, TaskPreference]> = [];
  for (const row of rows) {
    if (row.task === null || row.modelId === null || row.updatedAt === null) continue;
    tasks.push([row.task, { modelId: row.modelId, updatedAt: row.updatedAt }]);
    if (updatedAt === null || row.updatedAt > updatedAt) updatedAt = row.updatedAt;
  }
  // Object.fromEntries defines own properties, so a task named like a prototype key stays data.
  return { userId, version: Number(rows[0]?.version ?? 0), updatedAt, tasks: Object.fromEntries(tasks) };
}

/** Creates the user if needed and bumps the version, taking the user's row lock first: writers queue here. */
async function bumpVersion(trx: Transaction<DatabaseSchema>, userId: string, expected: number | undefined) {
  await trx
    .insertInto('users')
    .values({ id: userId, created_at: nowTimestamp() })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  let update = trx
    .updateTable('users')
    .set((eb) => ({ preferences_version: eb('preferences_version', '+', 1) }))
    .where('id', '=', userId);
  if (expected !== undefined) update = update.where('preferences_version', '=', expected);
  const bumped = await update.returning('preferences_version').executeTakeFirst();
  if (bumped) return;
  const current = await trx
    .selectFrom('users')
    .select('preferences_version')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  // The row was inserted with version 0 in this transaction if it was new; rolling back removes it.
  throw new VersionConflictError(userId, expected ?? 0, Number(current.preferences_version));
}

/** Creates the repository. Every write runs in one transaction: user row, version, change, NOTIFY. */
export function createPreferencesRepository({ db, publisher }: RepositoryContext): PreferencesRepository {
  const write = async (
    userId: string,
    options: PreferenceWriteOptions | undefined,
    modelIds: readonly string[],
    apply: (trx: Transaction<DatabaseSchema>) => Promise<unknown>,
  ): Promise<UserPreferences> => {
    let result: UserPreferences;
    try {
      result = await db.transaction().execute(async (trx) => {
        await bumpVersion(trx, userId, options?.expectedVersion);
        await apply(trx);
        await publisher.notify(trx, { kind: 'preferences', userId });
        return readPreferences(trx, userId);
      });
    } catch (error) {
      throw mapModelIdCheckError(error, modelIds);
    }
    publisher.committed({ kind: 'preferences', userId });
    return result;
  };

  const upsert = (
    trx: Transaction<DatabaseSchema>,
    userId: string,
    tasks: Readonly<Record<string, string>>,
  ) => {
    const now = nowTimestamp();
    const rows = Object.entries(tasks).map(([task, modelId]) => ({
      user_id: userId,
      task,
      model_id: modelId,
      updated_at: now,
    }));
    if (rows.length === 0) return Promise.resolve();
    return trx
      .insertInto('model_preferences')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['user_id', 'task']).doUpdateSet((eb) => ({
          model_id: eb.ref('excluded.model_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  };

  return {
    get: (userId) => readPreferences(db, userId),
    set: (userId, task, modelId, options) =>
      write(userId, options, [modelId], (trx) => upsert(trx, userId, { [task]: modelId })),
    setMany: (userId, tasks, options) =>
      write(userId, options, Object.values(tasks), (trx) => upsert(trx, userId, tasks)),
    reset: (userId, task, options) =>
      write(userId, options, [], (trx) =>
        trx.deleteFrom('model_preferences').where('user_id', '=', userId).where('task', '=', task).execute(),
      ),
    resetAll: (userId, options) =>
      write(userId, options, [], (trx) =>
        trx.deleteFrom('model_preferences').where('user_id', '=', userId).execute(),
      ),
    async deleteUser(userId) {
      const deleted = await db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
        await publisher.notify(trx, { kind: 'preferences', userId });
        return result.numDeletedRows > 0n;
      });
      publisher.committed({ kind: 'preferences', userId });
      return deleted;
    },
  };
}
