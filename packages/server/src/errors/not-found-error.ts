import { SwitchboardError } from '@switchboard/core';

/** No such route or resource. */
export class NotFoundError extends SwitchboardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('not_found', message, details);
    this.name = 'NotFoundError';
  }
}
