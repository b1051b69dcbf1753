import type { ProviderHealth } from '../api/model-schemas.js';

/** Whether calls to a provider can work now, and if not, why, in words for people. */
export interface ProviderUsability {
  usable: boolean;
  /** Set when `usable` is false: `provider "openai" is not configured: environment variable ...`. */
  reason?: string | undefined;
}

/** What usability needs of a provider: the registry's `ProviderInfo` and the API's provider both have it. */
export interface UsabilityFacts {
  name: string;
  endpoint: string;
  configured: boolean;
  unconfigured_reason?: string | undefined;
}

/**
 * A provider is unusable when it has no key (or a variable is unset) or its last probe said `unauthorized` or
 * `unreachable`. A provider not probed yet (`unknown`), or one whose probe failed otherwise, counts as usable:
 * only what is known to fail is reported. `ownKey`: the caller serves with their own key there, so neither
 * the missing shared key nor what the probe (of the shared key) said applies to them. The resolve route,
 * the CLI and the pages all judge by this.
 */
export function describeProviderUsability(
  provider: UsabilityFacts | undefined,
  health?: ProviderHealth | undefined,
  ownKey = false,
): ProviderUsability {
  if (!provider) return { usable: false, reason: 'its provider is not in the config' };
  if (ownKey) return { usable: true };
  if (!provider.configured) {
    return {
      usable: false,
      reason: `provider "${provider.name}" is not configured: ${provider.unconfigured_reason ?? 'no key'}`,
    };
  }
  if (health?.status === 'unauthorized') {
    return {
      usable: false,
      reason: `provider "${provider.name}" refused its key (unauthorized${health.error ? `: ${health.error}` : ''})`,
    };
  }
  if (health?.status === 'unreachable') {
    return {
      usable: false,
      reason: `provider "${provider.name}" is unreachable at ${provider.endpoint}${health.error ? ` (${health.error})` : ''}`,
    };
  }
  return { usable: true };
}
