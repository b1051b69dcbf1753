import { SwitchboardError } from '@switchboard/core';
import { APICallError } from 'ai';
import { UpstreamError } from '../errors/upstream-error.js';
import { mapUpstreamError } from '../proxy/map-upstream-error.js';

/** The provider's own error message, if its body has one (OpenAI, Anthropic, Gemini and Ollama shapes). */
function providerMessage(error: APICallError): string {
  try {
    const body = JSON.parse(error.responseBody ?? '') as { error?: { message?: string } | string; message?: string };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (message) return message.slice(0, 500);
  } catch {}
  return error.message.slice(0, 500);
}

/** Turns what an AI SDK call threw into the error the caller gets, saying whose fix it is. */
export function mapCallError(error: unknown, provider: string): SwitchboardError {
  if (SwitchboardError.isInstance(error)) return error;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const detail = providerMessage(error);
    if (status === 429) {
      return new UpstreamError('upstream_rate_limited', provider, status, detail, error.responseHeaders?.['retry-after']);
    }
    if (status === 401 || status === 403) return new UpstreamError('upstream_unauthorized', provider, status, detail);
    if (status !== undefined && status >= 400 && status < 500) {
      return new UpstreamError('upstream_rejected', provider, status, detail);
    }
    if (status !== undefined) return new UpstreamError('upstream_error', provider, status, detail);
    return mapUpstreamError(error.cause ?? error, provider);
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
