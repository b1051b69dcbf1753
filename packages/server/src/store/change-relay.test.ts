import { describe, expect, it } from 'vitest';
import { type ChangeEvent, createChangeFeed, type StoreChange } from './change-feed.js';
import { type ChangeRelay, connectChangeRelay } from './change-relay.js';

/** Two feeds joined by an in-memory relay, as two workers are through the primary. */
function pair() {
  const listeners = new Map<string, (change: StoreChange) => void>();
  const relayFor = (self: string, other: string): ChangeRelay => ({
    publish: (change) => listeners.get(other)?.(change),
    subscribe: (listener) => {
      listeners.set(self, listener);
      return () => listeners.delete(self);
    },
  });
  const a = createChangeFeed();
  const b = createChangeFeed();
  return {
    a,
    b,
    stopA: connectChangeRelay(a, relayFor('a', 'b')),
    stopB: connectChangeRelay(b, relayFor('b', 'a')),
  };
}

describe('connectChangeRelay', () => {
  it("hands one process's committed changes to the other as remote, and never echoes them back", () => {
    const { a, b } = pair();
    const heardA: ChangeEvent[] = [];
    const heardB: ChangeEvent[] = [];
    a.subscribe((event) => heardA.push(event));
    b.subscribe((event) => heardB.push(event));
    a.emit({ type: 'change', change: { kind: 'preferences', userId: 'ada' }, origin: 'local' });
    expect(heardB).toEqual([
      { type: 'change', change: { kind: 'preferences', userId: 'ada' }, origin: 'remote' },
    ]);
    expect(heardA).toHaveLength(1);
  });

  it('passes nothing on once disconnected', () => {
    const { a, b, stopA } = pair();
    const heardB: ChangeEvent[] = [];
    b.subscribe((event) => heardB.push(event));
    stopA();
    a.emit({ type: 'change', change: { kind: 'defaults' }, origin: 'local' });
    expect(heardB).toEqual([]);
  });
});
