import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

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
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: { code: 'rate_limited', message: `Rate limit of ${context.max} requests per ${context.after} exceeded; retry later.`, details: { limit: context.max, retry_after: context.after } },
      }),
    });
  },
  { name: 'switchboard-rate-limit', dependencies: ['switchboard-auth'] },
);
