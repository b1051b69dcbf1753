import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/**
 * A model ID whose provider part names no provider in the config. `knownProviders` are those that can be
 * called (configured); the message lists them as what to choose instead.
 */
export class UnknownProviderError extends SwitchboardError<CoreErrorCode> {
  constructor(provider: string, knownProviders: readonly string[], model?: string) {
    super(
      'unknown_provider',
      `Unknown provider "${provider}"${model ? ` in model "${model}"` : ''}. Configured providers: ${
        knownProviders.join(', ') || '(none)'
      }. Add a section "models.${provider}" to the config to use it.`,
      { provider, known_providers: knownProviders, ...(model ? { model } : {}) },
    );
    this.name = 'UnknownProviderError';
  }
}
