import type { FastifyPluginAsync } from 'fastify';
import { openAiChatCompletionsRoute } from './chat-completions.js';
import { openAiEmbeddingsRoute } from './embeddings.js';
import { openAiModelsRoute } from './models.js';

/**
 * The OpenAI-compatible API: `POST /v1/chat/completions`, `POST /v1/embeddings`, `GET /v1/models`. Point
 * any OpenAI client at `<gateway>/v1` and put a model ID or `task:<task>` in `model`. Errors keep
 * Switchboard's `{ error: { code, message, details } }`, whose `error.message` OpenAI's clients read.
 */
export const openAiCompatibleRoutes: FastifyPluginAsync = async (app) => {
  await app.register(openAiChatCompletionsRoute);
  await app.register(openAiEmbeddingsRoute);
  await app.register(openAiModelsRoute);
};
