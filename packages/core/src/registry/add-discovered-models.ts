import type { ModelFacts } from '../catalog/model-facts.js';
import { unpricedCostOf } from '../provider-kinds.js';
import type { ModelInfo, Registry } from './registry.js';

/** What discovery learned about one model of a provider. */
export interface DiscoveredModel extends Partial<ModelFacts> {
  name: string;
}

/**
 * A new registry with a provider's discovered models listed as `registered: false`. Models the config or the
 * catalogue already registers keep their entry; discovery only fills facts they lack (Ollama's context length).
 */
export function addDiscoveredModels(
  registry: Registry,
  provider: string,
  discovered: readonly DiscoveredModel[],
): Registry {
  const info = registry.providers.get(provider);
  if (!info) return registry;
  const models = new Map(registry.models);
  for (const model of discovered) {
    const id = `${provider}:${model.name}`;
    const existing = models.get(id);
    if (existing?.registered) {
      models.set(id, {
        ...existing,
        context_window: existing.context_window ?? model.context_window ?? null,
        max_output_tokens: existing.max_output_tokens ?? model.max_output_tokens ?? null,
      });
      continue;
    }
    const entry: ModelInfo = {
      id,
      provider,
      name: model.name,
      kind: info.kind,
      registered: false,
      origin: 'discovered',
      capabilities: model.capabilities ?? ['chat'],
      context_window: model.context_window ?? null,
      max_output_tokens: model.max_output_tokens ?? null,
      cost: model.cost === undefined ? unpricedCostOf(info.kind) : model.cost,
      features: model.features ?? [],
      embedding_dimensions: model.embedding_dimensions,
    };
    models.set(id, entry);
  }
  return { ...registry, models };
}
