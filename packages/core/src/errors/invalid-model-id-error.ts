import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** A model ID that is not `<provider>:<name>`; `reason` says which part is wrong. */
export class InvalidModelIdError extends SwitchboardError<CoreErrorCode> {
  constructor(id: unknown, reason: string) {
    super('invalid_model_id', `Invalid model ID ${JSON.stringify(id)}: ${reason}.`, { id, reason });
    this.name = 'InvalidModelIdError';
  }
}
