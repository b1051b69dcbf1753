import { SwitchboardError } from '@switchboard/core';

/** The caller did not prove who they are (no token, or a token that is unknown or revoked). */
export class UnauthorizedError extends SwitchboardError {
  constructor(message: string) {
    super('unauthorized', message, {});
    this.name = 'UnauthorizedError';
  }
}
