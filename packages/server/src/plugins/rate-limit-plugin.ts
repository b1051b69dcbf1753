import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { RateLimitedError } from '../errors/rate-limited-error.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Counts one more call by this request's caller against `auth.rate_limit`, for calls that are not
     * requests of their own (each chat on a WebSocket): throws 429 `rate_limited` past the limit. A no-op
     * when no limit is configured.
     */
    consumeRateLimit(request: FastifyRequest): Promise<void>;
  }
}

/** Token mode's limit when the config sets none: generous for apps, a brake on a runaway loop. */
export const DEFAULT_TOKEN_RATE_LIMIT = { max: 1_200, time_window_ms: 60_000 };

export interface RateLimitPluginOptions {
  /** `auth.rate_limit`; in local mode there is no limit unless the config sets one. */
  limit: { max: number; time_window_ms?: number | undefined } | undefined;
}

/** Requests per window per token (per address in local mode), after auth so the token is known. */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitPluginOptions) => {
    const limit = options.limit;
    if (!limit) {
      app.decorate('consumeRateLimit', async () => {});
      return;
    }
    await app.register(fastifyRateLimit, {
      global: true,
      hook: 'preHandler',
      max: limit.max,
      timeWindow: limit.time_window_ms ?? 60_000,
      allowList: (request) => Boolean(request.routeOptions.config?.public),
      keyGenerator: (request) => request.principal?.tokenId ?? request.ip,
      // Thrown by the plugin, so it must be an error the error handler knows (a plain object lost its message).
      errorResponseBuilder: (_request, context) => new RateLimitedError(context.max, context.after),
    });
    // The plugin's own counter and key (the token, else the address), so a socket's chats and the same
    // caller's HTTP requests share one budget.
    const check = app.createRateLimit();
    // One check at a time: the plugin's in-memory store answers a live counter object, so checks started in
    // the same tick (a burst of chats on one socket) would all read the count after the last increment.
    let queue: Promise<unknown> = Promise.resolve();
    app.decorate('consumeRateLimit', async (request: FastifyRequest) => {
      const checked = queue.then(() => check(request));
      queue = checked.catch(() => {});
      const result = await checked;
      if (!result.isAllowed && result.isExceeded) {
        throw new RateLimitedError(result.max, `${result.ttlInSeconds} seconds`, result.ttlInSeconds);
      }
    });
  },
  { name: 'switchboard-rate-limit', dependencies: ['switchboard-auth'] },
);
