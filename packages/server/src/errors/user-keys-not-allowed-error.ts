import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** A user tried to store their own key for a provider whose config does not say `user_keys: allow`. */
export class UserKeysNotAllowedError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, allowed: readonly string[]) {
    super(
      'user_keys_not_allowed',
      `Provider "${provider}" does not take users' own keys: expected one of ${allowed.length ? allowed.map((name) => `"${name}"`).join(', ') : 'none (set models.<provider>.user_keys: allow)'}.`,
      { provider, allowed },
    );
    this.name = 'UserKeysNotAllowedError';
  }
}
