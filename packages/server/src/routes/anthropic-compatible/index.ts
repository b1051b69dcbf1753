import type { FastifyPluginAsync } from 'fastify';
import { anthropicErrorHandler } from './anthropic-error-handler.js';
import { countTokensRoute } from './count-tokens.js';
import { messagesRoute } from './messages.js';

/**
 * The Anthropic-compatible API, any provider behind it: `POST /v1/messages` and
 * `POST /v1/messages/count_tokens`. Point an Anthropic client at `<gateway>` (its SDK adds `/v1`) and put a
 * model ID, `task:<task>`, an alias or a bare model name in `model`. Errors are in Anthropic's shape.
 */
export const anthropicCompatibleRoutes: FastifyPluginAsync = async (app) => {
  app.setErrorHandler(anthropicErrorHandler);
  await app.register(messagesRoute);
  await app.register(countTokensRoute);
};
