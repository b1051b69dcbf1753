import type { IsoTimestamp } from './database-schema.js';

/** The current time as stored: ISO-8601 UTC with milliseconds (see `IsoTimestamp` for why text). */
export function nowTimestamp(): IsoTimestamp {
  return new Date().toISOString();
}

/**
 * Normalises a caller's time to the stored form, so text comparisons in SQL compare instants:
 * `'2025-01-01'` becomes `'2025-01-01T00:00:00.000Z'`. Throws `RangeError` on an unparseable value.
 */
export function toTimestamp(value: Date | string | number): IsoTimestamp {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid time: ${String(value)}`);
  return date.toISOString();
}
