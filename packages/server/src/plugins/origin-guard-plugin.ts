import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RequestOriginRefusedError } from '../errors/request-origin-refused-error.js';
import { isLoopbackHost } from '../http/is-loopback-host.js';

export interface OriginGuardOptions {
  mode: 'local' | 'token';
  /** `server.allowed_origins`: pages that may call the gateway besides its own; they get CORS answers. */
  allowedOrigins: readonly string[];
}

/** Headers a page on an allowed origin may read from an answer (beyond the CORS-safelisted ones). */
const EXPOSED_HEADERS = [
  'x-request-id',
  'x-switchboard-model',
  'x-switchboard-source',
  'x-switchboard-overhead-ms',
  'x-switchboard-fallback-from',
  'x-switchboard-provider',
  'retry-after',
  'etag',
].join(', ');
/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

/** The host name of a `Host` header, without its port: `[::1]:8787` is `::1`, `localhost:8787` `localhost`. */
export function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1] ?? '';
  const colon = host.lastIndexOf(':');
  return (colon === -1 ? host : host.slice(0, colon)).toLowerCase();
}

/**
 * Whether a `Host` header names this machine: `localhost` and its subdomains (which browsers resolve to
 * loopback themselves, RFC 6761), 127.0.0.0/8 and `[::1]`. A page that rebound its own name to 127.0.0.1
 * still sends that name, so it is refused.
 */
export function isLoopbackName(host: string): boolean {
  const name = hostnameOf(host).replace(/\.$/, '');
  return name.endsWith('.localhost') || isLoopbackHost(name);
}

/** Whether `origin` is the gateway's own, as the page's address bar would show it for this `Host`. */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

function answerPreflight(request: FastifyRequest, reply: FastifyReply): void {
  const method = request.headers['access-control-request-method'];
  const headers = request.headers['access-control-request-headers'];
  reply
    .header('access-control-allow-methods', typeof method === 'string' ? method : 'GET, POST')
    .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_S));
  if (typeof headers === 'string') reply.header('access-control-allow-headers', headers);
  reply.status(204).send();
}

/**
 * Local mode trusts the loopback, not every page the user's browser opens. Before anything else (auth
 * included), on every route and on the WebSocket upgrade, it refuses a request whose `Host` is not a
 * loopback name (DNS rebinding: a foreign page whose name now points at 127.0.0.1) and one whose `Origin`
 * is neither the gateway's own nor in `server.allowed_origins` (a foreign page posting a form, a simple
 * `text/plain` request, opening a WebSocket). Requests without `Origin` (SDKs, curl, the browser's own
 * navigation) pass: a browser sends it on every cross-origin request that could change something.
 *
 * In both modes, the allowed origins get CORS answers (their preflights are answered here, the proxy's
 * included), and no other origin does.
 */
export const originGuardPlugin = fp(
  async (app: FastifyInstance, options: OriginGuardOptions) => {
    const allowed = new Set(options.allowedOrigins.map((origin) => origin.toLowerCase()));
    const local = options.mode === 'local';

    app.addHook('onRequest', (request, reply, done) => {
      const { host, origin } = request.headers;
      if (local && host !== undefined && !isLoopbackName(host)) {
        return done(
          new RequestOriginRefusedError(
            'host_not_allowed',
            `Host "${host}" is not a loopback name: auth.mode local answers only requests addressed to localhost, 127.0.0.1 or [::1], so a web page whose name was pointed at this machine (DNS rebinding) is refused. Use auth.mode token to serve other names.`,
            { host },
          ),
        );
      }
      if (origin === undefined) return done();
      if (allowed.has(origin.toLowerCase())) {
        reply.header('access-control-allow-origin', origin).header('vary', 'origin');
        reply.header('access-control-expose-headers', EXPOSED_HEADERS);
        if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
          return answerPreflight(request, reply);
        }
        return done();
      }
      if (local && !isSameOrigin(origin, host)) {
        return done(
          new RequestOriginRefusedError(
            'origin_not_allowed',
            `Origin "${origin}" is not this gateway's own: in auth.mode local, pages of other origins may not call it (a foreign page could spend your keys or change your settings). Add the origin to server.allowed_origins if it is yours.`,
            { origin },
          ),
        );
      }
      done();
    });
  },
  { name: 'switchboard-origin-guard' },
);
