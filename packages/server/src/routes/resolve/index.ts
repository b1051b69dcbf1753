import { resolutionResponseSchema, resolveQuerySchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `GET /v1/ai/resolve`: which model a call would use, and why. For people and scripts. */
export const resolveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/ai/resolve',
    {
      schema: {
        tags: ['models'],
        summary: 'The model a task resolves to, with the rule that chose it and what was skipped',
        querystring: resolveQuerySchema,
        response: { 200: resolutionResponseSchema },
      },
    },
    async (request) => {
      const { task, model, user } = request.query;
      const userId = user ?? request.principal.userId;
      app.assertCanAccessUser(request, userId);
      const { info: _info, ...resolution } = await app.resolver.resolve(task, { userId, override: model });
      return { ...resolution, user: userId };
    },
  );
};
