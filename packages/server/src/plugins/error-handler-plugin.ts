import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorHeaders } from '../errors/error-headers.js';
import { toErrorBody } from '../errors/to-error-body.js';

/** One error handler and one not-found handler for the whole app. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = toErrorBody(error, request.id);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.error.code, status }, 'request refused');
      return reply.status(status).headers(errorHeaders(error)).send(body);
    });
    app.setNotFoundHandler((request, reply) => {
      reply.status(404).send({
        error: {
          code: 'not_found',
          message: `No route ${request.method} ${request.url.split('?')[0]}. The API is described at /openapi.json.`,
          details: {},
        },
      });
    });
  },
  { name: 'switchboard-error-handler' },
);
