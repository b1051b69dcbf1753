import { recentCallsQuerySchema, recentCallsResponseSchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Calls the list shows when the query names no `limit`. */
const DEFAULT_RECENT_CALLS = 20;

/** The link to a trace in the viewer the config names, `{trace_id}` replaced. */
function traceUrl(template: string | undefined, traceId: string | null): string | null {
  return template && traceId ? template.replaceAll('{trace_id}', encodeURIComponent(traceId)) : null;
}

/** `GET /v1/usage/calls`: the latest calls, newest first, each with its trace ID when tracing was on. */
export const recentCallsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/usage/calls',
    {
      schema: {
        tags: ['usage'],
        summary: 'The latest calls, newest first, with status, cost and the trace ID when tracing was on',
        querystring: recentCallsQuerySchema,
        response: { 200: recentCallsResponseSchema },
      },
    },
    async (request) => {
      const { user } = request.query;
      const isAdmin = request.principal.role === 'admin';
      if (!isAdmin && user) app.assertCanAccessUser(request, user);
      const userId = isAdmin ? user : request.principal.userId;
      // Reads what was buffered too: a call answered a moment ago shows up.
      await app.store.usage.flush();
      const rows = await app.store.usage.recentCalls({
        userId,
        limit: request.query.limit ?? DEFAULT_RECENT_CALLS,
      });
      const template = app.config.config.telemetry?.trace_url_template;
      return {
        calls: rows.map((row) => ({
          time: row.time,
          request_id: row.requestId,
          user: row.userId,
          task: row.task,
          model: row.modelId,
          endpoint: row.endpoint,
          status: row.status,
          error_code: row.errorCode,
          input_tokens: row.inputTokens,
          output_tokens: row.outputTokens,
          cost_usd: row.costUsd,
          latency_ms: row.latencyMs,
          trace_id: row.traceId,
          key: row.keyLabel,
          trace_url: traceUrl(template, row.traceId),
        })),
      };
    },
  );
};
