import type { FastifyReply } from 'fastify';

/**
 * Aborted when the client goes away before its answer was sent, for the upstream call of a whole (not
 * streamed) answer: a caller that gave up on a hung provider must not keep its request open upstream.
 */
export function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
