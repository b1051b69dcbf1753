import type { FastifyRequest } from 'fastify';

/** What a dollar reservation is computed from, before the call. */
export interface CallEstimate {
  /** The prompt's size in bytes: an upper bound on its tokens. */
  inputBytes: number;
  /** The output bound the request set, if any. */
  maxOutputTokens: number | undefined;
}

const OUTPUT_BOUND_FIELDS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens'] as const;

/** The request's output bound under any surface's name for it (Chat Completions, Messages, Responses). */
export function readOutputBound(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  for (const field of OUTPUT_BOUND_FIELDS) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}

/**
 * The estimate of an HTTP request whose body is the prompt: its declared length (the bytes that came in),
 * else the size of the parsed body, and its output bound.
 */
export function estimateRequest(request: FastifyRequest): CallEstimate {
  const declared = Number(request.headers['content-length']);
  const inputBytes =
    Number.isFinite(declared) && declared > 0
      ? declared
      : request.body === undefined
        ? 0
        : Buffer.byteLength(JSON.stringify(request.body));
  return { inputBytes, maxOutputTokens: readOutputBound(request.body) };
}
