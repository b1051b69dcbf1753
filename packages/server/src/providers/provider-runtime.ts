import type { ProviderInfo, SwitchboardConfig } from '@switchboard/core';
import { DEFAULT_MAX_RESPONSE_BYTES, listProviderSections } from '@switchboard/core';
import { Agent } from 'undici';

/** Connect timeout for upstream calls (ms): a provider that cannot be reached in 10 s is down. */
export const UPSTREAM_CONNECT_TIMEOUT_MS = 10_000;
/** Idle timeout (ms): no byte for this long, before the first header or between chunks. `timeout_ms` overrides. */
export const UPSTREAM_IDLE_TIMEOUT_MS = 120_000;

/**
 * One provider ready to be called: its facts, its secret and a connection pool. Never serialized: `apiKey`
 * is not enumerable and `toJSON` names only the provider, so a runtime that ends up in a log object or an
 * error by mistake still shows no key.
 */
export interface ProviderRuntime {
  info: ProviderInfo;
  /** The key from the config (after `${VAR}`); undefined when it has none. */
  apiKey: string | undefined;
  /** `models.<name>.headers` from the config, sent on every upstream call. */
  headers: Readonly<Record<string, string>>;
  endpoint: URL;
  /** `models.<name>.max_response_bytes` (default 8 MiB): the most read into memory of one answer. */
  maxResponseBytes: number;
  dispatcher: Agent;
  /** What a runtime shows when serialized: its provider's name only. */
  toJSON?(): { provider: string };
}

/** Builds a runtime per configured provider section; the caller closes the dispatchers. */
export function createProviderRuntimes(
  config: SwitchboardConfig,
  providers: ReadonlyMap<string, ProviderInfo>,
): Map<string, ProviderRuntime> {
  const runtimes = new Map<string, ProviderRuntime>();
  for (const [name, section] of listProviderSections(config)) {
    const info = providers.get(name);
    if (!info?.endpoint) continue;
    const idle = section.timeout_ms ?? UPSTREAM_IDLE_TIMEOUT_MS;
    const runtime = {
      info,
      headers: section.headers ?? {},
      endpoint: new URL(info.endpoint),
      maxResponseBytes: section.max_response_bytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      dispatcher: new Agent({
        connect: { timeout: Math.min(idle, UPSTREAM_CONNECT_TIMEOUT_MS) },
        headersTimeout: idle,
        bodyTimeout: idle,
        keepAliveTimeout: 30_000,
        connections: 256,
      }),
      toJSON: () => ({ provider: name }),
    } as ProviderRuntime;
    Object.defineProperty(runtime, 'apiKey', { value: section.api_key, enumerable: false });
    runtimes.set(name, runtime);
  }
  return runtimes;
}
