import { type UsageGroup, usageQuerySchema, usageResponseSchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recentCallsRoutes } from './recent-calls.js';
import { unpricedModelsRoutes } from './unpriced-models.js';

/** `GET /v1/usage`: tokens, cost and calls grouped by task, model, user and day; `/v1/usage/calls` the latest calls. */
export const usageRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(recentCallsRoutes);
  await app.register(unpricedModelsRoutes);
  app.get(
    '/v1/usage',
    {
      schema: {
        tags: ['usage'],
        summary:
          'Tokens, cost and calls by task, model, user and day (unpriced calls counted apart, never as $0)',
        querystring: usageQuerySchema,
        response: { 200: usageResponseSchema },
      },
    },
    async (request) => {
      const { from, to, user } = request.query;
      const groupBy = (request.query.group_by?.split(',') ?? ['task', 'model']) as UsageGroup[];
      const isAdmin = request.principal.role === 'admin';
      const userId = isAdmin ? user : request.principal.userId;
      if (!isAdmin && user) app.assertCanAccessUser(request, user);
      // Reads what was buffered too: a call answered a moment ago shows up.
      await app.store.usage.flush();
      const query = { from, to, userId };
      const [rows, totals] = await Promise.all([
        app.store.usage.summarize({ ...query, groupBy }),
        app.store.usage.summarize(query),
      ]);
      // An aggregate without GROUP BY always answers exactly one row (zeros when nothing matched).
      return { group_by: groupBy, rows, totals: totals[0]! };
    },
  );
};
