import type { ProviderKindModule } from '../providers/provider-kind.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import { ProxyPathError } from './proxy-path-error.js';

export interface ProxyTarget {
  /** The path relative to the endpoint, as matched against the kind's allow-list (`chat/completions`). */
  relative: string;
  /** Path and query to request on the endpoint's origin. */
  path: string;
}

/** Percent-encoded `.`, `/`, `\`: a path that needs them is trying to be read two ways. */
const ENCODED_SEPARATOR = /%(2e|2f|5c)/i;

/**
 * The rest without the part of the endpoint's path it repeats. SDKs whose base URL stops before the version
 * send `v1/messages` where the endpoint already ends in `v1`; an endpoint behind a path prefix
 * (`https://corp.example/llm/anthropic/v1`) ends in the same `v1`, so the longest trailing run of the
 * endpoint's segments that the rest begins with is dropped.
 */
function stripEndpointOverlap(endpointPath: string, rest: string): string {
  const segments = endpointPath ? endpointPath.split('/') : [];
  for (let start = 0; start < segments.length; start++) {
    const tail = segments.slice(start).join('/');
    if (rest.startsWith(`${tail}/`)) return rest.slice(tail.length + 1);
  }
  return rest;
}

/**
 * Maps the rest of `/api/ai/<provider>/<rest>` onto the provider's endpoint. The rest is appended to the
 * endpoint, unless it already begins with (the end of) the endpoint's own path (`v1/messages` for
 * `https://api.anthropic.com/v1`), so SDKs whose base URL stops before `/v1` work too. Refuses traversal
 * (plain or encoded), `//`, backslashes, absolute URLs and anything the kind does not list. The path is
 * checked as received, never decoded, so what is checked is what is sent.
 */
export function resolveProxyPath(
  runtime: ProviderRuntime,
  kind: ProviderKindModule,
  method: string,
  rawRest: string,
): ProxyTarget {
  const queryAt = rawRest.indexOf('?');
  const rest = queryAt === -1 ? rawRest : rawRest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawRest.slice(queryAt + 1);
  const refuse = (reason: string) => {
    throw new ProxyPathError(reason, { provider: runtime.info.name, method, path: rest });
  };

  if (rest.includes('://') || /^[a-z][a-z0-9+.-]*:/i.test(rest)) refuse('absolute URLs are not accepted');
  if (rest.includes('\\') || ENCODED_SEPARATOR.test(rest))
    refuse('encoded or backslash separators are not accepted');
  if (rest.startsWith('/') || rest.includes('//')) refuse('empty path segments ("//") are not accepted');
  if (rest.split('/').some((segment) => segment === '.' || segment === '..'))
    refuse('"." and ".." segments are not accepted');

  const endpointPath = runtime.endpoint.pathname.replace(/^\/+|\/+$/g, '');
  const relative = stripEndpointOverlap(endpointPath, rest);
  const allowed = kind.proxyPaths.some(
    (rule) => rule.methods.includes(method) && rule.pattern.test(relative),
  );
  if (!allowed) {
    refuse(
      `${method} ${relative || '/'} is not an API path of a ${kind.kind} provider that the gateway forwards`,
    );
  }

  let upstreamQuery = query;
  if (query && kind.credentialQueryParams?.length) {
    const params = new URLSearchParams(query);
    for (const name of kind.credentialQueryParams) params.delete(name);
    upstreamQuery = params.toString();
  }
  const path = `/${[endpointPath, relative].filter(Boolean).join('/')}${upstreamQuery ? `?${upstreamQuery}` : ''}`;
  return { relative, path };
}
