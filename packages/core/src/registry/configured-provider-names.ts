import type { ProviderInfo } from './registry.js';

/** Names of the providers that can be called now (a key and an endpoint), for "Configured providers: ..." lists. */
export function configuredProviderNames(providers: Iterable<ProviderInfo>): string[] {
  return [...providers].filter((provider) => provider.configured).map((provider) => provider.name);
}
