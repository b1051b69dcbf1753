import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** The provider took longer than its connect or idle timeout: 504. */
export class UpstreamTimeoutError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, what: string) {
    super(
      'upstream_timeout',
      `Provider "${provider}" timed out: ${what}. Raise models.${provider}.timeout_ms if it is just slow.`,
      {
        provider,
      },
    );
    this.name = 'UpstreamTimeoutError';
  }
}
