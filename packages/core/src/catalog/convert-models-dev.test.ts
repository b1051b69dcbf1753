import { describe, expect, it } from 'vitest';
import { CatalogInvalidError } from '../errors/catalog-invalid-error.js';
import { groupImportedModels, parseModelsDevCatalog } from './convert-models-dev.js';
import { createModelsDevSample } from './test-fixtures/models-dev-sample.js';

const factsOf = (json: unknown, provider: string, name: string) =>
  groupImportedModels(parseModelsDevCatalog(json).models).get(provider)?.get(name);

/** The problems a bad file is refused with. */
function problemsOf(json: unknown): readonly string[] {
  try {
    parseModelsDevCatalog(json, 'api.json');
  } catch (error) {
    expect(CatalogInvalidError.isInstance(error)).toBe(true);
    expect((error as CatalogInvalidError).code).toBe('catalog_invalid');
    expect((error as Error).message).toMatch(/^api\.json is not a models\.dev catalogue/);
    return (error as CatalogInvalidError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('parseModelsDevCatalog', () => {
  it('counts providers and models of the file', () => {
    const parsed = parseModelsDevCatalog(createModelsDevSample());
    expect(parsed.providers).toBe(3);
    expect(parsed.models).toHaveLength(7);
  });

  it('converts prices, tiers (both spellings), limits, modalities, dates and status', () => {
    const sample = createModelsDevSample();
    expect(factsOf(sample, 'openai', 'gpt-4o-mini')).toMatchObject({
      capabilities: ['chat'],
      context_window: 128_000,
      max_output_tokens: 16_384,
      cost: {
        input: 0.15,
        output: 0.6,
        cache_read: 0.075,
        tiers: [{ above_input_tokens: 200, input: 10, output: 20, cache_read: 5 }],
      },
      modalities: { input: ['text', 'image'], output: ['text'] },
      knowledge_cutoff: '2023-09',
      release_date: '2024-07-18',
    });
    expect(factsOf(sample, 'anthropic', 'claude-sonnet-4-5-20250929')?.cost).toEqual({
      input: 3,
      output: 15,
      cache_read: 0.3,
      cache_write: 3.75,
      tiers: [{ above_input_tokens: 200_000, input: 6, output: 22.5, cache_read: 0.6, cache_write: 7.5 }],
    });
    expect(factsOf(sample, 'openai', 'gpt-5-nano')).toMatchObject({
      max_input_tokens: 272_000,
      cost: { input: 0.05, output: 0.4, reasoning: 0.8 },
    });
    expect(factsOf(sample, 'anthropic', 'claude-3-haiku-20240307')?.status).toBe('deprecated');
    expect(factsOf(sample, 'openai', 'gpt-4o-mini')?.status).toBeUndefined();
  });

  it('emits the canonical feature names', () => {
    const sample = createModelsDevSample();
    expect(factsOf(sample, 'openai', 'gpt-4o-mini')?.features).toEqual(['tools', 'vision', 'json_schema']);
    expect(factsOf(sample, 'openai', 'gpt-5-nano')?.features).toEqual([
      'tools',
      'vision',
      'pdf',
      'json_schema',
      'reasoning',
    ]);
    expect(factsOf(sample, 'openrouter', 'acme/chat-2')?.features).toEqual([]);
  });

  it('tells embeddings models by name, their vector size from the output limit', () => {
    expect(factsOf(createModelsDevSample(), 'openai', 'text-embedding-3-small')).toMatchObject({
      capabilities: ['embeddings'],
      max_output_tokens: null,
      embedding_dimensions: 1536,
    });
  });

  it('keeps a model without a price unpriced (null), never free', () => {
    expect(factsOf(createModelsDevSample(), 'openrouter', 'acme/unpriced')?.cost).toBeNull();
  });

  it('refuses a file of the wrong shape, naming the path of each problem', () => {
    const sample = createModelsDevSample() as Record<string, { models: Record<string, { cost: unknown }> }>;
    sample.openai!.models['gpt-4o-mini']!.cost = { input: 'cheap', output: 1 };
    sample.anthropic!.models['claude-3-haiku-20240307']!.cost = { input: -1, output: 1 };
    const problems = problemsOf(sample);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^openai\.models\.gpt-4o-mini\.cost\.input: expected number/);
    expect(problems[1]).toMatch(/^anthropic\.models\.claude-3-haiku-20240307\.cost\.input: /);
  });

  it('refuses a provider without models, a list, a string and a file with no models at all', () => {
    expect(problemsOf({ openai: { id: 'openai', name: 'OpenAI' } })[0]).toMatch(/^openai\.models: /);
    expect(problemsOf([])[0]).toMatch(/^\(top level\): expected record/);
    expect(problemsOf('{}')[0]).toMatch(/^\(top level\)/);
    expect(problemsOf({})).toEqual(['(top level): the file lists no models']);
  });

  it('refuses a tier without its size', () => {
    const sample = createModelsDevSample() as Record<string, { models: Record<string, { cost: unknown }> }>;
    sample.openai!.models['gpt-4o-mini']!.cost = { input: 1, output: 1, tiers: [{ input: 2, output: 2 }] };
    expect(problemsOf(sample)[0]).toMatch(/^openai\.models\.gpt-4o-mini\.cost\.tiers\[0\]\.tier: /);
  });
});
