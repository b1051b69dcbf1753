import { type Kysely, sql } from 'kysely';
import type { ChangeFeedController, StoreChange } from './change-feed.js';
import type { DatabaseSchema } from './database-schema.js';
import type { StoreDialect } from './parse-store-url.js';

/** The PostgreSQL channel every instance LISTENs on. */
export const CHANGE_CHANNEL = 'switchboard_changes';

/** A change as sent over NOTIFY: the change plus the instance that made it, so it can skip its own. */
export type ChangeNotification = StoreChange & { origin: string };

/** Tells the other instances (PostgreSQL NOTIFY) and this one (the change feed) about a write. */
export interface ChangePublisher {
  /**
   * Call inside the write's transaction. PostgreSQL delivers a NOTIFY when, and only if, the transaction
   * commits, so no instance hears of a write that rolled back. A no-op on SQLite.
   */
  notify(trx: Kysely<DatabaseSchema>, change: StoreChange): Promise<void>;
  /** Call after the commit: this instance's cache hears of it before the write's promise resolves. */
  committed(change: StoreChange): void;
}

/** Creates the publisher for one store instance. */
export function createChangePublisher(
  dialect: StoreDialect,
  instanceId: string,
  feed: ChangeFeedController,
): ChangePublisher {
  return {
    async notify(trx, change) {
      if (dialect !== 'postgres') return;
      const payload: ChangeNotification = { ...change, origin: instanceId };
      await sql`select pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify(payload)})`.execute(trx);
    },
    committed(change) {
      feed.emit({ type: 'change', change, origin: 'local' });
    },
  };
}
