import { SwitchboardError } from '@switchboard/core';
import { request } from 'undici';
import type { ProbeResult, ProviderKindModule } from '../provider-kind.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import { createUpstreamHeaders } from './create-upstream-headers.js';
import { readBoundedText } from './read-bounded-body.js';
import { upstreamUrl } from './upstream-url.js';

/** Probes and discovery give up after this long (ms): they run in the background and must not pile up. */
export const PROBE_TIMEOUT_MS = 5_000;

export interface JsonAnswer {
  probe: ProbeResult;
  body: unknown;
}

/**
 * A GET (or a POST) of a free listing endpoint with the provider's headers and key, for probes and discovery. Never throws: the
 * outcome is in `probe` (ok, unauthorized, unreachable, error) with the latency; provider keys never reach
 * the error text, which holds only status codes and network error codes.
 */
export async function getJson(
  runtime: ProviderRuntime,
  kind: Pick<ProviderKindModule, 'credential' | 'defaultHeaders'>,
  relative: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<JsonAnswer> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const response = await request(upstreamUrl(runtime, relative), {
      method: init.method ?? 'GET',
      headers: createUpstreamHeaders(runtime, kind, {
        set: {
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      }),
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      dispatcher: runtime.dispatcher,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    // Bounded: an endless model list must not take the gateway's memory while it idles.
    const text = await readBoundedText(runtime, response.body, {
      declaredLength: response.headers['content-length'],
    });
    if (response.statusCode === 401 || response.statusCode === 403) {
      return {
        probe: { status: 'unauthorized', latencyMs: latency(), error: `HTTP ${response.statusCode}` },
        body: undefined,
      };
    }
    if (response.statusCode >= 400) {
      return {
        probe: { status: 'error', latencyMs: latency(), error: `HTTP ${response.statusCode}` },
        body: undefined,
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return {
        probe: { status: 'error', latencyMs: latency(), error: 'the answer was not JSON' },
        body: undefined,
      };
    }
    return { probe: { status: 'ok', latencyMs: latency() }, body };
  } catch (error) {
    if (SwitchboardError.isInstance(error)) {
      return { probe: { status: 'error', latencyMs: latency(), error: error.message }, body: undefined };
    }
    const code = (error as { code?: string }).code ?? (error as Error).name;
    return { probe: { status: 'unreachable', latencyMs: latency(), error: String(code) }, body: undefined };
  }
}
