import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const GROUPS = ['task', 'model', 'user', 'day'] as const;

export const usageQuerySchema = z.strictObject({
  /** Inclusive, ISO date or time. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Exclusive, ISO date or time. */
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Comma-separated: task, model, user, day. Default `task,model`. */
  group_by: z
    .string()
    .regex(/^(task|model|user|day)(,(task|model|user|day))*$/, 'expected a comma-separated list of task, model, user, day')
    .optional(),
  /** Admins may ask for anyone; users see only their own usage. */
  user: z.string().min(1).optional(),
});

export const usageRowSchema = z.object({
  task: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  user: z.string().nullable().optional(),
  day: z.string().optional(),
  calls: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cached_input_tokens: z.number(),
  reasoning_tokens: z.number(),
  cost_usd: z.number().nullable(),
  unpriced_calls: z.number(),
});

export const usageResponseSchema = z.object({
  group_by: z.array(z.enum(GROUPS)),
  rows: z.array(usageRowSchema),
  totals: usageRowSchema,
});

/** `GET /v1/usage`: tokens, cost and calls grouped by task, model, user and day. */
export const usageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/usage',
    {
      schema: {
        tags: ['usage'],
        summary: 'Tokens, cost and calls by task, model, user and day (unpriced calls counted apart, never as $0)',
        querystring: usageQuerySchema,
        response: { 200: usageResponseSchema },
      },
    },
    async (request) => {
      const { from, to, user } = request.query;
      const groupBy = (request.query.group_by?.split(',') ?? ['task', 'model']) as Array<(typeof GROUPS)[number]>;
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
      const empty = {
        calls: 0,
        input_tokens: 0,
        output_tokens: 0,
        cached_input_tokens: 0,
        reasoning_tokens: 0,
        cost_usd: null,
        unpriced_calls: 0,
      };
      return { group_by: groupBy, rows, totals: totals[0] ?? empty };
    },
  );
};
