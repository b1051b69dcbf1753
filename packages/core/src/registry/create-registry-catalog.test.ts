import { describe, expect, it } from 'vitest';
import { groupImportedModels, parseModelsDevCatalog } from '../catalog/convert-models-dev.js';
import { createModelsDevSample } from '../catalog/test-fixtures/models-dev-sample.js';
import { parseConfig } from '../config/parse-config.js';
import { computeCost } from '../usage/compute-cost.js';
import { createRegistry } from './create-registry.js';

const imported = groupImportedModels(parseModelsDevCatalog(createModelsDevSample()).models);

function registryOf(models: Record<string, unknown>, catalog?: Record<string, unknown>) {
  const { config } = parseConfig({ version: 2, models, ...(catalog ? { catalog } : {}) });
  return createRegistry(config, { imported });
}

describe('createRegistry with an imported catalogue', () => {
  it('brings the models.dev models of a catalogued kind under the provider, imported facts over the built-in table', () => {
    const registry = registryOf({ work: { kind: 'openai', api_key: 'sk-test' } });
    const mini = registry.models.get('work:gpt-4o-mini');
    expect(mini).toMatchObject({ origin: 'catalog', registered: true, release_date: '2024-07-18' });
    expect(mini?.cost?.tiers).toEqual([{ above_input_tokens: 200, input: 10, output: 20, cache_read: 5 }]);
    // Only the catalogue knows it; the built-in table does not.
    expect(registry.models.get('work:gpt-5-nano')?.cost).toMatchObject({ reasoning: 0.8 });
    // What models.dev cannot say stays the built-in table's: capabilities, embedding sizes.
    expect(registry.models.get('work:text-embedding-3-small')).toMatchObject({
      capabilities: ['embeddings'],
      embedding_dimensions: 1536,
    });
    // Built-in models the file does not list are still there.
    expect(registry.models.get('work:gpt-5')?.cost).toMatchObject({ input: 1.25, output: 10 });
    expect(registry.models.get('work:claude-sonnet-4-5-20250929')).toBeUndefined();
  });

  it("lets the config's own facts win over imported ones", () => {
    const registry = registryOf({
      openai: { api_key: 'sk-test', registry: { 'gpt-4o-mini': { cost: { input: 1, output: 1 } } } },
    });
    const mini = registry.models.get('openai:gpt-4o-mini');
    expect(mini?.origin).toBe('config');
    expect(mini?.cost).toEqual({ input: 1, output: 1 });
    // Facts the entry does not set come from the import.
    expect(mini?.knowledge_cutoff).toBe('2023-09');
    expect(computeCost(mini?.cost, { inputTokens: 1_000_000, outputTokens: 0 })).toBe(1);
  });

  it('maps other providers through catalog.providers, and brings nothing without a mapping', () => {
    const models = {
      router: { kind: 'openai-compatible', endpoint: 'https://openrouter.ai/api/v1' },
      other: { kind: 'openai-compatible', endpoint: 'https://example.com/v1' },
    };
    const registry = registryOf(models, { providers: { router: 'openrouter' } });
    expect(registry.models.get('router:acme/chat-2')?.cost).toEqual({ input: 2, output: 4 });
    expect(registry.models.get('router:acme/unpriced')).toMatchObject({ registered: true, cost: null });
    expect([...registry.models.keys()].filter((id) => id.startsWith('other:'))).toEqual([]);
  });

  it('respects catalog: false on a provider', () => {
    const registry = registryOf({ anthropic: { api_key: 'sk-ant', catalog: false } });
    expect([...registry.models.keys()]).toEqual([]);
  });

  it('refuses a catalog.providers entry for a provider the config does not have', () => {
    expect(() =>
      parseConfig({ version: 2, models: { openai: {} }, catalog: { providers: { nowhere: 'openrouter' } } }),
    ).toThrow(/catalog\.providers\.nowhere: unknown provider "nowhere"/);
  });

  it('refuses a refresh that is not a duration, with its path', () => {
    expect(() => parseConfig({ version: 2, models: { openai: {} }, catalog: { refresh: 'daily' } })).toThrow(
      /catalog\.refresh: expected a duration like "24h"/,
    );
  });
});
