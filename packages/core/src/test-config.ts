import { parseConfig } from './config/parse-config.js';
import type { Registry } from './registry/registry.js';

/** A config exercising every kind of provider, shared by the core tests. */
export const TEST_CONFIG = {
  version: 2,
  models: {
    defaults: {
      chat: 'anthropic:claude-sonnet-4-5-20250929',
      sql: 'ollama:sqlcoder:7b',
      embeddings: 'openai:text-embedding-3-small',
    },
    openai: {
      api_key: 'sk-test',
      registry: { 'gpt-4o-mini': { id: 'openai:gpt-4o-mini', capabilities: ['chat'] } },
    },
    anthropic: { api_key: 'sk-ant-test' },
    ollama: {
      registry: {
        'llama3:latest': { capabilities: ['chat'] },
        'sqlcoder:7b': { capabilities: ['sql'] },
      },
    },
    openrouter: {
      kind: 'openai-compatible',
      endpoint: 'https://openrouter.ai/api/v1',
      registry: { 'anthropic/claude-sonnet-4.5': { capabilities: ['chat'], cost: { input: 3, output: 15 } } },
    },
  },
  tasks: {
    prd_generation: { default: 'openai:gpt-4o-mini', fallbacks: ['anthropic:claude-haiku-4-5-20251001'] },
  },
};

export function testRegistry(patch: (config: typeof TEST_CONFIG) => unknown = (config) => config): Registry {
  return parseConfig(patch(structuredClone(TEST_CONFIG))).registry;
}
