import type { ProviderRuntime } from '../provider-runtime.js';

/** `endpoint` + `/relative`, keeping the endpoint's own path (`https://api.openai.com/v1` + `models`). */
export function upstreamUrl(runtime: ProviderRuntime, relative: string): URL {
  const base = runtime.endpoint.href.endsWith('/') ? runtime.endpoint.href : `${runtime.endpoint.href}/`;
  return new URL(relative.replace(/^\/+/, ''), base);
}
