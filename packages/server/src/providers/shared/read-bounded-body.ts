import type { Readable } from 'node:stream';
import { UpstreamResponseTooLargeError } from '../../errors/upstream-response-too-large-error.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import { discardBody } from './discard-body.js';

/**
 * Reads an upstream body into memory, at most `limit` bytes (default the runtime's `maxResponseBytes`).
 * Past it, the body is dropped (which closes the upstream connection) and `UpstreamResponseTooLargeError`
 * thrown, so an endless answer costs the gateway `limit` bytes, not its memory. A declared
 * `content-length` past the limit fails before a byte is read.
 */
export async function readBoundedText(
  runtime: Pick<ProviderRuntime, 'info' | 'maxResponseBytes'>,
  body: Readable,
  options: {
    limit?: number;
    declaredLength?: string | string[] | undefined;
    /** Answer the first `limit` bytes instead of failing (for error bodies, read only for their message). */
    truncate?: boolean;
  } = {},
): Promise<string> {
  const limit = options.limit ?? runtime.maxResponseBytes;
  const declared = Number(options.declaredLength);
  if (!options.truncate && Number.isFinite(declared) && declared > limit) {
    discardBody(body);
    throw new UpstreamResponseTooLargeError(runtime.info.name, limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > limit && options.truncate) {
        chunks.push((chunk as Buffer).subarray(0, (chunk as Buffer).length - (size - limit)));
        discardBody(body);
        break;
      }
      if (size > limit) {
        discardBody(body);
        throw new UpstreamResponseTooLargeError(runtime.info.name, limit);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    discardBody(body);
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The same bound for a web `Response` (what the AI SDK's fetch answers): its body is a stream that errors
 * with `UpstreamResponseTooLargeError` once it passes `limit` bytes, and the upstream read is cancelled.
 * Event streams are left alone: they are read as they arrive, never held whole.
 */
export function limitResponseBody(response: Response, limit: number, provider: string): Response {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || type.includes('text/event-stream')) return response;
  const declared = Number(response.headers.get('content-length'));
  let size = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        if (Number.isFinite(declared) && declared > limit) {
          controller.error(new UpstreamResponseTooLargeError(provider, limit));
        }
      },
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new UpstreamResponseTooLargeError(provider, limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
