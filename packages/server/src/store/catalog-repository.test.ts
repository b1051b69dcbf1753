import { parseModelsDevCatalog } from '@switchboard/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createModelsDevSample } from '../../../core/src/catalog/test-fixtures/models-dev-sample.js';
import type { ChangeEvent } from './change-feed.js';
import { createStore, type Store } from './create-store.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';

describeEachStore('catalog repository', (target) => {
  let url: string;
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    url = await target.createDatabase();
    store = await createStore(url);
    other = await createStore(url);
  });
  afterAll(async () => {
    await store.close();
    await other.close();
  });

  it('is empty, at version 0, before any import', async () => {
    expect(await store.catalog.version()).toBe(0);
    expect(await store.catalog.latestImport()).toBeUndefined();
    expect(await store.catalog.listModels()).toEqual([]);
  });

  it('stores an import whole and says what it changed', async () => {
    const first = await store.catalog.replace(parseModelsDevCatalog(createModelsDevSample()), 'api.json');
    expect(first).toMatchObject({
      version: 1,
      providers: 3,
      models: 7,
      added: 7,
      removed: 0,
      pricesChanged: 0,
    });
    const models = await other.catalog.listModels();
    expect(models).toHaveLength(7);
    expect(models.find((model) => model.name === 'gpt-4o-mini')?.facts.cost?.input).toBe(0.15);

    const sample = createModelsDevSample({ scale: 2 }) as Record<string, { models: Record<string, unknown> }>;
    delete sample.openrouter!.models['acme/chat-2'];
    const second = await store.catalog.replace(parseModelsDevCatalog(sample), 'https://models.dev/api.json');
    // Every priced model but the one removed and the unpriced one changed price.
    expect(second).toMatchObject({ version: 2, models: 6, added: 0, removed: 1, pricesChanged: 5 });
    expect(await other.catalog.version()).toBe(2);
    expect(await other.catalog.latestImport()).toMatchObject({
      version: 2,
      source: 'https://models.dev/api.json',
      pricesChanged: 5,
    });
  });

  it('leaves the stored catalogue whole when an import fails part way', async () => {
    const before = await store.catalog.listModels();
    const parsed = parseModelsDevCatalog(createModelsDevSample({ scale: 3 }));
    // The same model twice: the primary key refuses it after the old rows were deleted, in the transaction.
    parsed.models.push({ ...parsed.models[0]! });
    await expect(store.catalog.replace(parsed, 'broken.json')).rejects.toThrow();
    expect(await other.catalog.version()).toBe(2);
    expect(await other.catalog.listModels()).toEqual(before);
  });

  it('tells the other instances of an import (PostgreSQL NOTIFY)', async () => {
    if (target.dialect !== 'postgres') return;
    const heard = new Promise<ChangeEvent>((resolve) => {
      const stop = other.changes.subscribe((event) => {
        if (event.type === 'change' && event.change.kind === 'catalog') {
          stop();
          resolve(event);
        }
      });
    });
    await store.catalog.replace(parseModelsDevCatalog(createModelsDevSample()), 'api.json');
    await expect(heard).resolves.toEqual({ type: 'change', change: { kind: 'catalog' }, origin: 'remote' });
  });
});
