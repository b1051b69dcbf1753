import { fetch as undiciFetch } from 'undici';
import type { ProviderRuntime } from '../provider-runtime.js';

/**
 * A `fetch` for the AI SDK providers that goes through the provider's own connection pool, so task calls
 * get the same connect and idle timeouts as the proxy.
 */
export function createRuntimeFetch(runtime: ProviderRuntime): typeof globalThis.fetch {
  return ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    undiciFetch(input as never, { ...(init as object), dispatcher: runtime.dispatcher } as never)) as never;
}
