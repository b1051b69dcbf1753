import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** The caller did not prove who they are (no token, or a token that is unknown or revoked). */
export class UnauthorizedError extends SwitchboardError<ErrorCode> {
  constructor(message: string) {
    super('unauthorized', message, {});
    this.name = 'UnauthorizedError';
  }
}
