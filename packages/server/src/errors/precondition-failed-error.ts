import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** An `If-Match` that no longer matches: someone else wrote in between. */
export class PreconditionFailedError extends SwitchboardError<ErrorCode> {
  constructor(expected: string, current: string) {
    super(
      'precondition_failed',
      `The preferences changed since you read them (If-Match ${expected}, current ${current}). Reload them and apply your change again.`,
      { expected, current },
    );
    this.name = 'PreconditionFailedError';
  }
}
