import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLruMap, type LruEntry } from './lru-map.js';

interface Box extends LruEntry {
  n: number;
}
const box = (n: number): Box => ({ n, used: false });

describe('createLruMap', () => {
  it('answers what was set, until it is deleted or cleared', () => {
    const map = createLruMap<string, Box>(4);
    map.set('a', box(1));
    map.set('b', box(2));
    expect(map.get('a')?.n).toBe(1);
    map.set('a', box(3));
    expect(map.get('a')?.n).toBe(3);
    expect(map.delete('a')).toBe(true);
    expect(map.has('a')).toBe(false);
    expect(map.delete('a')).toBe(false);
    map.clear();
    expect(map.size).toBe(0);
  });

  it('drops the oldest unread entry first; a read entry gets a second chance', () => {
    const map = createLruMap<string, Box>(3);
    map.set('a', box(1));
    map.set('b', box(2));
    map.set('c', box(3));
    expect(map.get('a')?.n).toBe(1);
    map.set('d', box(4));
    expect(['a', 'b', 'c', 'd'].filter((key) => map.has(key))).toEqual(['a', 'c', 'd']);
    map.set('e', box(5));
    expect(map.has('c')).toBe(false);
    expect(map.has('a')).toBe(true);
  });

  it('holds maxSize distinct entries without evicting any', () => {
    const map = createLruMap<number, Box>(1_000);
    for (let index = 0; index < 1_000; index++) map.set(index, box(index));
    expect(map.size).toBe(1_000);
    expect(map.get(0)?.n).toBe(0);
  });

  it('never holds more than maxSize, and never answers a stale value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(
          fc.tuple(fc.constantFrom('get', 'set', 'delete'), fc.integer({ min: 0, max: 30 }), fc.nat()),
        ),
        (maxSize, operations) => {
          const map = createLruMap<number, Box>(maxSize);
          const model = new Map<number, number>();
          for (const [operation, key, value] of operations) {
            if (operation === 'set') {
              map.set(key, box(value));
              model.set(key, value);
              // The entry just written is always kept.
              expect(map.get(key)?.n).toBe(value);
            } else if (operation === 'delete') {
              map.delete(key);
              model.delete(key);
            } else {
              const got = map.get(key);
              // A bounded map may forget, but what it remembers is the latest value.
              if (got !== undefined) expect(got.n).toBe(model.get(key));
            }
            expect(map.size).toBeLessThanOrEqual(maxSize);
          }
        },
      ),
    );
  });

  it('refuses a size below 1', () => {
    expect(() => createLruMap(0)).toThrow(RangeError);
  });
});
