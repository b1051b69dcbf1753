import type { ProviderRuntime } from '../provider-runtime.js';
import { createRuntimeFetch } from './undici-fetch.js';

/** The settings every `@ai-sdk/*` provider factory takes. */
export interface SdkProviderSettings {
  baseURL: string;
  apiKey: string | undefined;
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch;
}

/**
 * What every kind hands its AI SDK factory: the endpoint (plus `path` where the kind serves the API
 * below it: Ollama's `v1`), the key, the config's headers, and a `fetch` through the provider's own
 * connection pool.
 */
export function createSdkSettings(runtime: ProviderRuntime, path = ''): SdkProviderSettings {
  const base = runtime.endpoint.href.replace(/\/+$/, '');
  return {
    baseURL: path ? `${base}/${path.replace(/^\/+/, '')}` : base,
    apiKey: runtime.apiKey,
    headers: { ...runtime.headers },
    fetch: createRuntimeFetch(runtime),
  };
}
