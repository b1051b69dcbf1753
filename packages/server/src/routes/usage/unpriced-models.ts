import { unpricedModelsResponseSchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * `GET /v1/usage/unpriced`: models that served calls whose cost is unknown and that the registry still
 * cannot price (a price set since, by config or a catalogue import, takes a model off the list). An admin
 * sees everyone's calls, a user their own.
 */
export const unpricedModelsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/usage/unpriced',
    {
      schema: {
        tags: ['usage'],
        summary: 'Models that served calls with no known price, and still have none',
        querystring: z.strictObject({ user: z.string().min(1).optional() }),
        response: { 200: unpricedModelsResponseSchema },
      },
    },
    async (request) => {
      const { user } = request.query;
      const isAdmin = request.principal.role === 'admin';
      if (!isAdmin && user) app.assertCanAccessUser(request, user);
      const userId = isAdmin ? user : request.principal.userId;
      await app.store.usage.flush();
      const rows = await app.store.usage.unpricedModels({ userId });
      const registry = app.registryState.current;
      return {
        models: rows.flatMap((row) => {
          const info = registry.models.get(row.modelId);
          if (info?.cost) return [];
          return [
            {
              model: row.modelId,
              calls: row.calls,
              last_call_at: row.lastCallAt,
              registered: Boolean(info?.registered),
            },
          ];
        }),
      };
    },
  );
};
