import { InvalidModelIdError } from '@switchboard/core';

/** SQLite's and PostgreSQL's codes for a failed CHECK constraint. */
const CHECK_VIOLATION_CODES = new Set(['SQLITE_CONSTRAINT_CHECK', '23514']);

/** True when the database refused a write because a CHECK constraint failed. */
export function isCheckViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    CHECK_VIOLATION_CODES.has(String((error as { code?: unknown }).code))
  );
}

/** The same shape the database's CHECK holds model IDs to: a provider before the first `:`, a name after. */
export function hasModelIdShape(id: string): boolean {
  const colon = id.indexOf(':');
  return colon > 0 && id.length > colon + 1;
}

/**
 * Turns the database's CHECK failure into the error callers already handle (400 `invalid_model_id`),
 * naming the first ID that is not shaped like one. Any other error passes through unchanged.
 */
export function mapModelIdCheckError(error: unknown, modelIds: readonly string[]): unknown {
  if (!isCheckViolation(error)) return error;
  const bad = modelIds.find((id) => !hasModelIdShape(id));
  if (bad === undefined) return error;
  return new InvalidModelIdError(bad, 'expected "<provider>:<model>", e.g. "openai:gpt-4o-mini"');
}
