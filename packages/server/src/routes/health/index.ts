import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const tags = ['operations'];

/** Liveness, readiness (the database answers) and Prometheus metrics; public, no auth. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Readiness: the database answers',
        response: {
          200: z.object({ status: z.literal('ready'), storage: z.string() }),
          503: z.object({ status: z.literal('unavailable'), storage: z.string(), error: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await app.store.ping();
        return { status: 'ready' as const, storage: app.store.dialect };
      } catch (error) {
        return reply.status(503).send({
          status: 'unavailable' as const,
          storage: app.store.dialect,
          error: (error as Error).message,
        });
      }
    },
  );

  app.get(
    '/metrics',
    { config: { public: true }, schema: { tags, summary: 'Prometheus metrics (text exposition format)' } },
    async (_request, reply) => reply.type(app.metrics.contentType).send(await app.metrics.metrics()),
  );
};
