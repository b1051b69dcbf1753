import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** A request whose body, query or path does not have the expected shape; `details.issues` says where. */
export class InvalidRequestError extends SwitchboardError<ErrorCode> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('invalid_request', message, details);
    this.name = 'InvalidRequestError';
  }
}
