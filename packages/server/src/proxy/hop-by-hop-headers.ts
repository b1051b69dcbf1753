/**
 * Connection-specific headers a proxy must not forward (RFC 9110 §7.6.1), plus the ones RFC 7230 named
 * and proxies still meet. Headers listed in `Connection` are hop-by-hop too; see `connectionHeaders`.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The header names a `Connection` header declares hop-by-hop (`Connection: close, x-foo`). */
export function connectionHeaders(connection: string | string[] | undefined): Set<string> {
  const names = new Set<string>();
  for (const value of Array.isArray(connection) ? connection : connection ? [connection] : []) {
    for (const name of value.split(',')) {
      const trimmed = name.trim().toLowerCase();
      if (trimmed) names.add(trimmed);
    }
  }
  return names;
}
