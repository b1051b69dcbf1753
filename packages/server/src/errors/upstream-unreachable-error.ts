import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** The provider could not be reached (refused, reset, DNS): 502, with the network error's code only. */
export class UpstreamUnreachableError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, cause: string) {
    super('upstream_unreachable', `Provider "${provider}" could not be reached (${cause}).`, {
      provider,
      cause,
    });
    this.name = 'UpstreamUnreachableError';
  }
}
