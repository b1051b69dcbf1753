import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { UnauthorizedError } from '../errors/unauthorized-error.js';
import { QUERY_TOKEN, type RequestWithQueryToken } from '../http/take-query-token.js';
import { CREDENTIAL_HEADERS } from '../providers/credential-headers.js';

/** Who is calling. In local mode, always the one admin `local`. */
export interface Principal {
  userId: string;
  role: 'user' | 'admin';
  /** The token's ID in token mode: the rate limit and the logs key on it (never on the secret). */
  tokenId?: string | undefined;
}

/** Resolves a presented secret to its principal; the store's token repository in production. */
export type TokenVerifier = (secret: string) => Promise<Principal | undefined>;

export interface AuthPluginOptions {
  mode: 'local' | 'token';
  verifyToken: TokenVerifier;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth plugin before any handler of a non-public route runs. */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Routes that answer without auth: health, readiness, metrics, OpenAPI, the web pages' files. */
    public?: boolean;
  }
  interface FastifyInstance {
    /** Throws 403 unless the caller is `userId` or an admin. */
    assertCanAccessUser(request: FastifyRequest, userId: string): void;
    /** Throws 403 unless the caller is an admin. */
    assertAdmin(request: FastifyRequest): void;
    /**
     * Checks a long-lived request's credentials again (a WebSocket's, whose token may have been revoked
     * since the upgrade): its principal, or undefined when the token no longer verifies.
     */
    reverifyPrincipal(request: FastifyRequest): Promise<Principal | undefined>;
  }
}

export const LOCAL_PRINCIPAL: Principal = Object.freeze({ userId: 'local', role: 'admin' as const });

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * Where a client may present its Switchboard token. SDKs pointed at the proxy put their "API key" in their
 * own provider's header, so every kind's credential header is read (the first one present decides, with
 * its scheme: `Bearer <token>`); none of them is ever forwarded upstream. On the WebSocket chat only, a
 * `?token=` a browser had to put in the URL counts too (see `takeQueryToken`).
 */
export function readPresentedToken(request: FastifyRequest): string | undefined {
  for (const { header, scheme } of CREDENTIAL_HEADERS) {
    const raw = request.headers[header];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value) continue;
    if (!scheme) return value;
    const [name = '', ...rest] = value.trim().split(/\s+/);
    return name.toLowerCase() === scheme.toLowerCase() && rest.length ? rest.join(' ') : undefined;
  }
  return (request.raw as RequestWithQueryToken)[QUERY_TOKEN];
}

/** Authenticates every non-public request; `local` mode trusts loopback callers only. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthPluginOptions) => {
    app.decorateRequest('principal', null as unknown as Principal);

    // Callback-style, not async: this runs on every request (the proxy included), and local mode needs no
    // promise at all.
    app.addHook('onRequest', (request, _reply, done) => {
      if (request.routeOptions.config?.public) return done();
      if (options.mode === 'local') {
        // The server binds to loopback in this mode; this refuses anything that still got through.
        if (!isLoopbackAddress(request.socket.remoteAddress)) {
          return done(
            new ForbiddenError('auth.mode local accepts loopback callers only; use auth.mode token.'),
          );
        }
        request.principal = LOCAL_PRINCIPAL;
        return done();
      }
      const secret = readPresentedToken(request);
      if (!secret) {
        return done(
          new UnauthorizedError(
            'Missing token: send "Authorization: Bearer <token>" (create one with "switchboard tokens create --user <id>").',
          ),
        );
      }
      options.verifyToken(secret).then((principal) => {
        if (!principal) return done(new UnauthorizedError('Unknown or revoked token.'));
        request.principal = principal;
        done();
      }, done);
    });

    app.decorate('reverifyPrincipal', async (request: FastifyRequest) => {
      if (options.mode === 'local') return LOCAL_PRINCIPAL;
      // The same secret the upgrade presented: its headers (or `?token=`) stay on the request.
      const secret = readPresentedToken(request);
      return secret ? options.verifyToken(secret) : undefined;
    });

    app.decorate('assertCanAccessUser', (request: FastifyRequest, userId: string) => {
      const { principal } = request;
      if (principal.role === 'admin' || principal.userId === userId) return;
      throw new ForbiddenError(
        `You may read and change only your own preferences (you are "${principal.userId}").`,
        {
          user: principal.userId,
          requested_user: userId,
        },
      );
    });
    app.decorate('assertAdmin', (request: FastifyRequest) => {
      if (request.principal.role !== 'admin') {
        throw new ForbiddenError(
          'This needs an admin token (switchboard tokens create --user <id> --admin).',
        );
      }
    });
  },
  { name: 'switchboard-auth' },
);
