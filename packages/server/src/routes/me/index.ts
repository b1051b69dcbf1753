import { meResponseSchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `GET /v1/me`: the caller's user and role, so a page knows whose preferences to show and what to offer. */
export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const mode = app.config.config.auth?.mode ?? 'local';
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who the server takes the caller for: user, role and the auth mode',
        response: { 200: meResponseSchema },
      },
    },
    async (request) => ({ user: request.principal.userId, role: request.principal.role, auth_mode: mode }),
  );
};
