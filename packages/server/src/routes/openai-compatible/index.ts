import type { FastifyPluginAsync } from 'fastify';
import { openAiChatCompletionsRoute } from './chat-completions.js';
import { openAiEmbeddingsRoute } from './embeddings.js';
import { openAiModelsRoute } from './models.js';
import { openAiResponsesRoute } from './responses.js';

/**
 * The OpenAI-compatible API: `POST /v1/chat/completions`, `POST /v1/responses`, `POST /v1/embeddings`,
 * `GET /v1/models` and `GET /v1/models/{id}`. Point any OpenAI client at `<gateway>/v1` and put a model
 * ID, `task:<task>`, an alias or a bare model name in `model`. Errors keep
 * Switchboard's `{ error: { code, message, details } }`, whose `error.message` OpenAI's clients read.
 */
export const openAiCompatibleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(openAiChatCompletionsRoute);
  await app.register(openAiResponsesRoute);
  await app.register(openAiEmbeddingsRoute);
  await app.register(openAiModelsRoute);
};
