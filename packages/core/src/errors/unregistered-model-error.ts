import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** A model that its (configured) provider does not register, where only registered models are allowed. */
export class UnregisteredModelError extends SwitchboardError<CoreErrorCode> {
  constructor(model: string, provider: string, why: string, registered: readonly string[]) {
    super(
      'unregistered_model',
      `Model "${model}" is not registered for provider "${provider}" (${why}). Registered: ${
        registered.slice(0, 20).join(', ') || '(none)'
      }${registered.length > 20 ? ', ...' : ''}. Add it under "models.${provider}.registry" in the config.`,
      { model, provider, registered_models: registered },
    );
    this.name = 'UnregisteredModelError';
  }
}
