import { addDiscoveredModels, type DiscoveredModel, type Registry } from '@switchboard/core';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { RegistryState } from './registry-state.js';

/** How often discovery lists a provider's models again (ms). */
export const DISCOVERY_INTERVAL_MS = 5 * 60_000;

/** The models providers list of their own, merged into the registry as `registered: false`. */
export interface ModelDiscovery {
  /**
   * Lists the provider's models when its config has `discover` and its last listing is older than
   * `DISCOVERY_INTERVAL_MS`, and merges them into the registry. Answers how many it lists, undefined when
   * it never listed any. The health monitor calls it after a good probe.
   */
  refresh(runtime: ProviderRuntime): Promise<number | undefined>;
}

/**
 * Discovery on top of the registry the config and the catalogue built: every merge starts again from that
 * base, so a model that disappears upstream disappears here too, and a catalogue import keeps what was listed.
 */
export function createModelDiscovery(registry: RegistryState): ModelDiscovery {
  const listed = new Map<string, { models: DiscoveredModel[]; at: number }>();

  const merge = () => {
    let next: Registry = registry.base;
    for (const [name, entry] of listed) {
      if (entry.models.length) next = addDiscoveredModels(next, name, entry.models);
    }
    registry.replace(next);
  };
  registry.onBaseReplaced(() => {
    if (listed.size) merge();
  });

  return {
    async refresh(runtime) {
      const name = runtime.info.name;
      const last = listed.get(name);
      if (!runtime.info.discover || (last && Date.now() - last.at <= DISCOVERY_INTERVAL_MS)) {
        return last?.models.length;
      }
      const models = await PROVIDER_KIND_MODULES[runtime.info.kind].discover(runtime);
      listed.set(name, { models, at: Date.now() });
      merge();
      return models.length;
    },
  };
}
