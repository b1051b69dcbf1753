import { parseConfig, type Registry, resolveModel } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangeEvent, createChangeFeed } from './change-feed.js';
import { createStore, type Store } from './create-store.js';
import { capabilityOverrideKey } from './default-override-key.js';
import type { UserPreferences } from './preferences-repository.js';
import { createResolutionCache, type ResolutionCache } from './resolution-cache.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';
import { waitForCacheEvent } from './test-fixtures/wait-for-cache-event.js';

const registry: Registry = parseConfig({
  version: 2,
  models: {
    defaults: { chat: 'openai:gpt-4o-mini' },
    openai: { api_key: 'test' },
    anthropic: { api_key: 'test' },
  },
}).registry;

describeEachStore('resolution cache', (target) => {
  let store: Store;
  let cache: ResolutionCache;
  beforeAll(async () => {
    store = await createStore(await target.createDatabase());
    cache = await createResolutionCache(store);
  });
  afterAll(async () => {
    cache.close();
    await store.close();
  });

  it('misses, loads once, then answers synchronously', async () => {
    await store.preferences.set('ann', 'chat', 'anthropic:claude-haiku-4-5-20251001');
    expect(cache.peek('ann')).toBeUndefined();
    const [first, second] = await Promise.all([cache.load('ann'), cache.load('ann')]);
    expect(first).toBe(second);
    expect(cache.peek('ann')).toEqual({ version: 1, tasks: { chat: 'anthropic:claude-haiku-4-5-20251001' } });
  });

  it('a read through the cache writes nothing', async () => {
    expect(await cache.load('ghost')).toEqual({ version: 0, tasks: {} });
    const users = await store.db.selectFrom('users').select('id').where('id', '=', 'ghost').execute();
    expect(users).toEqual([]);
  });

  it('feeds resolveModel: preference, then runtime defaults, then config', async () => {
    const resolve = (userId: string) => {
      const preferences = cache.peek(userId);
      if (!preferences) throw new Error('expected a warm entry');
      return resolveModel(registry, 'chat', {
        preference: preferences.tasks.chat,
        runtimeDefaults: cache.runtimeDefaults,
      });
    };
    await cache.load('ann');
    expect(resolve('ann')).toMatchObject({
      model: 'anthropic:claude-haiku-4-5-20251001',
      source: 'preference',
    });

    await cache.load('bo');
    expect(resolve('bo')).toMatchObject({ model: 'openai:gpt-4o-mini', source: 'config_default' });

    const applied = waitForCacheEvent(cache, (event) => event.kind === 'defaults');
    await store.defaultOverrides.set(capabilityOverrideKey('chat'), 'openai:gpt-4o', 'admin');
    await applied;
    expect(resolve('bo')).toMatchObject({ model: 'openai:gpt-4o', source: 'runtime_default' });

    const cleared = waitForCacheEvent(cache, (event) => event.kind === 'defaults');
    await store.defaultOverrides.clear(capabilityOverrideKey('chat'));
    await cleared;
    expect(cache.runtimeDefaults).toEqual({ tasks: {}, capabilities: {} });
  });

  it('a write drops the entry and refreshes it, so the warm path stays warm and correct', async () => {
    await cache.load('cy');
    const applied = waitForCacheEvent(
      cache,
      (event) => event.kind === 'preferences' && event.userId === 'cy',
    );
    await store.preferences.set('cy', 'chat', 'openai:gpt-5');
    expect(await applied).toEqual({ kind: 'preferences', userId: 'cy', origin: 'local' });
    expect(cache.peek('cy')).toEqual({ version: 1, tasks: { chat: 'openai:gpt-5' } });

    const reset = waitForCacheEvent(cache, (event) => event.kind === 'preferences' && event.userId === 'cy');
    await store.preferences.resetAll('cy');
    await reset;
    expect(cache.peek('cy')).toEqual({ version: 2, tasks: {} });

    const deleted = waitForCacheEvent(
      cache,
      (event) => event.kind === 'preferences' && event.userId === 'cy',
    );
    await store.preferences.deleteUser('cy');
    await deleted;
    expect(cache.peek('cy')).toEqual({ version: 0, tasks: {} });
  });

  it('a write for a user who is not cached does not load them', async () => {
    const applied = waitForCacheEvent(
      cache,
      (event) => event.kind === 'preferences' && event.userId === 'dee',
    );
    await store.preferences.set('dee', 'chat', 'openai:gpt-5');
    await applied;
    expect(cache.peek('dee')).toBeUndefined();
  });

  it('holds at most maxUsers users', async () => {
    const small = await createResolutionCache(store, { maxUsers: 10 });
    try {
      for (let index = 0; index < 50; index++) await small.load(`user-${index}`);
      expect(small.size).toBeLessThanOrEqual(10);
      expect(small.peek('user-49')).toBeDefined();
    } finally {
      small.close();
    }
  });
});

/** A store double whose reads are held open until the test lets them go. */
function createFakeStore() {
  const feed = createChangeFeed();
  const reads: Array<(value: UserPreferences) => void> = [];
  const preferences = (userId: string, model: string, version: number): UserPreferences => ({
    userId,
    version,
    updatedAt: null,
    tasks: { chat: { modelId: model, updatedAt: '2025-01-01T00:00:00.000Z' } },
  });
  let defaultsListed = 0;
  const store = {
    changes: feed,
    preferences: {
      get: () => new Promise<UserPreferences>((resolve) => reads.push(resolve)),
    },
    defaultOverrides: {
      list: async () => {
        defaultsListed += 1;
        return [];
      },
    },
  } as unknown as Pick<Store, 'preferences' | 'defaultOverrides' | 'changes'>;
  return {
    store,
    feed,
    reads,
    preferences,
    get defaultsListed() {
      return defaultsListed;
    },
    emit: (event: ChangeEvent) => feed.emit(event),
  };
}

describe('resolution cache races', () => {
  it('does not keep a read that was in flight when its user changed', async () => {
    const fake = createFakeStore();
    const cache = await createResolutionCache(fake.store);
    const loading = cache.load('ann');
    fake.emit({ type: 'change', change: { kind: 'preferences', userId: 'ann' }, origin: 'remote' });
    fake.reads[0]?.(fake.preferences('ann', 'openai:old', 1));
    // The caller still gets an answer, but the possibly stale entry is not cached.
    expect((await loading).tasks.chat).toBe('openai:old');
    expect(cache.peek('ann')).toBeUndefined();
  });

  it('keeps nothing while the listener is lost, and drops everything on resync', async () => {
    const fake = createFakeStore();
    const cache = await createResolutionCache(fake.store);
    const first = cache.load('ann');
    fake.reads[0]?.(fake.preferences('ann', 'openai:a', 1));
    await first;
    expect(cache.peek('ann')).toBeDefined();

    const lost = waitForCacheEvent(cache, (event) => event.kind === 'cleared');
    fake.feed.setConnected(false);
    fake.emit({ type: 'lost', error: new Error('connection terminated') });
    expect(await lost).toEqual({ kind: 'cleared', reason: 'lost' });
    expect(cache.peek('ann')).toBeUndefined();

    const whileLost = cache.load('ann');
    fake.reads[1]?.(fake.preferences('ann', 'openai:b', 2));
    expect((await whileLost).tasks.chat).toBe('openai:b');
    expect(cache.peek('ann')).toBeUndefined();

    const listedBefore = fake.defaultsListed;
    const resync = waitForCacheEvent(cache, (event) => event.kind === 'cleared');
    fake.feed.setConnected(true);
    fake.emit({ type: 'resync' });
    expect(await resync).toEqual({ kind: 'cleared', reason: 'resync' });
    expect(fake.defaultsListed).toBe(listedBefore + 1);

    const after = cache.load('ann');
    fake.reads[2]?.(fake.preferences('ann', 'openai:c', 3));
    await after;
    expect(cache.peek('ann')?.tasks.chat).toBe('openai:c');
  });
});
