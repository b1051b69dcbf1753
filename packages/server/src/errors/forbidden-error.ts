import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** The caller is known but may not do this (another user's preferences, an admin-only route). */
export class ForbiddenError extends SwitchboardError<ErrorCode> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('forbidden', message, details);
    this.name = 'ForbiddenError';
  }
}
