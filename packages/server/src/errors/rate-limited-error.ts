import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** Too many requests for one token (or, in local mode, one address) within the window: 429. */
export class RateLimitedError extends SwitchboardError<ErrorCode> {
  constructor(limit: number, retryAfter: string) {
    super(
      'rate_limited',
      `Rate limit of ${limit} requests per window exceeded; retry in ${retryAfter} (auth.rate_limit sets the limit).`,
      { limit, retry_after: retryAfter },
    );
    this.name = 'RateLimitedError';
  }
}
