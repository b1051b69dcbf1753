import { Transform } from 'node:stream';

/** How much of a request body the proxy keeps to read its `model` from. */
export const BODY_COPY_BYTES = 1024 * 1024;

/** A pass-through that keeps a copy of the first bytes of what flows through it. */
export interface BodyTap extends Transform {
  /** The first `keep` bytes seen so far, decoded. */
  head(): string;
  /**
   * Resolves with the head once `done(head)` holds, the body ended, or `keep` bytes were kept: for a caller
   * that must read the `model` before forwarding (a limit depends on it). Only with `holdHead`, which lets
   * the tap buffer that much while nobody reads it yet.
   */
  waitForHead(done: (head: string) => boolean): Promise<string>;
  /**
   * The whole body, once it ended within `keep` bytes; undefined while it flows or when it was longer.
   * What a retry on another key sends again (a longer body cannot be replayed: it was never held).
   */
  whole(): Buffer | undefined;
}

/**
 * Passes a request body on chunk by chunk, untouched and undelayed (each chunk is pushed before it is
 * copied), keeping a copy of its first `keep` bytes: enough to find the `model` of any JSON request
 * without holding a large upload in memory.
 */
export function createBodyTap(keep: number = BODY_COPY_BYTES, holdHead = false): BodyTap {
  const kept: Buffer[] = [];
  let size = 0;
  let total = 0;
  let ended = false;
  let waiting: { done: (head: string) => boolean; resolve: (head: string) => void } | undefined;
  const head = () => Buffer.concat(kept).toString('utf8');
  const check = () => {
    if (!waiting) return;
    const text = head();
    if (ended || size >= keep || waiting.done(text)) {
      waiting.resolve(text);
      waiting = undefined;
    }
  };
  const tap = new Transform({
    // Holding the head means buffering up to `keep` bytes before the upstream request reads them.
    ...(holdHead ? { readableHighWaterMark: keep + 64 * 1024 } : {}),
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk);
      total += chunk.length;
      if (size >= keep) return;
      const part = size + chunk.length > keep ? chunk.subarray(0, keep - size) : chunk;
      kept.push(part);
      size += part.length;
      check();
    },
    flush(callback) {
      ended = true;
      check();
      callback();
    },
  }) as BodyTap;
  tap.head = head;
  tap.whole = () => (ended && total <= keep ? Buffer.concat(kept) : undefined);
  tap.waitForHead = (done) =>
    new Promise((resolve) => {
      waiting = { done, resolve };
      check();
      tap.once('error', () => {
        ended = true;
        check();
      });
    });
  return tap;
}
