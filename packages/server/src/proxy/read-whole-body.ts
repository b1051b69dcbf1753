import type { IncomingMessage } from 'node:http';

/**
 * A request body of declared length up to this size is read whole before it is forwarded; a larger or
 * chunked one streams through a body tap. The tap keeps this much of any body anyway (to read `model`),
 * so reading it whole costs no more memory. It costs time only on a body the client sends slowly, and a
 * chat request arrives in one or a few packets.
 *
 * Why not stream these too: handing undici the request stream (or a tap piped from it) behind Fastify
 * kept every request's objects alive into the next scavenge: at concurrency 1, 98 % of what survived
 * a scavenge survived the next one too, 2.6 MB promoted per scavenge, 7-9 ms pauses. Forwarding a
 * buffer, the same run promotes 3-140 KB per scavenge and each takes 1-2 ms (README.md, "Benchmarks").
 */
export const WHOLE_BODY_MAX_BYTES = 1024 * 1024;

/** A request body read whole: what the proxy forwards, and its text for reading `model`. */
export interface WholeBody {
  readonly bytes: Buffer;
  /** The body decoded (computed once, on first use). */
  head(): string;
  /** Resolves with the whole text: the head is complete already. Same shape as a body tap's. */
  waitForHead(done: (head: string) => boolean): Promise<string>;
}

/** Thrown when the client goes away before its body arrived. */
export class BodyAbortedError extends Error {
  constructor() {
    super('the client closed the connection before its body arrived');
    this.name = 'BodyAbortedError';
  }
}

/** Wraps bytes already read. */
export function createWholeBody(bytes: Buffer): WholeBody {
  let text: string | undefined;
  const head = () => {
    text ??= bytes.toString('utf8');
    return text;
  };
  return { bytes, head, waitForHead: () => Promise.resolve(head()) };
}

/**
 * Reads a body of `declared` bytes (Node's parser holds the stream to that length). Rejects with
 * `BodyAbortedError` when the client leaves first.
 */
export function readWholeBody(request: IncomingMessage, declared: number): Promise<WholeBody> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.allocUnsafe(declared);
    let size = 0;
    const onData = (chunk: Buffer) => {
      // Node's parser never passes more than the declared length; the guard keeps the copy in bounds anyway.
      size += chunk.copy(bytes, size);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onFail);
      request.off('close', onClose);
    };
    const onEnd = () => {
      cleanup();
      resolve(createWholeBody(size === declared ? bytes : bytes.subarray(0, size)));
    };
    const onFail = () => {
      cleanup();
      reject(new BodyAbortedError());
    };
    const onClose = () => {
      if (!request.complete) onFail();
    };
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onFail);
    request.once('close', onClose);
  });
}
