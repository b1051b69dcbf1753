import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorHeaders } from '../errors/error-headers.js';
import { toErrorBody } from '../errors/to-error-body.js';

/** The `Retry-After` an error carries: a provider's own (`UpstreamError.retryAfter`) or our window's. */
function retryAfterOf(error: unknown): string | undefined {
  const { retryAfter, retryAfterSeconds } = (error ?? {}) as {
    retryAfter?: unknown;
    retryAfterSeconds?: unknown;
  };
  if (typeof retryAfter === 'string' && retryAfter) return retryAfter;
  if (typeof retryAfterSeconds === 'number') return String(retryAfterSeconds);
  return undefined;
}

/** One error handler and one not-found handler for the whole app. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const { status, body, headers } = toErrorBody(error, request.id);
      if (status === 499) request.log.info({ code: body.error.code }, 'client closed the request');
      else if (status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: body.error.code, status }, 'request refused');
      if (headers) reply.headers(headers);
      // A provider's retry-after and rate-limit headers, so a client's own backoff works through the gateway.
      reply.headers(errorHeaders(error));
      // A 429, ours or a provider's, says when to come back (the rate-limit plugin sets its own).
      const retryAfter = retryAfterOf(error);
      if (status === 429 && retryAfter !== undefined && !reply.hasHeader('retry-after'))
        reply.header('retry-after', retryAfter);
      // Past the body limit the rest of the body is left unread, so the connection is done with.
      if (status === 413) reply.header('connection', 'close');
      // The last guard before an error leaves: a key an upstream repeated back never reaches the client.
      return reply.status(status).send(app.keyRedactor ? app.keyRedactor.redactValue(body) : body);
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
