import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../store/create-store.js';
import type { CounterReservation, LimitCounters } from '../store/limit-counters-repository.js';
import { describeEachStore } from '../store/test-fixtures/describe-each-store.js';
import { createRedisLimitCounters } from './redis-limit-counters.js';

const REDIS_URL = process.env.SWITCHBOARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const WINDOW = {
  windowStart: Date.parse('2026-01-01T10:00:00Z'),
  windowEnd: Date.parse('2026-01-01T11:00:00Z'),
};

/** Two handles on the same counters (two instances), made fresh for each test. */
type Pair = () => Promise<{ a: LimitCounters; b: LimitCounters; close(): Promise<void> }>;

function request(rule: string, limit: number, subject = ''): CounterReservation {
  return { rule, subject, ...WINDOW, limit, need: 1, addUsed: 1, addReserved: 0 };
}

function dollars(rule: string, limit: number, worst: number): CounterReservation {
  return { rule, subject: '', ...WINDOW, limit, need: worst, addUsed: 0, addReserved: worst };
}

function counterSuite(pair: Pair) {
  it('takes the last unit once, across two instances, and refuses the next with what it holds', async () => {
    const { a, b, close } = await pair();
    try {
      const rule = `r_${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_x, i) => (i % 2 ? a : b).reserve([request(rule, 3)])),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(3);
      expect(results.find((result) => !result.ok)).toEqual({ ok: false, index: 0, used: 3, reserved: 0 });
      expect(await b.read(rule, WINDOW.windowStart)).toEqual([{ subject: '', used: 3, reserved: 0 }]);
    } finally {
      await close();
    }
  });

  it('applies several counters all or nothing, naming the one without room', async () => {
    const { a, close } = await pair();
    try {
      const roomy = `roomy_${randomUUID()}`;
      const tight = `tight_${randomUUID()}`;
      expect(await a.reserve([request(roomy, 10), request(tight, 1)])).toEqual({ ok: true });
      expect(await a.reserve([request(roomy, 10), request(tight, 1)])).toEqual({
        ok: false,
        index: 1,
        used: 1,
        reserved: 0,
      });
      // The refused call took nothing from the rule that had room.
      expect(await a.read(roomy, WINDOW.windowStart)).toEqual([{ subject: '', used: 1, reserved: 0 }]);
    } finally {
      await close();
    }
  });

  it('applies reservations made in the same turn in their order, each all or nothing', async () => {
    const { a, close } = await pair();
    try {
      const roomy = `roomy_${randomUUID()}`;
      const tight = `tight_${randomUUID()}`;
      // One turn of the event loop: SQLite takes these in one transaction, each as if alone.
      const results = await Promise.all([
        a.reserve([request(roomy, 10), request(tight, 1)]),
        a.reserve([request(roomy, 10), request(tight, 1)]),
        a.reserve([request(roomy, 10)]),
      ]);
      expect(results).toEqual([{ ok: true }, { ok: false, index: 1, used: 1, reserved: 0 }, { ok: true }]);
      expect(await a.read(roomy, WINDOW.windowStart)).toEqual([{ subject: '', used: 2, reserved: 0 }]);
    } finally {
      await close();
    }
  });

  it('reserves dollars for calls in flight and settles them to the real cost', async () => {
    const { a, b, close } = await pair();
    try {
      const rule = `usd_${randomUUID()}`;
      // Budget 1.00, worst case 0.30: three fit at once, a fourth does not, whoever asks.
      const held = await Promise.all(
        [a, b, a, b].map((counters) => counters.reserve([dollars(rule, 1, 0.3)])),
      );
      expect(held.filter((result) => result.ok)).toHaveLength(3);
      const key = { rule, subject: '', ...WINDOW };
      await a.settle([{ ...key, addUsed: 0.1, addReserved: -0.3 }]);
      const [after] = await b.read(rule, WINDOW.windowStart);
      expect(after!.used).toBeCloseTo(0.1, 10);
      expect(after!.reserved).toBeCloseTo(0.6, 10);
      expect((await b.reserve([dollars(rule, 1, 0.3)])).ok).toBe(true);
      expect((await a.reserve([dollars(rule, 1, 0.3)])).ok).toBe(false);
    } finally {
      await close();
    }
  });

  it('keeps one counter per subject and per window', async () => {
    const { a, close } = await pair();
    try {
      const rule = `each_${randomUUID()}`;
      expect((await a.reserve([request(rule, 1, 'user=alice')])).ok).toBe(true);
      expect((await a.reserve([request(rule, 1, 'user=bob')])).ok).toBe(true);
      expect((await a.reserve([request(rule, 1, 'user=alice')])).ok).toBe(false);
      const next = { windowStart: WINDOW.windowEnd, windowEnd: WINDOW.windowEnd + 3_600_000 };
      expect((await a.reserve([{ ...request(rule, 1, 'user=alice'), ...next }])).ok).toBe(true);
      expect((await a.read(rule, WINDOW.windowStart)).map((counter) => counter.subject)).toEqual([
        'user=alice',
        'user=bob',
      ]);
    } finally {
      await close();
    }
  });
}

describeEachStore('limit counters in the database', (target) => {
  const opened: Store[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });
  counterSuite(async () => {
    const url = await target.createDatabase();
    const first = await createStore(url);
    // SQLite: one process owns the file, so "two instances" are two handles on it; PostgreSQL: two pools.
    const second = await createStore(url);
    opened.push(first, second);
    return { a: first.limitCounters, b: second.limitCounters, close: async () => {} };
  });

  it('prunes the counters of windows that ended', async () => {
    const store = await createStore(await target.createDatabase());
    opened.push(store);
    const rule = `old_${randomUUID()}`;
    await store.limitCounters.reserve([request(rule, 5)]);
    await store.limitCounters.prune(WINDOW.windowEnd);
    expect(await store.limitCounters.read(rule, WINDOW.windowStart)).toHaveLength(1);
    await store.limitCounters.prune(WINDOW.windowEnd + 1);
    expect(await store.limitCounters.read(rule, WINDOW.windowStart)).toEqual([]);
  });
});

describe('limit counters in Redis', () => {
  counterSuite(async () => {
    const now = () => WINDOW.windowStart;
    const a = await createRedisLimitCounters({ url: REDIS_URL, now });
    const b = await createRedisLimitCounters({ url: REDIS_URL, now });
    return {
      a,
      b,
      async close() {
        await Promise.all([a.close(), b.close()]);
      },
    };
  });
});
