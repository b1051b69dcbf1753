import { createRegistry, parseConfig } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { parseSurfaceModel } from './parse-surface-model.js';

const registry = createRegistry(
  parseConfig({
    version: 2,
    models: {
      defaults: { chat: 'openai:gpt-4o-mini' },
      aliases: { 'gpt-5': 'openai:gpt-5', smart: 'anthropic:claude-haiku-4-5-20251001' },
      openai: { api_key: 'k' },
      anthropic: { api_key: 'k' },
      local: {
        kind: 'openai-compatible',
        endpoint: 'http://127.0.0.1:1/v1',
        registry: { 'gpt-4o': {}, 'qwen:7b': {} },
      },
    },
  } as never).config,
);

describe('parseSurfaceModel', () => {
  it('reads a task, an alias, a model ID and a bare name that one provider registers', () => {
    expect(parseSurfaceModel(registry, 'task:prd_generation', 'chat')).toEqual({
      task: 'prd_generation',
      override: undefined,
    });
    expect(parseSurfaceModel(registry, 'smart', 'chat')).toEqual({
      task: 'chat',
      override: 'anthropic:claude-haiku-4-5-20251001',
    });
    expect(parseSurfaceModel(registry, 'gpt-5', 'chat').override).toBe('openai:gpt-5');
    expect(parseSurfaceModel(registry, 'openai:gpt-4o-mini', 'chat').override).toBe('openai:gpt-4o-mini');
    expect(parseSurfaceModel(registry, 'claude-haiku-4-5-20251001', 'chat').override).toBe(
      'anthropic:claude-haiku-4-5-20251001',
    );
    expect(parseSurfaceModel(registry, 'qwen:7b', 'chat').override).toBe('local:qwen:7b');
  });

  it('refuses an ambiguous bare name listing the IDs, and a task of another capability', () => {
    expect(() => parseSurfaceModel(registry, 'gpt-4o', 'chat')).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ candidates: ['openai:gpt-4o', 'local:gpt-4o'] }),
      }),
    );
    expect(() => parseSurfaceModel(registry, 'task:embeddings', 'chat')).toThrow(
      /needs capability "embeddings"/,
    );
    expect(() => parseSurfaceModel(registry, 'task:', 'chat')).toThrow(/names no task/);
  });

  it('leaves anything else to the resolver, which says what is wrong with it', () => {
    expect(parseSurfaceModel(registry, 'nobody-has-this', 'chat').override).toBe('nobody-has-this');
  });
});
