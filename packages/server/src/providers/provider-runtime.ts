import type { ProviderInfo, SwitchboardConfig } from '@switchboard/core';
import { DEFAULT_MAX_RESPONSE_BYTES, listProviderSections } from '@switchboard/core';
import { Agent } from 'undici';
import { createKeyPool, type KeyLease, type KeyPool, type PoolKeyEntry } from './key-pool.js';

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
  /**
   * The key this runtime puts on requests. On a provider's own runtime: the pool's best healthy key, for
   * background calls (probes, discovery). A call that serves a request takes a lease instead
   * (`leaseRuntime`), so its 429 or 401 is booked against the key that got it.
   */
  apiKey: string | undefined;
  /** Every key of the provider: `api_key`, `api_keys` and the runtime ones (the keys API). */
  keys: KeyPool;
  /** On a leased runtime: the key of this call (its label goes in the usage event). */
  lease?: KeyLease | undefined;
  /** `models.<name>.headers` from the config, sent on every upstream call. */
  headers: Readonly<Record<string, string>>;
  endpoint: URL;
  /** `models.<name>.max_response_bytes` (default 8 MiB): the most read into memory of one answer. */
  maxResponseBytes: number;
  dispatcher: Agent;
  /** What a runtime shows when serialized: its provider's name only. */
  toJSON?(): { provider: string };
}

/** The config's keys of a section: `api_key` as `default`, then every `api_keys` entry. */
export function configKeysOf(section: {
  api_key?: string | undefined;
  api_keys?:
    | ReadonlyArray<{ key: string; weight?: number | undefined; label?: string | undefined }>
    | undefined;
}): PoolKeyEntry[] {
  const entries: PoolKeyEntry[] = [];
  if (section.api_key) entries.push({ label: 'default', key: section.api_key, source: 'config' });
  for (const [index, entry] of (section.api_keys ?? []).entries()) {
    let label = entry.label ?? `key-${index + 1}`;
    // Two entries of one label would replace each other: the later one gets its position.
    if (entries.some((other) => other.label === label)) label = `${label}-${index + 1}`;
    entries.push({ label, key: entry.key, weight: entry.weight, source: 'config' });
  }
  return entries;
}

/** A runtime seen through each lease, kept as long as the lease is. */
const KEYED_VIEWS = new WeakMap<KeyLease, ProviderRuntime>();

/**
 * The runtime seen through one leased key: everything of `runtime`, with `apiKey` the lease's key. A view
 * (the prototype is the runtime), so the pool, the dispatcher and `info` stay shared and current.
 */
export function leaseRuntime(runtime: ProviderRuntime, lease: KeyLease | undefined): ProviderRuntime {
  if (!lease) return runtime;
  // Leases are shared per key, so is the view: a call does not build one (Object.create with descriptors is
  // slow, and made each runtime a prototype of garbage per call on the proxy's hot path).
  const cached = KEYED_VIEWS.get(lease);
  if (cached && Object.getPrototypeOf(cached) === runtime) return cached;
  const view = Object.create(runtime, {
    apiKey: { value: lease.key, enumerable: false },
    lease: { value: lease, enumerable: false },
  }) as ProviderRuntime;
  KEYED_VIEWS.set(lease, view);
  return view;
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
    const keys = createKeyPool(configKeysOf(section));
    Object.defineProperty(runtime, 'keys', { value: keys, enumerable: false });
    Object.defineProperty(runtime, 'apiKey', { get: () => keys.peek()?.key, enumerable: false });
    runtimes.set(name, runtime);
  }
  return runtimes;
}
