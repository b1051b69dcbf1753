import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** No such route or resource. */
export class NotFoundError extends SwitchboardError<ErrorCode> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not_found', message, details);
    this.name = 'NotFoundError';
  }
}
