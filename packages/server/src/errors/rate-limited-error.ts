import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** Too many requests for one token (or, in local mode, one address) within the window: 429. */
export class RateLimitedError extends SwitchboardError<ErrorCode> {
  /** Whole seconds until the window resets, when known: the `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(limit: number, retryAfter: string, retryAfterSeconds?: number) {
    super(
      'rate_limited',
      `Rate limit of ${limit} requests per window exceeded; retry in ${retryAfter} (auth.rate_limit sets the limit).`,
      { limit, retry_after: retryAfter },
    );
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
