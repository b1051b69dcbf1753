import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';
import type { UsageEvent } from './usage-repository.js';

const DAY_1 = '2025-03-01T10:00:00.000Z';
const DAY_2 = '2025-03-02T23:59:59.999Z';

function event(overrides: Partial<UsageEvent>): UsageEvent {
  return {
    time: new Date(DAY_1),
    requestId: 'req',
    userId: 'ann',
    task: 'chat',
    modelId: 'openai:gpt-4o',
    provider: 'openai',
    endpoint: '/v1/chat/completions',
    inputTokens: 100,
    outputTokens: 10,
    cachedInputTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.001,
    latencyMs: 120,
    status: 'ok',
    ...overrides,
  };
}

describeEachStore('usage repository', (target) => {
  let url: string;
  let store: Store;
  beforeAll(async () => {
    url = await target.createDatabase();
    // A long interval: nothing is written unless a batch fills, flush() or close() says so.
    const writer = await createStore(url, { usage: { flushIntervalMs: 60_000 } });
    writer.usage.record(event({}));
    writer.usage.record(event({ userId: 'ann', costUsd: 0.002, inputTokens: 200, outputTokens: 20 }));
    writer.usage.record(
      event({
        userId: 'bob',
        modelId: 'openrouter:mystery',
        provider: 'openrouter',
        costUsd: null,
        inputTokens: 50,
      }),
    );
    writer.usage.record(
      event({ userId: 'bob', task: 'sql', modelId: 'ollama:sqlcoder:7b', costUsd: 0, time: new Date(DAY_2) }),
    );
    writer.usage.record(
      event({
        userId: 'ann',
        modelId: 'openrouter:mystery',
        costUsd: null,
        status: 'error',
        errorCode: 'upstream_timeout',
        inputTokens: null,
        outputTokens: null,
        time: new Date(DAY_2),
      }),
    );
    // No key on this server: refused before any upstream request, which is not a call.
    writer.usage.record(
      event({
        costUsd: null,
        status: 'refused',
        errorCode: 'upstream_unconfigured',
        inputTokens: null,
        outputTokens: null,
        time: new Date(DAY_2),
      }),
    );
    expect(writer.usage.stats().pending).toBe(6);
    // The clean stop writes the buffer: a second store on the same database sees every event.
    await writer.close();
    store = await createStore(url);
  });
  afterAll(() => store.close());

  it('writes every buffered event on close, nulls kept as nulls', async () => {
    const rows = await store.db
      .selectFrom('usage_events')
      .selectAll()
      .orderBy('time')
      .orderBy('cost_usd')
      .execute();
    expect(rows).toHaveLength(6);
    expect(rows.filter((row) => row.cost_usd === null)).toHaveLength(3);
    expect(rows.find((row) => row.status === 'error')).toMatchObject({
      error_code: 'upstream_timeout',
      input_tokens: null,
      cost_usd: null,
    });
  });

  it('summarizes everything in one row: failed calls apart, refused ones not calls, unpriced only when served', async () => {
    const [total] = await store.usage.summarize();
    expect(total).toMatchObject({
      calls: 5,
      failed_calls: 1,
      refused_calls: 1,
      input_tokens: 450,
      output_tokens: 50,
      unpriced_calls: 1,
    });
    expect(total?.cost_usd).toBeCloseTo(0.003, 10);
  });

  it('groups by model: an all-unpriced group has cost null', async () => {
    const rows = await store.usage.summarize({ groupBy: ['model'] });
    expect(rows.map((row) => row.model)).toEqual([
      'ollama:sqlcoder:7b',
      'openai:gpt-4o',
      'openrouter:mystery',
    ]);
    expect(rows[0]).toMatchObject({ calls: 1, cost_usd: 0, unpriced_calls: 0 });
    expect(rows[1]).toMatchObject({ calls: 2, refused_calls: 1, failed_calls: 0, unpriced_calls: 0 });
    expect(rows[1]?.cost_usd).toBeCloseTo(0.003, 10);
    expect(rows[2]).toMatchObject({ calls: 2, failed_calls: 1, cost_usd: null, unpriced_calls: 1 });
    expect(rows[0]).not.toHaveProperty('task');
  });

  it('groups by task, user and day together', async () => {
    const rows = await store.usage.summarize({ groupBy: ['user', 'day', 'task'] });
    expect(
      rows.map((row) => [
        row.user,
        row.day,
        row.task,
        row.calls,
        row.failed_calls,
        row.refused_calls,
        row.unpriced_calls,
      ]),
    ).toEqual([
      ['ann', '2025-03-01', 'chat', 2, 0, 0, 0],
      ['ann', '2025-03-02', 'chat', 1, 1, 1, 0],
      ['bob', '2025-03-01', 'chat', 1, 0, 0, 1],
      ['bob', '2025-03-02', 'sql', 1, 0, 0, 0],
    ]);
  });

  it('groups by status: ok, error, refused', async () => {
    const rows = await store.usage.summarize({ groupBy: ['status'] });
    expect(rows.map((row) => [row.status, row.calls, row.failed_calls, row.refused_calls])).toEqual([
      ['error', 1, 1, 0],
      ['ok', 4, 0, 0],
      ['refused', 0, 0, 1],
    ]);
  });

  it('filters by time (from inclusive, to exclusive) and by user', async () => {
    const day1 = await store.usage.summarize({ from: '2025-03-01', to: '2025-03-02', groupBy: ['day'] });
    expect(day1).toEqual([expect.objectContaining({ day: '2025-03-01', calls: 3 })]);
    const fromDay2 = await store.usage.summarize({ from: new Date('2025-03-02T00:00:00Z') });
    expect(fromDay2[0]?.calls).toBe(2);
    const bob = await store.usage.summarize({ userId: 'bob' });
    expect(bob[0]).toMatchObject({ calls: 2, unpriced_calls: 1, cost_usd: 0 });
    const none = await store.usage.summarize({ userId: 'nobody' });
    expect(none).toEqual([
      {
        calls: 0,
        failed_calls: 0,
        refused_calls: 0,
        input_tokens: 0,
        output_tokens: 0,
        cached_input_tokens: 0,
        reasoning_tokens: 0,
        cost_usd: null,
        unpriced_calls: 0,
      },
    ]);
  });

  it('flushes large volumes in batches, and flush() writes what is buffered', async () => {
    for (let index = 0; index < 1_234; index++) {
      store.usage.record(
        event({ userId: 'bulk', requestId: `r${index}`, inputTokens: 1.6, latencyMs: Number.NaN }),
      );
    }
    await store.usage.flush();
    expect(store.usage.stats()).toEqual({ pending: 0, dropped: 0 });
    const [bulk] = await store.usage.summarize({ userId: 'bulk' });
    // Fractional counts are rounded rather than failing the whole batch on an integer column.
    expect(bulk).toMatchObject({ calls: 1_234, input_tokens: 2 * 1_234 });
  });
});

describeEachStore('usage repository: recent calls', (target) => {
  it('answers the latest calls newest first, per user, with their trace IDs', async () => {
    const store = await createStore(await target.createDatabase());
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      store.usage.record(event({ requestId: 'first', userId: 'ann' }));
      store.usage.record(event({ requestId: 'second', userId: 'bob', costUsd: null }));
      store.usage.record(
        event({ requestId: 'third', userId: 'ann', traceId, status: 'error', errorCode: 'x' }),
      );
      await store.usage.flush();
      const all = await store.usage.recentCalls({ limit: 2 });
      expect(all.map((call) => call.requestId)).toEqual(['third', 'second']);
      expect(all[0]).toMatchObject({
        traceId,
        status: 'error',
        errorCode: 'x',
        costUsd: 0.001,
        inputTokens: 100,
      });
      expect(all[1]).toMatchObject({ traceId: null, costUsd: null });
      const ann = await store.usage.recentCalls({ userId: 'ann', limit: 10 });
      expect(ann.map((call) => call.requestId)).toEqual(['third', 'first']);
    } finally {
      await store.close();
    }
  });
});
