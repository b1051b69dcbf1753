import type { DatabaseConnection, Dialect, Driver } from 'kysely';
import { isStorageFull, StorageFullError } from './storage-full-error.js';

/** SQLite's answer to a ROLLBACK after it already rolled the transaction back itself (on SQLITE_FULL). */
const NO_TRANSACTION = /no transaction is active/i;

function translate(error: unknown): unknown {
  return isStorageFull(error) ? new StorageFullError(error) : error;
}

function guardConnection(connection: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery(query) {
      try {
        return await connection.executeQuery(query);
      } catch (error) {
        throw translate(error);
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

/**
 * A dialect whose driver says what went wrong when the storage is full. SQLite rolls a transaction back by
 * itself on `SQLITE_FULL`, so Kysely's own ROLLBACK then fails with "cannot rollback - no transaction is
 * active", and that error replaced the real one (an operator saw a 500 and "cannot rollback"). Here that
 * ROLLBACK's failure is ignored, and a full disk surfaces as `StorageFullError` (503, the driver's message
 * as the cause) from whichever statement met it.
 */
export function guardDialect(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => guardDriver(dialect.createDriver()),
  };
}

function guardDriver(driver: Driver): Driver {
  // Each connection is wrapped once; the driver's own methods get the connection they made (PostgreSQL's
  // release needs it), the statements Kysely runs go through the wrapper.
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const originals = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const original = (connection: DatabaseConnection) => originals.get(connection) ?? connection;
  return {
    init: () => driver.init(),
    async acquireConnection() {
      const connection = await driver.acquireConnection();
      let outer = wrapped.get(connection);
      if (!outer) {
        outer = guardConnection(connection);
        wrapped.set(connection, outer);
        originals.set(outer, connection);
      }
      return outer;
    },
    beginTransaction: (connection, settings) => driver.beginTransaction(original(connection), settings),
    commitTransaction: (connection) =>
      driver
        .commitTransaction(original(connection))
        .catch((error: unknown) => Promise.reject(translate(error))),
    async rollbackTransaction(connection) {
      try {
        await driver.rollbackTransaction(original(connection));
      } catch (error) {
        if (!NO_TRANSACTION.test((error as Error)?.message ?? '')) throw error;
      }
    },
    releaseConnection: (connection) => driver.releaseConnection(original(connection)),
    destroy: () => driver.destroy(),
  };
}
