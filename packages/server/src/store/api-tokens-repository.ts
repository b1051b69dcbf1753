import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IsoTimestamp } from './database-schema.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';

/** Every secret starts with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'sb_';
/** Random bytes in a secret: 256 bits, base64url-encoded after the prefix. */
export const TOKEN_RANDOM_BYTES = 32;
/** `last_used_at` is written at most this often per token: a busy token must not cost a write per call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** What a token lets its holder act as. */
export type TokenRole = 'user' | 'admin';

/** A token as listed: never the secret, never its hash. */
export interface ApiTokenInfo {
  id: string;
  userId: string;
  role: TokenRole;
  name: string | null;
  createdAt: IsoTimestamp;
  lastUsedAt: IsoTimestamp | null;
  revokedAt: IsoTimestamp | null;
}

/** The answer to `create`: the only time the secret exists outside its holder's hands. */
export interface CreatedApiToken extends ApiTokenInfo {
  secret: string;
}

/** Who a valid secret belongs to. */
export interface VerifiedToken {
  id: string;
  userId: string;
  role: TokenRole;
}

/** `api_tokens`. */
export interface ApiTokensRepository {
  /** Creates a token (and the user's row if needed). The secret is in the answer and nowhere else. */
  create(input: { userId: string; role: TokenRole; name?: string | null }): Promise<CreatedApiToken>;
  /**
   * The token a secret belongs to, or undefined (unknown, malformed or revoked). Always hashes and always
   * queries, so the time taken does not depend on how the secret is wrong; `last_used_at` is written in
   * the background, never awaited.
   */
  verify(secret: string): Promise<VerifiedToken | undefined>;
  /** Every token, or one user's, oldest first. */
  list(filter?: { userId?: string }): Promise<ApiTokenInfo[]>;
  /** Revokes a token. False when it does not exist or was already revoked. */
  revoke(id: string): Promise<boolean>;
  /** Waits for background `last_used_at` writes (the store's `close()` calls it). */
  drain(): Promise<void>;
}

/** SHA-256, hex: secrets have 256 bits of entropy, so a fast hash is enough (no password stretching). */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Creates the repository; `onError` hears of failed background `last_used_at` writes. */
export function createApiTokensRepository(
  { db }: RepositoryContext,
  onError: (error: unknown) => void = () => {},
): ApiTokensRepository {
  const pending = new Set<Promise<void>>();

  const touch = (id: string, lastUsedAt: IsoTimestamp | null) => {
    const now = Date.now();
    if (lastUsedAt !== null && now - Date.parse(lastUsedAt) < LAST_USED_RESOLUTION_MS) return;
    const write = db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute()
      .then(
        () => {},
        (error: unknown) => onError(error),
      )
      .finally(() => pending.delete(write));
    pending.add(write);
  };

  return {
    async create({ userId, role, name = null }) {
      const secret = `${TOKEN_PREFIX}${randomBytes(TOKEN_RANDOM_BYTES).toString('base64url')}`;
      const createdAt = nowTimestamp();
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ id: userId, created_at: createdAt })
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute();
        await trx
          .insertInto('api_tokens')
          .values({
            id,
            user_id: userId,
            role,
            name,
            token_hash: hashTokenSecret(secret),
            created_at: createdAt,
          })
          .execute();
      });
      return { id, userId, role, name, createdAt, lastUsedAt: null, revokedAt: null, secret };
    },
    async verify(secret) {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'role', 'last_used_at'])
        .where('token_hash', '=', hashTokenSecret(String(secret)))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      touch(row.id, row.last_used_at);
      return { id: row.id, userId: row.user_id, role: row.role };
    },
    async list(filter = {}) {
      let query = db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'role', 'name', 'created_at', 'last_used_at', 'revoked_at'])
        .orderBy('created_at')
        .orderBy('id');
      if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
      return (await query.execute()).map((row) => ({
        id: row.id,
        userId: row.user_id,
        role: row.role,
        name: row.name,
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
        revokedAt: row.revoked_at,
      }));
    },
    async revoke(id) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: nowTimestamp() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
