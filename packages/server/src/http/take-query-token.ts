import type { IncomingMessage } from 'node:http';

/** Where `takeQueryToken` leaves a token it took from the URL, for the auth plugin. */
export const QUERY_TOKEN = Symbol.for('switchboard.queryToken');

/**
 * The only paths that accept `?token=<token>`: a browser cannot set headers on a WebSocket, so the chat
 * socket also takes its token from the URL. Everywhere else a token in the URL is ignored.
 */
export const QUERY_TOKEN_PATHS: ReadonlySet<string> = new Set(['/v1/ws/chat']);

/** An incoming request that may carry a token taken from its URL. */
export type RequestWithQueryToken = IncomingMessage & { [QUERY_TOKEN]?: string };

/**
 * Fastify's `rewriteUrl`: on `QUERY_TOKEN_PATHS`, moves `token` out of the URL onto the request, so the
 * auth plugin can read it and the secret never reaches a log line (Fastify logs the rewritten URL). Any
 * other URL is returned as it is.
 */
export function takeQueryToken(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  if (queryAt === -1 || !QUERY_TOKEN_PATHS.has(url.slice(0, queryAt))) return url;
  const params = new URLSearchParams(url.slice(queryAt + 1));
  const token = params.get('token');
  if (token === null) return url;
  params.delete('token');
  (req as RequestWithQueryToken)[QUERY_TOKEN] = token;
  const rest = params.toString();
  return rest ? `${url.slice(0, queryAt)}?${rest}` : url.slice(0, queryAt);
}
