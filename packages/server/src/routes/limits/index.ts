import {
  checkLimitRule,
  LIMIT_NAME_PATTERN,
  limitStatusSchema,
  limitsResponseSchema,
  putLimitBodySchema,
} from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { LimitReadOnlyError } from '../../errors/limit-read-only-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { describeLimits } from '../../limits/describe-limits.js';

const tags = ['limits'];
const nameParams = z.strictObject({
  name: z
    .string()
    .regex(LIMIT_NAME_PATTERN, 'expected a limit name of letters, digits, "_", "." or "-" (at most 64)'),
});

/** `GET /v1/limits`, and the runtime rules: `PUT` / `DELETE /v1/limits/:name` (admins). */
export const limitsRoutes: FastifyPluginAsyncZod = async (app) => {
  const configNames = new Set(Object.keys(app.config.config.limits ?? {}));

  app.get(
    '/v1/limits',
    {
      schema: {
        tags,
        summary: 'Limits and budgets with used and remaining in the current window (calendar, UTC)',
        response: { 200: limitsResponseSchema },
      },
    },
    async (request) => ({
      time_zone: 'UTC' as const,
      limits: await describeLimits(app.limits, {
        userId: request.principal.userId,
        admin: request.principal.role === 'admin',
      }),
    }),
  );

  app.put(
    '/v1/limits/:name',
    {
      schema: {
        tags,
        summary: 'Create or replace a runtime limit (admin); every instance applies it',
        params: nameParams,
        body: putLimitBodySchema,
        response: { 200: limitStatusSchema },
      },
    },
    async (request) => {
      app.assertAdmin(request);
      const { name } = request.params;
      if (configNames.has(name)) throw new LimitReadOnlyError(name);
      const issues = checkLimitRule(request.body, app.registryState.current);
      if (issues.length) {
        const summary = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
        throw new InvalidRequestError(`Invalid limit "${name}": ${summary}`, {
          issues: issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        });
      }
      await app.store.limitRules.put(name, request.body, request.principal.userId);
      await app.limits.reload();
      const [status] = (
        await describeLimits(app.limits, { userId: request.principal.userId, admin: true })
      ).filter((entry) => entry.name === name);
      return status!;
    },
  );

  app.delete(
    '/v1/limits/:name',
    {
      schema: {
        tags,
        summary: 'Delete a runtime limit (admin); config rules are read-only',
        params: nameParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      app.assertAdmin(request);
      const { name } = request.params;
      if (configNames.has(name)) throw new LimitReadOnlyError(name);
      if (!(await app.store.limitRules.delete(name))) {
        throw new NotFoundError(`No runtime limit "${name}". GET /v1/limits lists them.`, { limit: name });
      }
      await app.limits.reload();
      return reply.status(204).send(null);
    },
  );
};
