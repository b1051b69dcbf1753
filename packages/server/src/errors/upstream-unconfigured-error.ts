import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** A call to a provider this server has no key for: an operator's fix, not the caller's (503). */
export class UpstreamUnconfiguredError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, reason: string) {
    super('upstream_unconfigured', `Provider "${provider}" is not configured on this server: ${reason}.`, {
      provider,
      reason,
    });
    this.name = 'UpstreamUnconfiguredError';
  }
}
