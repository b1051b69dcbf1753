import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** The limits' counters cannot be reached (Redis or the database is down): calls are refused, not let through. */
export class LimitsUnavailableError extends SwitchboardError<ErrorCode> {
  constructor(backend: string, cause: unknown) {
    super(
      'limits_unavailable',
      `The limits' counters (${backend}) cannot be reached, so calls that a limit applies to are refused until they are back.`,
      { backend },
      { cause },
    );
    this.name = 'LimitsUnavailableError';
  }
}
