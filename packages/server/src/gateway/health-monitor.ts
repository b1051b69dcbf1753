import type { ProviderHealth, Registry } from '@switchboard/core';

/** Each provider's last known health. The providers plugin probes; this is what routes read. */
export interface HealthMonitor {
  snapshot(): Record<string, ProviderHealth>;
}

/**
 * Health without probes: `unconfigured` (with the reason) where the config says so, else `unknown`.
 * The honest answer until a provider has been probed.
 */
export function describeUnprobedHealth(registry: Registry): Record<string, ProviderHealth> {
  const health: Record<string, ProviderHealth> = {};
  for (const provider of registry.providers.values()) {
    health[provider.name] = provider.configured
      ? { status: 'unknown', latency_ms: null, checked_at: null, error: null }
      : { status: 'unconfigured', latency_ms: null, checked_at: null, error: provider.unconfigured_reason ?? null };
  }
  return health;
}
