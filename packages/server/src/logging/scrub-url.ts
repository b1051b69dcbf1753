import { REDACTED } from '../security/key-redactor.js';

/**
 * Query parameters that carry a secret on some client: a Switchboard token (`token`, `access_token`) or a
 * provider key the way Google's SDKs send it (`key`). Their values never reach a log line.
 */
export const SECRET_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'token',
  'access_token',
  'key',
  'api_key',
  'apikey',
]);

/** A request URL with the values of secret query parameters replaced by `[redacted]`; other URLs as they are. */
export function scrubUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const query = url.slice(queryAt + 1);
  let changed = false;
  const parts = query.split('&').map((part) => {
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {}
    if (equals === -1 || !SECRET_QUERY_PARAMS.has(decoded.toLowerCase())) return part;
    changed = true;
    return `${name}=${REDACTED}`;
  });
  return changed ? `${url.slice(0, queryAt)}?${parts.join('&')}` : url;
}
