import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** `PUT` / `DELETE /v1/limits/:name` on a rule of the config file, which only the file can change. */
export class LimitReadOnlyError extends SwitchboardError<ErrorCode> {
  constructor(name: string) {
    super(
      'limit_read_only',
      `Limit "${name}" comes from the config file and is read-only here: edit limits.${name} in the file, or choose another name for a runtime rule.`,
      { limit: name },
    );
    this.name = 'LimitReadOnlyError';
  }
}
