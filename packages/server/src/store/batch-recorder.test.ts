import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchRecorder, PartialWriteError } from './batch-recorder.js';

/** A write function whose calls can be held open, to see what happens while a batch is in flight. */
function createFakeWrite() {
  const batches: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let gate: Promise<void> | undefined;
  let fail: Error | undefined;
  return {
    batches,
    get maxInFlight() {
      return maxInFlight;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
    failNext(error: Error | undefined) {
      fail = error;
    },
    async write(batch: number[]) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (gate) await gate;
        if (fail) throw fail;
        batches.push(batch);
      } finally {
        inFlight -= 1;
      }
    },
  };
}

describe('createBatchRecorder', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a batch when the interval passes', async () => {
    const fake = createFakeWrite();
    const recorder = createBatchRecorder({ write: fake.write, flushIntervalMs: 250, maxBatch: 500 });
    recorder.record(1);
    recorder.record(2);
    expect(fake.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(249);
    expect(fake.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.batches).toEqual([[1, 2]]);
    expect(recorder.pending).toBe(0);
  });

  it('writes as soon as a batch is full, never more than maxBatch at once', async () => {
    const fake = createFakeWrite();
    const recorder = createBatchRecorder({ write: fake.write, flushIntervalMs: 250, maxBatch: 500 });
    for (let index = 0; index < 1_234; index++) recorder.record(index);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.batches.length).toBeGreaterThanOrEqual(2);
    await recorder.flush();
    expect(fake.batches.map((batch) => batch.length)).toEqual([500, 500, 234]);
    expect(fake.batches.flat()).toEqual(Array.from({ length: 1_234 }, (_, index) => index));
  });

  it('keeps a single write in flight', async () => {
    const fake = createFakeWrite();
    const recorder = createBatchRecorder({ write: fake.write, flushIntervalMs: 10, maxBatch: 2 });
    const release = fake.hold();
    for (let index = 0; index < 20; index++) {
      recorder.record(index);
      await vi.advanceTimersByTimeAsync(5);
    }
    release();
    await recorder.flush();
    expect(fake.maxInFlight).toBe(1);
    expect(fake.batches.flat()).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('record is synchronous and never throws, even while writes fail; failed batches are retried in order', async () => {
    const fake = createFakeWrite();
    const errors: unknown[] = [];
    const recorder = createBatchRecorder({
      write: fake.write,
      flushIntervalMs: 100,
      maxBatch: 3,
      onError: (error) => errors.push(error),
    });
    fake.failNext(new Error('database down'));
    for (let index = 0; index < 5; index++) expect(recorder.record(index)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors.length).toBeGreaterThan(0);
    expect(recorder.pending).toBe(5);
    fake.failNext(undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.batches.flat()).toEqual([0, 1, 2, 3, 4]);
  });

  it('flush rejects while the write fails, and keeps the items', async () => {
    const fake = createFakeWrite();
    const recorder = createBatchRecorder({ write: fake.write, onError: () => {} });
    fake.failNext(new Error('nope'));
    recorder.record(1);
    await expect(recorder.flush()).rejects.toThrow('nope');
    expect(recorder.pending).toBe(1);
    fake.failNext(undefined);
    await recorder.flush();
    expect(fake.batches).toEqual([[1]]);
  });

  it('close writes everything; later records are dropped and reported', async () => {
    const fake = createFakeWrite();
    const errors: unknown[] = [];
    const recorder = createBatchRecorder({
      write: fake.write,
      maxBatch: 4,
      onError: (error) => errors.push(error),
    });
    for (let index = 0; index < 10; index++) recorder.record(index);
    await recorder.close();
    expect(fake.batches.flat()).toEqual(Array.from({ length: 10 }, (_, index) => index));
    recorder.record(99);
    expect(recorder.dropped).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('drops (and counts) items past maxBuffered instead of growing without bound', async () => {
    const fake = createFakeWrite();
    const recorder = createBatchRecorder({
      write: fake.write,
      maxBuffered: 3,
      maxBatch: 100,
      onError: () => {},
    });
    for (let index = 0; index < 5; index++) recorder.record(index);
    expect(recorder.pending).toBe(3);
    expect(recorder.dropped).toBe(2);
    await recorder.close();
    expect(fake.batches).toEqual([[0, 1, 2]]);
  });
});

describe('a writer that commits part of a batch before failing', () => {
  it('retries only the rest, so nothing is lost and nothing is written twice', async () => {
    const written: number[] = [];
    let failOnce = true;
    const recorder = createBatchRecorder<number>({
      flushIntervalMs: 10_000,
      maxBatch: 500,
      write: async (batch) => {
        if (failOnce) {
          failOnce = false;
          written.push(...batch.slice(0, 2));
          throw new PartialWriteError(2, new Error('disk full'));
        }
        written.push(...batch);
      },
    });
    for (let item = 1; item <= 5; item++) recorder.record(item);
    await expect(recorder.flush()).rejects.toThrow('disk full');
    await recorder.flush();
    expect(written).toEqual([1, 2, 3, 4, 5]);
    await recorder.close();
  });
});
