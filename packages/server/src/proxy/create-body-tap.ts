import { Transform } from 'node:stream';

/** How much of a request body the proxy keeps to read its `model` from. */
export const BODY_COPY_BYTES = 1024 * 1024;

/** A pass-through that keeps a copy of the first bytes of what flows through it. */
export interface BodyTap extends Transform {
  /** The first `keep` bytes seen so far, decoded. */
  head(): string;
}

/**
 * Passes a request body on chunk by chunk, untouched and undelayed (each chunk is pushed before it is
 * copied), keeping a copy of its first `keep` bytes: enough to find the `model` of any JSON request
 * without holding a large upload in memory.
 */
export function createBodyTap(keep: number = BODY_COPY_BYTES): BodyTap {
  const kept: Buffer[] = [];
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk);
      if (size >= keep) return;
      const part = size + chunk.length > keep ? chunk.subarray(0, keep - size) : chunk;
      kept.push(part);
      size += part.length;
    },
  }) as BodyTap;
  tap.head = () => Buffer.concat(kept).toString('utf8');
  return tap;
}
