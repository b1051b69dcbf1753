import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** Runtime keys cannot be stored: the server has no secret to encrypt them with (PostgreSQL, no variable). */
export class ProviderKeysUnavailableError extends SwitchboardError<ErrorCode> {
  constructor(reason: string) {
    super('provider_keys_unavailable', `Keys cannot be stored on this server: ${reason}.`, {});
    this.name = 'ProviderKeysUnavailableError';
  }
}
