import type { ApiProvider, ProviderHealth } from '@switchboard/client';

/** Health states in which a provider cannot serve; `unknown` (not probed yet) does not block. */
const BLOCKING_STATUSES: ReadonlySet<ProviderHealth['status']> = new Set([
  'unauthorized',
  'unreachable',
  'unconfigured',
  'error',
]);

/**
 * Why a provider cannot be chosen, or undefined when it can: no key or endpoint (from the models listing,
 * which counts keys from the environment), or a failed health check (from the status).
 */
export function describeProviderBlock(
  provider: ApiProvider,
  health: ProviderHealth | undefined,
): string | undefined {
  if (!provider.configured) return provider.unconfigured_reason ?? 'not configured';
  if (health && BLOCKING_STATUSES.has(health.status)) {
    return health.error ? `${health.status}: ${health.error}` : health.status;
  }
  return undefined;
}
