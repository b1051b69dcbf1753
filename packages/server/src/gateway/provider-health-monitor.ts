import {
  addDiscoveredModels,
  type DiscoveredModel,
  type ProviderHealth,
  type Registry,
} from '@switchboard/core';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { HealthMonitor } from './health-monitor.js';
import type { RegistryState } from './registry-state.js';

/** How often providers are probed in the background (ms). */
export const PROBE_INTERVAL_MS = 60_000;
/** How often discovery lists a provider's models again (ms). */
export const DISCOVERY_INTERVAL_MS = 5 * 60_000;

export interface ProbingHealthMonitor extends HealthMonitor {
  /** Probes every configured provider now (one probe in flight per provider) and waits for the answers. */
  refresh(): Promise<void>;
  /** Starts the background probes; `close` stops them. */
  start(): void;
  close(): void;
}

interface ProviderState {
  health: ProviderHealth;
  inFlight?: Promise<void> | undefined;
  discovered?: DiscoveredModel[] | undefined;
  discoveredAt?: number | undefined;
}

/**
 * Health from each kind's free probe, cached and refreshed in the background, never more than one probe in
 * flight per provider. Providers with `discover` also list their models after a good probe; those are merged
 * into the registry as `registered: false`, on top of the config's registry (so a model that disappears
 * upstream disappears here too).
 */
export function createProviderHealthMonitor(options: {
  registry: RegistryState;
  runtimes: () => ProviderRuntime[];
  onError?: (error: unknown) => void;
  intervalMs?: number;
}): ProbingHealthMonitor {
  const base: Registry = options.registry.current;
  const states = new Map<string, ProviderState>();
  let timer: NodeJS.Timeout | undefined;

  const unconfigured = (reason: string | undefined): ProviderHealth => ({
    status: 'unconfigured',
    latency_ms: null,
    checked_at: null,
    error: reason ?? null,
  });

  const mergeDiscovered = () => {
    let next = base;
    for (const [name, state] of states) {
      if (state.discovered?.length) next = addDiscoveredModels(next, name, state.discovered);
    }
    options.registry.replace(next);
  };

  const probe = (runtime: ProviderRuntime): Promise<void> => {
    const name = runtime.info.name;
    const state = states.get(name) ?? { health: unknown() };
    states.set(name, state);
    if (state.inFlight) return state.inFlight;
    const module = PROVIDER_KIND_MODULES[runtime.info.kind];
    state.inFlight = (async () => {
      const result = await module.probe(runtime);
      state.health = {
        status: result.status,
        latency_ms: result.latencyMs,
        checked_at: new Date().toISOString(),
        error: result.error ?? null,
        discovered_models: state.discovered?.length ?? null,
      };
      const due = !state.discoveredAt || Date.now() - state.discoveredAt > DISCOVERY_INTERVAL_MS;
      if (result.status === 'ok' && runtime.info.discover && due) {
        state.discovered = await module.discover(runtime);
        state.discoveredAt = Date.now();
        state.health = { ...state.health, discovered_models: state.discovered.length };
        mergeDiscovered();
      }
    })()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        state.inFlight = undefined;
      });
    return state.inFlight;
  };

  const configured = () => options.runtimes().filter((runtime) => runtime.info.configured);

  return {
    snapshot() {
      const health: Record<string, ProviderHealth> = {};
      for (const runtime of options.runtimes()) {
        const { name, configured: ok, unconfigured_reason } = runtime.info;
        health[name] = ok ? (states.get(name)?.health ?? unknown()) : unconfigured(unconfigured_reason);
      }
      return health;
    },
    async refresh() {
      await Promise.all(configured().map(probe));
    },
    start() {
      void this.refresh();
      timer = setInterval(() => void this.refresh(), options.intervalMs ?? PROBE_INTERVAL_MS);
      timer.unref();
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}

function unknown(): ProviderHealth {
  return { status: 'unknown', latency_ms: null, checked_at: null, error: null };
}
