import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/**
 * A provider answered a task call with an error. The code says whose fix it is: `upstream_rejected` (the
 * request, 400), `upstream_unauthorized` (the server's key, 502), `upstream_rate_limited` (429, with the
 * provider's retry-after), `upstream_error` (the provider, 502).
 */
export class UpstreamError extends SwitchboardError<ErrorCode> {
  readonly retryAfter: string | undefined;
  /** The provider's `retry-after` and rate-limit headers, passed on with the error so clients can pace. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: 'upstream_rejected' | 'upstream_unauthorized' | 'upstream_rate_limited' | 'upstream_error',
    provider: string,
    status: number | undefined,
    detail: string,
    retryAfter?: string,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(code, `Provider "${provider}" answered ${status ?? 'an error'}: ${detail}`, {
      provider,
      upstream_status: status ?? null,
      ...(retryAfter ? { retry_after: retryAfter } : {}),
    });
    this.name = 'UpstreamError';
    this.retryAfter = retryAfter;
    this.headers = retryAfter ? { ...headers, 'retry-after': retryAfter } : headers;
  }
}
