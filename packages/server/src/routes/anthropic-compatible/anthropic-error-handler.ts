import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorHeaders } from '../../errors/error-headers.js';
import { toErrorBody } from '../../errors/to-error-body.js';
import { anthropicErrorType } from '../../gateway/surfaces/messages/messages-shapes.js';

/**
 * Errors in Anthropic's shape, `{ "type": "error", "error": { "type", "message" } }`, with the status the
 * gateway's own error would have: Anthropic's clients raise their typed errors from it (a 429 is their
 * `RateLimitError`). The gateway's `code` and `details` ride along in the error object for people.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function anthropicErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorBody(error, request.id);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, status }, 'request refused');
  return reply
    .status(status)
    .headers(errorHeaders(error))
    .send({
      type: 'error',
      error: {
        type: anthropicErrorType(status),
        message: body.error.message,
        code: body.error.code,
        details: body.error.details,
      },
    });
}
