import { APICallError } from '@ai-sdk/provider';
import { SwitchboardError } from '@switchboard/core';
import { ClientClosedError } from '../errors/client-closed-error.js';
import { UpstreamError } from '../errors/upstream-error.js';
import type { ProviderKindModule } from '../providers/provider-kind.js';
import { mapUpstreamError } from '../proxy/map-upstream-error.js';
import { passOnHeaders } from './surfaces/shared/pass-on-headers.js';

/** The provider's own error message, read by its kind from the body, else the SDK's. */
function providerMessage(error: APICallError, kind: ErrorReader | undefined): string {
  let body: unknown;
  try {
    body = JSON.parse(error.responseBody ?? '');
  } catch {}
  return (body === undefined ? undefined : kind?.readErrorMessage(body)) ?? error.message.slice(0, 500);
}

/** The part of a kind that reads its error bodies. */
type ErrorReader = Pick<ProviderKindModule, 'readErrorMessage'>;

/**
 * The code for an error status a provider answered, saying whose fix it is: a 429 is a rate limit, a 401 or
 * 403 the server's key, another 4xx the request, anything else the provider.
 */
export function codeForUpstreamStatus(status: number): ConstructorParameters<typeof UpstreamError>[0] {
  if (status === 429) return 'upstream_rate_limited';
  if (status === 401 || status === 403) return 'upstream_unauthorized';
  if (status >= 400 && status < 500) return 'upstream_rejected';
  return 'upstream_error';
}

/**
 * Turns what an AI SDK call (or a passthrough request) threw into the error the caller gets, saying whose
 * fix it is; `kind` reads the provider's message from its error body.
 */
export function mapCallError(error: unknown, provider: string, kind?: ErrorReader): SwitchboardError {
  if (SwitchboardError.isInstance(error)) return error;
  // The AI SDK wraps what failed while it read an answer ("Failed to process successful response"): an
  // answer past `max_response_bytes`, a redirect refused. Those errors are ours and say it better.
  if (SwitchboardError.isInstance((error as { cause?: unknown } | null)?.cause)) {
    return (error as { cause: SwitchboardError }).cause;
  }
  // Our own abort, when the client went away (a timeout is a `TimeoutError`, an undici timeout has a code).
  if ((error as { name?: string } | null)?.name === 'AbortError') return new ClientClosedError(provider);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) return mapUpstreamError(error.cause ?? error, provider);
    const code = codeForUpstreamStatus(status);
    const retryAfter = code === 'upstream_rate_limited' ? error.responseHeaders?.['retry-after'] : undefined;
    const headers = passOnHeaders(error.responseHeaders);
    return new UpstreamError(code, provider, status, providerMessage(error, kind), retryAfter, headers);
  }
  const cause = (error as { cause?: unknown }).cause;
  if ((error as { code?: string }).code || (cause as { code?: string } | undefined)?.code) {
    return mapUpstreamError(error, provider);
  }
  return new UpstreamError('upstream_error', provider, undefined, (error as Error)?.message ?? String(error));
}

/** Errors worth trying a fallback for: the provider was down, slow, overloaded or not configured here. */
export function isRetryableCallError(error: SwitchboardError): boolean {
  return [
    'upstream_unreachable',
    'upstream_timeout',
    'upstream_rate_limited',
    'upstream_error',
    'upstream_unconfigured',
  ].includes(error.code);
}
