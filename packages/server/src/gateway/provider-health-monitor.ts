import type { ProviderHealth } from '@switchboard/core';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { ModelDiscovery } from './discover-models.js';
import type { HealthMonitor } from './health-monitor.js';

/** How often providers are probed in the background (ms). */
export const PROBE_INTERVAL_MS = 60_000;

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
  discovered?: number | undefined;
}

/**
 * Health from each kind's free probe, cached and refreshed in the background, never more than one probe in
 * flight per provider. After a good probe, `discovery` lists the provider's models when it is due.
 */
export function createProviderHealthMonitor(options: {
  discovery: ModelDiscovery;
  runtimes: () => ProviderRuntime[];
  onError?: (error: unknown) => void;
  intervalMs?: number;
}): ProbingHealthMonitor {
  const states = new Map<string, ProviderState>();
  let timer: NodeJS.Timeout | undefined;

  const unconfigured = (reason: string | undefined): ProviderHealth => ({
    status: 'unconfigured',
    latency_ms: null,
    checked_at: null,
    error: reason ?? null,
  });

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
        discovered_models: state.discovered ?? null,
      };
      if (result.status === 'ok') {
        state.discovered = await options.discovery.refresh(runtime);
        state.health = { ...state.health, discovered_models: state.discovered ?? null };
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
