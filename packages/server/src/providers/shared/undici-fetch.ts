import { fetch as undiciFetch } from 'undici';
import type { ProviderRuntime } from '../provider-runtime.js';
import { createRedirectError } from './create-redirect-error.js';
import { limitResponseBody } from './read-bounded-body.js';

/**
 * A `fetch` for the AI SDK providers that goes through the provider's own connection pool, so task calls
 * get the same connect and idle timeouts as the proxy. Two guards the AI SDK's own fetch lacks:
 * - Redirects are never followed: fetch would resend `x-api-key` / `x-goog-api-key` (it drops only
 *   `Authorization`) to whatever host a `Location` names. A 3xx is an error that names where it pointed.
 * - A non-streamed answer is read into memory at most `max_response_bytes` (see `limitResponseBody`).
 */
export function createRuntimeFetch(runtime: ProviderRuntime): typeof globalThis.fetch {
  return (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    const response = await undiciFetch(
      input as never,
      { ...(init as object), dispatcher: runtime.dispatcher, redirect: 'manual' } as never,
    );
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      throw createRedirectError(runtime, response.status, response.headers.get('location'));
    }
    return limitResponseBody(response as unknown as Response, runtime.maxResponseBytes, runtime.info.name);
  }) as typeof globalThis.fetch;
}
