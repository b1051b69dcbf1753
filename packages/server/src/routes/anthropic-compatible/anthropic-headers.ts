import type { IncomingHttpHeaders } from 'node:http';

/** Client headers an Anthropic upstream needs as sent: the API version and the beta features asked for. */
const FORWARDED = ['anthropic-version', 'anthropic-beta'] as const;

/**
 * The `anthropic-version` and `anthropic-beta` headers a client sent, to pass on to an Anthropic provider
 * (the kind's default version applies when the client named none). No other client header goes upstream.
 */
export function anthropicHeadersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = headers[name];
    if (typeof value === 'string' && value) out[name] = value;
    else if (Array.isArray(value) && value.length) out[name] = value.join(',');
  }
  return out;
}
