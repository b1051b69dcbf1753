/**
 * The shape of one wire format's module: how it reads the caller's key, what its errors look like, and
 * how it answers. `providers.ts` maps each kind to its module; nothing else switches on the kind.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { MockContext } from './context.js';

/** An error to answer in a kind's own error body. */
export interface MockErrorInfo {
  status: number;
  message: string;
  /** A provider error code (`invalid_api_key`, `rate_limit_exceeded`), where the format has one. */
  code?: string;
  /** The request field at fault (OpenAI's `param`). */
  param?: string;
  /** Seconds the client should wait (Gemini puts it in the body as `RetryInfo`). */
  retryAfter?: number;
}

/** What rate-limit headers report: requests the kind answered so far, and whether this one is refused. */
export interface RateLimitState {
  served: number;
  limited: boolean;
}

/** Requests per minute the mock's rate-limit headers announce. */
export const MOCK_REQUESTS_LIMIT = 10_000;
/** Tokens per minute the mock's rate-limit headers announce. */
export const MOCK_TOKENS_LIMIT = 30_000_000;

/** One wire format of the mock. */
export interface KindModule {
  /** The caller's API key, from the header (or query parameter) the real API reads it from. */
  readApiKey(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined;
  /** The 401 message (and code) the real API gives for a missing or wrong key. */
  authError(key: string | undefined): { message: string; code?: string };
  /** The kind's error body for `error`. */
  errorBody(error: MockErrorInfo): unknown;
  /** The kind's rate-limit headers (OpenAI `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*`), if any. */
  rateLimitHeaders?(state: RateLimitState): OutgoingHttpHeaders;
  /**
   * Answers one request that passed auth and faults; unknown routes answer 404 in the kind's shape.
   * A `MockRequestError` (`request-error.ts`) thrown here is answered in the kind's error shape.
   */
  handle(ctx: MockContext): void;
}

/** The bearer token of an `Authorization: Bearer <token>` header. */
export function readBearer(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(value);
  return match?.[1]?.trim() || undefined;
}

/** Shows a key the way providers do in errors: only its ends, never the whole secret. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}****${key.slice(-4)}`;
}
