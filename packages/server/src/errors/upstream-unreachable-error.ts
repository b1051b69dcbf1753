import { SwitchboardError } from '@switchboard/core';

/** The provider could not be reached (refused, reset, DNS): 502, with the network error's code only. */
export class UpstreamUnreachableError extends SwitchboardError {
  constructor(provider: string, cause: string) {
    super('upstream_unreachable', `Provider "${provider}" could not be reached (${cause}).`, {
      provider,
      cause,
    });
    this.name = 'UpstreamUnreachableError';
  }
}
