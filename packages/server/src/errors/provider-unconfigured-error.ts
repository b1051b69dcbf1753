import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** A choice naming a provider that has no key (or lacks an environment variable) on this server. */
export class ProviderUnconfiguredError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, reason: string) {
    super(
      'provider_unconfigured',
      `Provider "${provider}" cannot be chosen: ${reason}. Pick another provider, or ask an admin to configure it.`,
      { provider, reason },
    );
    this.name = 'ProviderUnconfiguredError';
  }
}
