import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/**
 * A choice (a request's model, a preference, a runtime default) naming a provider the config declares but
 * that cannot be called on this server: its key or an environment variable is missing. DESIGN rule 1: the
 * provider must be configured. The message says how to configure it, and what can be chosen instead.
 */
export class ProviderUnconfiguredError extends SwitchboardError<CoreErrorCode> {
  constructor(provider: string, reason: string, configuredProviders: readonly string[] = []) {
    const instead = configuredProviders.length
      ? `choose a model of a configured provider (${configuredProviders.join(', ')})`
      : 'run "npm run demo" to try every provider against mock upstreams';
    super(
      'provider_unconfigured',
      `Provider "${provider}" cannot be chosen: ${reason}. Configure it (set the key, then restart Switchboard), or ${instead}.`,
      { provider, reason, configured_providers: configuredProviders },
    );
    this.name = 'ProviderUnconfiguredError';
  }
}
