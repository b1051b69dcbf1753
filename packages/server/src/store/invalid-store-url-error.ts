import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from '../errors/error-status.js';

/** `storage.url` is neither `sqlite:<path>`, `sqlite::memory:` nor `postgres://...`. */
export class InvalidStoreUrlError extends SwitchboardError<ErrorCode> {
  constructor(url: string, reason: string) {
    super(
      'invalid_storage_url',
      `Invalid storage URL "${redactPassword(url)}": ${reason}. Expected "sqlite:./data/switchboard.db", "sqlite::memory:" or "postgres://user@host:5432/db".`,
      { url: redactPassword(url) },
    );
    this.name = 'InvalidStoreUrlError';
  }
}

/** A URL may hold a password; errors and logs must not. */
export function redactPassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}
