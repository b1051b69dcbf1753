import { SwitchboardError } from '@switchboard/core';

/**
 * Headers an error answer carries besides its body: a provider's `retry-after` and rate-limit headers on
 * an upstream error (an `UpstreamError`'s `headers`), so a client's own backoff works through the gateway.
 */
export function errorHeaders(error: unknown): Record<string, string> {
  if (!SwitchboardError.isInstance(error)) return {};
  const headers = (error as { headers?: unknown }).headers;
  if (!headers || typeof headers !== 'object') return {};
  return Object.fromEntries(
    Object.entries(headers as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
