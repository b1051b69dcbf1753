import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** The model answered, but not with what the schema asks: 502, with the raw text, never a half object. */
export class InvalidModelOutputError extends SwitchboardError<ErrorCode> {
  constructor(model: string, reason: string, raw: string | undefined) {
    super('invalid_model_output', `Model "${model}" did not answer with valid output: ${reason}.`, {
      model,
      raw: raw ?? null,
    });
    this.name = 'InvalidModelOutputError';
  }
}
