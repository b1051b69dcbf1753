import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** A dollar budget applies to the call, but the model has no known price: a budget cannot be kept on it. */
export class UnpricedModelError extends SwitchboardError<ErrorCode> {
  constructor(limit: string, model: string) {
    super(
      'unpriced_model',
      `Model "${model}" has no known price, so dollar limit "${limit}" cannot be kept: give it a price (models.<provider>.registry.<name>.cost), use a priced model, or set limits.${limit}.on_unpriced: allow to let such calls through uncounted.`,
      { limit, model },
    );
    this.name = 'UnpricedModelError';
  }
}
