import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/**
 * An upstream answer grew past `models.<provider>.max_response_bytes` while the gateway was reading it into
 * memory: 502, and the upstream connection is dropped. An endless or oversized answer is the provider's fault.
 */
export class UpstreamResponseTooLargeError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, limit: number) {
    super(
      'upstream_response_too_large',
      `Provider "${provider}" sent an answer larger than ${limit} bytes, the most this gateway reads into memory; raise models.${provider}.max_response_bytes if the answer is legitimate.`,
      { provider, limit_bytes: limit },
    );
    this.name = 'UpstreamResponseTooLargeError';
  }
}
