import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** `{ provider, model }` where the model is registered under another provider. */
export class ModelProviderMismatchError extends SwitchboardError<ErrorCode> {
  constructor(provider: string, model: string, owners: readonly string[]) {
    super(
      'model_provider_mismatch',
      `Model "${model}" is not a model of provider "${provider}"; it belongs to ${owners.join(', ')}. Choose the provider that serves it.`,
      { provider, model, belongs_to: owners },
    );
    this.name = 'ModelProviderMismatchError';
  }
}
