import type { Kysely } from 'kysely';
import type { ChangePublisher } from './change-publisher.js';
import type { DatabaseSchema } from './database-schema.js';
import type { StoreDialect } from './parse-store-url.js';

/** What every repository is built from: the database and the way to announce committed writes. */
export interface RepositoryContext {
  db: Kysely<DatabaseSchema>;
  dialect: StoreDialect;
  publisher: ChangePublisher;
}
