import type { CatalogModel } from './model-facts.js';

const chat = ['chat'];

/**
 * The models every configured provider of a built-in kind brings along (unless it sets `catalog: false`).
 * Facts from DESIGN.md's table; cache prices from the providers' price pages (via models.dev). Every chat
 * model here does structured output (`json_schema`); those of OpenAI, Anthropic and Google read PDFs.
 */
export const BUILT_IN_CATALOG: readonly CatalogModel[] = [
  {
    kind: 'anthropic',
    name: 'claude-sonnet-4-5-20250929',
    capabilities: chat,
    context_window: 200_000,
    max_output_tokens: 64_000,
    cost: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 },
    features: ['tools', 'vision', 'thinking', 'json_schema', 'pdf'],
  },
  {
    kind: 'anthropic',
    name: 'claude-haiku-4-5-20251001',
    capabilities: chat,
    context_window: 200_000,
    max_output_tokens: 64_000,
    cost: { input: 1, output: 5, cache_read: 0.1, cache_write: 1.25 },
    features: ['tools', 'vision', 'thinking', 'json_schema', 'pdf'],
  },
  {
    kind: 'anthropic',
    name: 'claude-opus-4-1-20250805',
    capabilities: chat,
    context_window: 200_000,
    max_output_tokens: 32_000,
    cost: { input: 15, output: 75, cache_read: 1.5, cache_write: 18.75 },
    features: ['tools', 'vision', 'json_schema', 'pdf'],
  },
  {
    kind: 'openai',
    name: 'gpt-4o',
    capabilities: chat,
    context_window: 128_000,
    max_output_tokens: 16_384,
    cost: { input: 2.5, output: 10, cache_read: 1.25 },
    features: ['tools', 'vision', 'json_schema', 'pdf'],
  },
  {
    kind: 'openai',
    name: 'gpt-4o-mini',
    capabilities: chat,
    context_window: 128_000,
    max_output_tokens: 16_384,
    cost: { input: 0.15, output: 0.6, cache_read: 0.075 },
    features: ['tools', 'vision', 'json_schema', 'pdf'],
  },
  {
    kind: 'openai',
    name: 'gpt-5',
    capabilities: chat,
    context_window: 400_000,
    max_input_tokens: 272_000,
    max_output_tokens: 128_000,
    cost: { input: 1.25, output: 10, cache_read: 0.125 },
    features: ['tools', 'vision', 'reasoning', 'json_schema', 'pdf'],
  },
  {
    kind: 'openai',
    name: 'gpt-5-mini',
    capabilities: chat,
    context_window: 400_000,
    max_input_tokens: 272_000,
    max_output_tokens: 128_000,
    cost: { input: 0.25, output: 2, cache_read: 0.025 },
    features: ['tools', 'vision', 'reasoning', 'json_schema', 'pdf'],
  },
  {
    kind: 'openai',
    name: 'gpt-5-codex',
    capabilities: chat,
    context_window: 400_000,
    max_input_tokens: 272_000,
    max_output_tokens: 128_000,
    cost: { input: 1.25, output: 10, cache_read: 0.125 },
    features: ['tools', 'vision', 'reasoning', 'code', 'json_schema', 'pdf'],
  },
  {
    kind: 'openai',
    name: 'text-embedding-3-small',
    capabilities: ['embeddings'],
    context_window: 8_191,
    max_output_tokens: null,
    cost: { input: 0.02, output: 0 },
    features: ['embeddings'],
    embedding_dimensions: 1536,
  },
  {
    kind: 'google',
    name: 'gemini-2.5-pro',
    capabilities: chat,
    context_window: 1_048_576,
    max_output_tokens: 65_536,
    cost: { input: 1.25, output: 10, cache_read: 0.125 },
    features: ['tools', 'vision', 'thinking', 'code_execution', 'web', 'json_schema', 'pdf'],
  },
  {
    kind: 'google',
    name: 'gemini-2.5-flash',
    capabilities: chat,
    context_window: 1_048_576,
    max_output_tokens: 65_536,
    cost: { input: 0.3, output: 2.5, cache_read: 0.03 },
    features: ['tools', 'vision', 'thinking', 'code_execution', 'web', 'json_schema', 'pdf'],
  },
  {
    kind: 'google',
    name: 'gemini-2.5-flash-lite',
    capabilities: chat,
    context_window: 1_048_576,
    max_output_tokens: 65_536,
    cost: { input: 0.1, output: 0.4, cache_read: 0.01 },
    features: ['tools', 'vision', 'web', 'json_schema', 'pdf'],
  },
  {
    kind: 'xai',
    name: 'grok-4-latest',
    capabilities: chat,
    context_window: 256_000,
    max_output_tokens: 128_000,
    cost: { input: 3, output: 15, cache_read: 0.75 },
    features: ['tools', 'vision', 'thinking', 'web', 'json_schema'],
  },
  {
    kind: 'xai',
    name: 'grok-4-fast',
    capabilities: chat,
    context_window: 2_000_000,
    max_output_tokens: 128_000,
    cost: { input: 0.2, output: 0.5, cache_read: 0.05 },
    features: ['tools', 'vision', 'thinking', 'web', 'json_schema'],
  },
  {
    kind: 'xai',
    name: 'grok-3-latest',
    capabilities: chat,
    context_window: 131_072,
    max_output_tokens: 65_536,
    cost: { input: 3, output: 15, cache_read: 0.75 },
    features: ['tools', 'vision', 'web', 'json_schema'],
  },
];

/** The catalogue's models of one provider kind. */
export function listCatalogModels(kind: string): readonly CatalogModel[] {
  return BUILT_IN_CATALOG.filter((model) => model.kind === kind);
}

/** One catalogue model by kind and name, if the catalogue knows it. */
export function findCatalogModel(kind: string, name: string): CatalogModel | undefined {
  return BUILT_IN_CATALOG.find((model) => model.kind === kind && model.name === name);
}
