import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.js';
import { LISTENER_APPLICATION_NAME } from './postgres-change-listener.js';
import { createResolutionCache, type ResolutionCache } from './resolution-cache.js';
import { describePostgres } from './test-fixtures/describe-each-store.js';
import { waitForCacheEvent } from './test-fixtures/wait-for-cache-event.js';

/** Runs one statement on the database as a separate client (the "operator" of the test). */
async function runAsOperator(url: string, statement: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}

describePostgres('change notifications between instances', (target) => {
  let url: string;
  let storeA: Store;
  let storeB: Store;
  let cacheA: ResolutionCache;
  let cacheB: ResolutionCache;
  const backgroundErrors: unknown[] = [];

  beforeAll(async () => {
    url = await target.createDatabase();
    const onError = (error: unknown) => backgroundErrors.push(error);
    storeA = await createStore(url, { instanceId: 'instance-a', onError });
    storeB = await createStore(url, { instanceId: 'instance-b', onError });
    cacheA = await createResolutionCache(storeA, { onError });
    cacheB = await createResolutionCache(storeB, { onError });
  });
  afterAll(async () => {
    cacheA.close();
    cacheB.close();
    await storeA.close();
    await storeB.close();
  });

  it("instance B's cache sees a preference written on instance A", async () => {
    expect(await cacheB.load('ann')).toEqual({ version: 0, tasks: {} });
    const seen = waitForCacheEvent(cacheB, (event) => event.kind === 'preferences' && event.userId === 'ann');
    const started = performance.now();
    await storeA.preferences.set('ann', 'chat', 'openai:gpt-5');
    expect(await seen).toEqual({ kind: 'preferences', userId: 'ann', origin: 'remote' });
    // Measured and printed, never asserted: tests do not time things (the design's budget is 100 ms).
    console.info(
      `[store] instance B applied instance A's preference write ${(performance.now() - started).toFixed(1)} ms after it started`,
    );
    expect(cacheB.peek('ann')).toEqual({ version: 1, tasks: { chat: 'openai:gpt-5' } });
  });

  it('instance B hears of a write even for a user it has not cached, and reads it fresh', async () => {
    const seen = waitForCacheEvent(cacheB, (event) => event.kind === 'preferences' && event.userId === 'bob');
    await storeA.preferences.setMany('bob', { chat: 'openai:gpt-4o', sql: 'ollama:sqlcoder:7b' });
    await seen;
    expect(cacheB.peek('bob')).toBeUndefined();
    expect((await cacheB.load('bob')).tasks).toEqual({ chat: 'openai:gpt-4o', sql: 'ollama:sqlcoder:7b' });
  });

  it("instance A's own write is applied once, as local (its NOTIFY echo is skipped)", async () => {
    await cacheA.load('cy');
    const events: string[] = [];
    const unsubscribe = cacheA.onApplied((event) => {
      if (event.kind === 'preferences' && event.userId === 'cy') events.push(event.origin);
    });
    const appliedOnA = waitForCacheEvent(
      cacheA,
      (event) => event.kind === 'preferences' && event.userId === 'cy',
    );
    await storeA.preferences.set('cy', 'chat', 'openai:gpt-4o');
    await appliedOnA;
    // B's marker is committed after A's write, so A's listener would have had A's echo before it.
    const marker = waitForCacheEvent(
      cacheA,
      (event) => event.kind === 'preferences' && event.userId === 'marker-b',
    );
    await storeB.preferences.set('marker-b', 'chat', 'openai:gpt-4o');
    await marker;
    unsubscribe();
    expect(events).toEqual(['local']);
  });

  it("runtime defaults set on B reach A's cache", async () => {
    const seen = waitForCacheEvent(cacheA, (event) => event.kind === 'defaults');
    const started = performance.now();
    await storeB.defaultOverrides.set('chat', 'anthropic:claude-haiku-4-5-20251001', 'admin');
    expect(await seen).toEqual({ kind: 'defaults', origin: 'remote' });
    console.info(
      `[store] instance A applied instance B's default change ${(performance.now() - started).toFixed(1)} ms after it started`,
    );
    expect(cacheA.runtimeDefaults.tasks.chat).toBe('anthropic:claude-haiku-4-5-20251001');
  });

  it('a rolled-back write notifies nobody', async () => {
    let heard = false;
    const unsubscribe = cacheB.onApplied((event) => {
      if (event.kind === 'preferences' && event.userId === 'dee') heard = true;
    });
    await expect(
      storeA.preferences.setMany('dee', { chat: 'openai:gpt-4o', sql: 'broken' }),
    ).rejects.toThrow();
    // A later write on another user is a marker: notifications arrive in commit order on one channel.
    const marker = waitForCacheEvent(
      cacheB,
      (event) => event.kind === 'preferences' && event.userId === 'marker',
    );
    await storeA.preferences.set('marker', 'chat', 'openai:gpt-4o');
    await marker;
    unsubscribe();
    expect(heard).toBe(false);
  });

  it('after every connection is killed (a database restart), listeners reconnect, caches clear and notifications flow again', async () => {
    await cacheB.load('ann');
    expect(cacheB.peek('ann')).toBeDefined();
    const lost = waitForCacheEvent(cacheB, (event) => event.kind === 'cleared' && event.reason === 'lost');
    const resynced = waitForCacheEvent(
      cacheB,
      (event) => event.kind === 'cleared' && event.reason === 'resync',
      15_000,
    );

    const killed = await runAsOperator(
      url,
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    await lost;
    await resynced;
    expect(storeB.changes.connected).toBe(true);
    expect(cacheB.peek('ann')).toBeUndefined();

    const listeners = await runAsOperator(
      url,
      'select application_name from pg_stat_activity where datname = current_database() and application_name like $1 order by 1',
      [`${LISTENER_APPLICATION_NAME}%`],
    );
    expect(listeners.rows.map((row) => row.application_name)).toContain(
      `${LISTENER_APPLICATION_NAME} instance-b`,
    );

    // Refilled lazily, and kept coherent again.
    await cacheB.load('ann');
    const seen = waitForCacheEvent(cacheB, (event) => event.kind === 'preferences' && event.userId === 'ann');
    await storeA.preferences.set('ann', 'chat', 'anthropic:claude-sonnet-4-5-20250929');
    expect(await seen).toMatchObject({ origin: 'remote' });
    expect(cacheB.peek('ann')?.tasks.chat).toBe('anthropic:claude-sonnet-4-5-20250929');
  });
});
