import { SwitchboardError } from '@switchboard/core';

/** The codes of a call refused by a limit before any upstream was asked. */
const REFUSAL_CODES: ReadonlySet<string> = new Set(['limit_exceeded', 'rate_limited']);

/** Which limit refused a call, when `error` is such a refusal. */
export interface Refusal {
  code: string;
  /** The limit's name: a `limit_exceeded` error's `details.limit`, `auth.rate_limit` for the rate limit. */
  limit: string;
}

/** The refusal `error` is, or undefined when it is any other error. */
export function readRefusal(error: unknown): Refusal | undefined {
  if (!SwitchboardError.isInstance(error) || !REFUSAL_CODES.has(error.code)) return undefined;
  if (error.code === 'rate_limited') return { code: error.code, limit: 'auth.rate_limit' };
  const name = error.details.limit;
  return { code: error.code, limit: typeof name === 'string' && name ? name : error.code };
}
