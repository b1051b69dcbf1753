import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from '../errors/error-status.js';

/** Driver error codes that mean the disk (or the database's size limit) is full. */
const FULL_CODES: ReadonlySet<string> = new Set([
  // SQLite: https://www.sqlite.org/rescode.html#full
  'SQLITE_FULL',
  // PostgreSQL: disk_full, https://www.postgresql.org/docs/current/errcodes-appendix.html
  '53100',
]);

/** Whether a database driver's error says the storage is full. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FULL_CODES.has(code);
}

/**
 * The database could not write because its disk (or size limit) is full: 503, with the driver's own
 * message as the cause, so the operator sees what to fix. Nothing was written.
 */
export class StorageFullError extends SwitchboardError<ErrorCode> {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'storage_full',
      `The database is full and could not write (${reason}); nothing was changed. Free disk space for the database and retry.`,
      { cause: reason },
      { cause },
    );
    this.name = 'StorageFullError';
  }
}
