import { describe, expect, it } from 'vitest';
import { createKeyPool, KEY_BACKOFF_BASE_MS, lastFourOf, parseRetryAfter } from './key-pool.js';

const entry = (label: string, weight = 1) => ({
  label,
  key: `sk-${label}-0123456789`,
  weight,
  source: 'config' as const,
});

function clock(start = 1_000_000) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe('createKeyPool', () => {
  it('picks by weight, exactly over a run of calls (smooth weighted round-robin)', () => {
    const pool = createKeyPool([entry('a', 5), entry('b', 2), entry('c', 1)]);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 800; i++) counts[pool.pick()!.label]! += 1;
    expect(counts).toEqual({ a: 500, b: 200, c: 100 });
  });

  it('spreads equal weights instead of clumping', () => {
    const pool = createKeyPool([entry('a'), entry('b')]);
    expect(Array.from({ length: 6 }, () => pool.pick()!.label).join('')).toBe('ababab');
  });

  it('cools a key down for its Retry-After on 429, then lets it serve again', () => {
    const time = clock();
    const pool = createKeyPool([entry('a'), entry('b')], time.now);
    const a = pool.pick()!;
    expect(pool.report(a, 429, '30')).toBe('cooled');
    expect(pool.describe()[0]).toMatchObject({
      status: 'cooling',
      until: new Date(time.now() + 30_000).toISOString(),
    });
    for (let i = 0; i < 5; i++) expect(pool.pick()!.label).toBe('b');
    time.advance(30_001);
    expect(pool.describe()[0]?.status).toBe('ok');
    expect(new Set(Array.from({ length: 4 }, () => pool.pick()!.label))).toEqual(new Set(['a', 'b']));
  });

  it('backs off exponentially on 429s without a Retry-After, and forgets after a success', () => {
    const time = clock();
    const pool = createKeyPool([entry('a')], time.now);
    const a = pool.pick()!;
    const untilAfter = () => Date.parse(pool.describe()[0]!.until!) - time.now();
    pool.report(a, 429);
    expect(untilAfter()).toBe(KEY_BACKOFF_BASE_MS);
    pool.report(a, 429);
    expect(untilAfter()).toBe(2 * KEY_BACKOFF_BASE_MS);
    pool.report(a, 200);
    pool.report(a, 429);
    expect(untilAfter()).toBe(KEY_BACKOFF_BASE_MS);
  });

  it('marks a key bad on 401/403 until it is changed', () => {
    const pool = createKeyPool([entry('a'), entry('b')]);
    const a = pool.pick()!;
    expect(pool.report(a, 401)).toBe('bad');
    expect(pool.describe()[0]).toMatchObject({ status: 'bad', upstream_status: 401 });
    expect(pool.hasOther(new Set(['b']))).toBe(false);
    // The same key again changes nothing; a new key under the label starts healthy.
    pool.set({ ...entry('a'), weight: 3 });
    expect(pool.describe()[0]?.status).toBe('bad');
    pool.set({ label: 'a', key: 'sk-a-rotated-0123456789', source: 'runtime' });
    expect(pool.describe()[0]).toMatchObject({ status: 'ok', source: 'runtime' });
  });

  it('ignores a verdict about a key that was replaced while its call was out', () => {
    const pool = createKeyPool([entry('a')]);
    const old = pool.pick()!;
    pool.set({ label: 'a', key: 'sk-a-new-0123456789', source: 'runtime' });
    expect(pool.report(old, 401)).toBeUndefined();
    expect(pool.describe()[0]?.status).toBe('ok');
  });

  it('with no healthy key, tries the one that cools off soonest, then a bad one', () => {
    const time = clock();
    const pool = createKeyPool([entry('a'), entry('b')], time.now);
    pool.report(pool.pick()!, 429, '60');
    pool.report(pool.pick()!, 429, '10');
    expect(pool.pick()!.label).toBe('b');
    expect(pool.pick(new Set(['b']))!.label).toBe('a');
  });

  it('never shows a key: leases hide it from JSON and spreads; status shows the last four', () => {
    const pool = createKeyPool([entry('a')]);
    const lease = pool.pick()!;
    expect(lease.key).toBe('sk-a-0123456789');
    expect(JSON.stringify(lease)).not.toContain('0123456789');
    expect(JSON.stringify({ ...lease })).not.toContain('0123456789');
    expect(JSON.stringify(pool.describe())).not.toContain('sk-a');
    expect(pool.describe()[0]?.last4).toBe('6789');
    expect(lastFourOf('abcdef')).toBe('def');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
