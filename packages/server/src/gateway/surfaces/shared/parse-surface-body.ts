import type { z } from 'zod';
import { InvalidRequestError } from '../../../errors/invalid-request-error.js';

/** A JSON path as a request field: `messages[2].tool_calls[0].id`. */
export function formatFieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out || '(body)';
}

/**
 * Parses what a client sent with a surface's strict schema; the first problem becomes a 400 that names
 * the field and what was expected.
 */
export function parseSurfaceBody<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: formatFieldPath(issue.path, prefix),
    message: issue.message,
  }));
  const first = issues[0];
  throw new InvalidRequestError(
    `Invalid request: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    { field: first?.path, issues },
  );
}
