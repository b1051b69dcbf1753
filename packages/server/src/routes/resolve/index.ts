import { describeProviderUsability, resolutionResponseSchema, resolveQuerySchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/**
 * `GET /v1/ai/resolve`: which model a call would use, and why, and whether that call can work now (`usable`,
 * with the reason when not). For people and scripts.
 */
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
      // The configuration says whether the provider has a key; its last probe says whether it answers.
      // A user's own key stands in for the shared one (and its probe) on their calls.
      const usability = describeProviderUsability(
        app.registryState.current.providers.get(resolution.provider),
        app.health.snapshot()[resolution.provider],
        app.providerKeys.ownKeyProviders(userId).has(resolution.provider),
      );
      const { unusable_reason: _reason, ...rest } = resolution;
      return {
        ...rest,
        user: userId,
        usable: usability.usable,
        ...(usability.reason ? { unusable_reason: usability.reason } : {}),
      };
    },
  );
};
