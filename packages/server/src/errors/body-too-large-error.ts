import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** A request body over `server.body_limit_bytes`: 413. */
export class BodyTooLargeError extends SwitchboardError<ErrorCode> {
  constructor(limit: number) {
    super('body_too_large', `The request body is larger than ${limit} bytes (server.body_limit_bytes).`, {
      limit,
    });
    this.name = 'BodyTooLargeError';
  }
}
