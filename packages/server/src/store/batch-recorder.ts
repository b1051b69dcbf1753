/**
 * A batch is written at least this often while events arrive. Short enough that a buffered event is
 * written before it survives two young-generation collections: at 250 ms every event was promoted to the
 * old space and only a full collection freed it, which showed as the proxy's memory climbing under load.
 * SQLite commits in WAL mode with `synchronous = NORMAL` do not sync, so 20 small commits a second cost
 * what 4 larger ones did.
 */
export const USAGE_FLUSH_INTERVAL_MS = 50;
/** Thrown by a writer that committed the first `written` items of a batch before failing. */
export class PartialWriteError extends Error {
  constructor(
    readonly written: number,
    override readonly cause: unknown,
  ) {
    super(`wrote ${written} items, then failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'PartialWriteError';
  }
}

/** A batch is written as soon as this many events wait, and no insert holds more. */
export const USAGE_MAX_BATCH = 500;
/** Past this many waiting events (the database is down), new ones are dropped and counted. */
export const USAGE_MAX_BUFFERED = 100_000;
/** Longest wait between retries while writes keep failing. */
export const USAGE_MAX_RETRY_DELAY_MS = 5_000;
/** While events are being dropped, one report per this many, so a database outage does not flood the log. */
const DROP_REPORT_EVERY = 1_000;

export interface BatchRecorderOptions<T> {
  /** Writes one batch; a rejection keeps the batch for the next attempt. */
  write(batch: T[]): Promise<void>;
  /** Default `USAGE_FLUSH_INTERVAL_MS` (50). */
  flushIntervalMs?: number;
  /** Default `USAGE_MAX_BATCH` (500). */
  maxBatch?: number;
  /** Default `USAGE_MAX_BUFFERED` (100,000). */
  maxBuffered?: number;
  /** Hears of failed background writes and dropped events; the request path never does. */
  onError?: (error: unknown) => void;
}

/** Buffers items and writes them in batches, off the request path. */
export interface BatchRecorder<T> {
  /** Buffers one item. Synchronous and never throws: it is called on the request path. */
  record(item: T): void;
  /** Writes everything buffered so far; rejects if a write fails (the items stay buffered). */
  flush(): Promise<void>;
  /** Stops the timer and writes everything; later `record` calls are dropped and reported. */
  close(): Promise<void>;
  /** Items waiting to be written. */
  readonly pending: number;
  /** Items dropped because the buffer was full or the recorder closed. */
  readonly dropped: number;
}

/**
 * Creates a batch recorder: one write in flight at a time, started by a full batch or by the interval,
 * whichever comes first. A failed write puts its batch back in front (order kept) and retries with
 * backoff. Timers are unref'd: pending usage must not keep a process alive; `close()` is the clean stop.
 */
export function createBatchRecorder<T>(options: BatchRecorderOptions<T>): BatchRecorder<T> {
  const interval = options.flushIntervalMs ?? USAGE_FLUSH_INTERVAL_MS;
  const maxBatch = options.maxBatch ?? USAGE_MAX_BATCH;
  const maxBuffered = options.maxBuffered ?? USAGE_MAX_BUFFERED;
  const onError = options.onError ?? (() => {});
  let buffer: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let failures = 0;
  let dropped = 0;
  let closed = false;

  const writeAll = async () => {
    while (buffer.length > 0) {
      const batch = buffer.slice(0, maxBatch);
      buffer = buffer.slice(batch.length);
      try {
        await options.write(batch);
        failures = 0;
      } catch (error) {
        // A writer that committed part of the batch says how much: only the rest is tried again.
        const written = error instanceof PartialWriteError ? error.written : 0;
        buffer = batch.slice(written).concat(buffer);
        failures += 1;
        throw error instanceof PartialWriteError ? error.cause : error;
      }
    }
  };

  const schedule = () => {
    if (timer || closed) return;
    const delay = Math.min(USAGE_MAX_RETRY_DELAY_MS, interval * 2 ** failures);
    timer = setTimeout(() => {
      timer = undefined;
      startFlush().catch(onError);
    }, delay);
    timer.unref();
  };

  const startFlush = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    inFlight ??= writeAll().finally(() => {
      inFlight = undefined;
      if (buffer.length > 0) schedule();
    });
    return inFlight;
  };

  return {
    record(item) {
      if (closed || buffer.length >= maxBuffered) {
        dropped += 1;
        if (dropped % DROP_REPORT_EVERY === 1) {
          const why = closed ? 'the usage recorder is closed' : `${maxBuffered} usage events are waiting`;
          try {
            onError(new Error(`${why}: usage event dropped (${dropped} dropped so far)`));
          } catch {
            // A failing error handler must not reach the request path.
          }
        }
        return;
      }
      buffer.push(item);
      if (buffer.length >= maxBatch && failures === 0) startFlush().catch(onError);
      else if (!inFlight) schedule();
    },
    async flush() {
      // A write that was in flight may have missed items recorded after it took its batch: go again.
      while (buffer.length > 0 || inFlight) await startFlush();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (buffer.length > 0 || inFlight) await startFlush();
    },
    get pending() {
      return buffer.length;
    },
    get dropped() {
      return dropped;
    },
  };
}
