import { SwitchboardError } from './switchboard-error.js';

/** A model ID that is not `<provider>:<name>`; `reason` says which part is wrong. */
export class InvalidModelIdError extends SwitchboardError {
  constructor(id: unknown, reason: string) {
    super('invalid_model_id', `Invalid model ID ${JSON.stringify(id)}: ${reason}.`, { id, reason });
    this.name = 'InvalidModelIdError';
  }
}
