import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { CREDENTIAL_HEADERS } from '../providers/credential-headers.js';
import type { ProviderKindModule } from '../providers/provider-kind.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import { createUpstreamHeaders } from '../providers/shared/create-upstream-headers.js';
import { connectionHeaders, HOP_BY_HOP_HEADERS } from './hop-by-hop-headers.js';

/**
 * Request headers never forwarded: the caller's credentials in any kind's header (their Switchboard token
 * or an SDK's dummy key), the host and anything that would let a client steer the upstream address or
 * claim an identity.
 */
const REQUEST_HEADERS_DROPPED: ReadonlySet<string> = new Set([
  ...CREDENTIAL_HEADERS.map((credential) => credential.header),
  'host',
  'cookie',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'x-forwarded-server',
  'x-forwarded-prefix',
  'x-forwarded-uri',
  'x-forwarded-path',
  'x-forwarded-scheme',
  'x-forwarded-ssl',
  'x-original-forwarded-for',
  'x-client-ip',
  'x-cluster-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'via',
  // Headers that some frameworks and edges honour to route or re-dispatch a request: a client must not
  // steer the upstream's path or method past the proxy's allow-list with them.
  'x-original-url',
  'x-rewrite-url',
  'x-original-uri',
  'x-original-host',
  'x-host',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'expect',
  // Identity, so usage can be read from answers; providers compress little of what they stream.
  'accept-encoding',
]);

/** Response headers not passed back: hop-by-hop ones, and cookies a provider's edge sets for itself. */
const RESPONSE_HEADERS_DROPPED: ReadonlySet<string> = new Set(['set-cookie', 'alt-svc']);

/** The headers sent upstream: the client's, minus the dropped ones, plus the config's and the provider key. */
export function forwardRequestHeaders(
  incoming: IncomingHttpHeaders,
  runtime: ProviderRuntime,
  kind: ProviderKindModule,
): Record<string, string | string[]> {
  const hop = connectionHeaders(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (
      value === undefined ||
      HOP_BY_HOP_HEADERS.has(name) ||
      REQUEST_HEADERS_DROPPED.has(name) ||
      hop.has(name)
    ) {
      continue;
    }
    out[name] = value;
  }
  return createUpstreamHeaders(runtime, kind, { from: out, set: { 'accept-encoding': 'identity' } });
}

/**
 * The headers passed back to the client: the upstream's, minus hop-by-hop ones, cookies and CORS headers
 * (CORS is the gateway's to grant, by its origin guard, never the provider's).
 */
export function forwardResponseHeaders(
  incoming: Record<string, string | string[] | undefined>,
): OutgoingHttpHeaders {
  const hop = connectionHeaders(incoming.connection);
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (
      value === undefined ||
      HOP_BY_HOP_HEADERS.has(name) ||
      RESPONSE_HEADERS_DROPPED.has(name) ||
      hop.has(name) ||
      name.startsWith('access-control-')
    ) {
      continue;
    }
    out[name] = value;
  }
  return out;
}
