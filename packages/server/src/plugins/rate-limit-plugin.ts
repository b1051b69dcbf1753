import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { RateLimitedError } from '../errors/rate-limited-error.js';

/** Token mode's limit when the config sets none: generous for apps, a brake on a runaway loop. */
export const DEFAULT_TOKEN_RATE_LIMIT = { max: 1_200, time_window_ms: 60_000 };

export interface RateLimitPluginOptions {
  /** `auth.rate_limit`; in local mode there is no limit unless the config sets one. */
  limit: { max: number; time_window_ms?: number | undefined } | undefined;
}

/** Requests per window per token (per address in local mode), after auth so the token is known. */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance, options: RateLimitPluginOptions) => {
    if (!options.limit) return;
    await app.register(fastifyRateLimit, {
      global: true,
      hook: 'preHandler',
      max: options.limit.max,
      timeWindow: options.limit.time_window_ms ?? 60_000,
      allowList: (request) => Boolean(request.routeOptions.config?.public),
      keyGenerator: (request) => request.principal?.tokenId ?? request.ip,
      // Thrown by the plugin, so it must be an error the error handler knows (a plain object lost its message).
      errorResponseBuilder: (_request, context) => new RateLimitedError(context.max, context.after),
    });
  },
  { name: 'switchboard-rate-limit', dependencies: ['switchboard-auth'] },
);
