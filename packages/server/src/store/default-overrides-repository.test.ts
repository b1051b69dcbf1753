import { InvalidModelIdError } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.js';
import { capabilityOverrideKey, toRuntimeDefaults } from './default-override-key.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';

describeEachStore('default overrides repository', (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore(await target.createDatabase());
  });
  afterAll(() => store.close());

  it('lists nothing at first', async () => {
    expect(await store.defaultOverrides.list()).toEqual([]);
  });

  it('sets, replaces, lists (sorted by key) and clears task and capability overrides', async () => {
    const chat = await store.defaultOverrides.set('chat', 'openai:gpt-4o', 'admin-1');
    expect(chat).toEqual({
      key: 'chat',
      modelId: 'openai:gpt-4o',
      updatedAt: expect.any(String),
      updatedBy: 'admin-1',
    });
    await store.defaultOverrides.set(capabilityOverrideKey('sql'), 'ollama:sqlcoder:7b');
    await store.defaultOverrides.set('chat', 'anthropic:claude-haiku-4-5-20251001', 'admin-2');

    expect(await store.defaultOverrides.list()).toEqual([
      {
        key: 'capability:sql',
        modelId: 'ollama:sqlcoder:7b',
        updatedAt: expect.any(String),
        updatedBy: null,
      },
      {
        key: 'chat',
        modelId: 'anthropic:claude-haiku-4-5-20251001',
        updatedAt: expect.any(String),
        updatedBy: 'admin-2',
      },
    ]);

    expect(await store.defaultOverrides.clear('chat')).toBe(true);
    expect(await store.defaultOverrides.clear('chat')).toBe(false);
    expect((await store.defaultOverrides.list()).map((override) => override.key)).toEqual(['capability:sql']);
  });

  it('refuses a malformed model ID and keeps the previous value', async () => {
    await store.defaultOverrides.set('prd_generation', 'openai:gpt-4o');
    await expect(store.defaultOverrides.set('prd_generation', 'gpt-4o')).rejects.toBeInstanceOf(
      InvalidModelIdError,
    );
    const kept = (await store.defaultOverrides.list()).find((override) => override.key === 'prd_generation');
    expect(kept?.modelId).toBe('openai:gpt-4o');
  });
});

describe('toRuntimeDefaults', () => {
  it('splits keys into tasks and capabilities', () => {
    expect(
      toRuntimeDefaults([
        { key: 'chat', modelId: 'openai:gpt-4o' },
        { key: 'capability:embeddings', modelId: 'openai:text-embedding-3-small' },
      ]),
    ).toEqual({
      tasks: { chat: 'openai:gpt-4o' },
      capabilities: { embeddings: 'openai:text-embedding-3-small' },
    });
  });
});
