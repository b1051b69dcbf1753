import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CallTarget } from '../../gateway/call-target.js';
import { callPassthroughJson } from '../../gateway/passthrough/call-passthrough-json.js';
import { openPassthroughStream } from '../../gateway/passthrough/open-passthrough-stream.js';
import { decodeChatCompletions } from '../../gateway/surfaces/chat-completions/decode-chat-completions.js';
import { encodeChatCompletion } from '../../gateway/surfaces/chat-completions/encode-chat-completion.js';
import { createChatCompletionsStreamEncoder } from '../../gateway/surfaces/chat-completions/encode-chat-completions-stream.js';
import { parseSurfaceModel } from '../../gateway/surfaces/parse-surface-model.js';
import { serveSurface } from '../../gateway/surfaces/serve-surface.js';
import { scanNeeds } from '../../gateway/surfaces/shared/scan-needs.js';
import { serializeAsIs } from '../../http/serialize-as-is.js';
import { openAiChatBodySchema, openAiChatResponseSchema } from './schemas.js';

const ENDPOINT = '/v1/chat/completions';

/**
 * `POST /v1/chat/completions`: OpenAI's Chat Completions for any model or task. Each candidate model
 * (the resolved one, then the task's fallbacks) is called the way its kind allows: a kind that speaks
 * OpenAI's API gets the client's body with only `model` rewritten, and its answer (or stream, event by
 * event) comes back as it is, with `model` set to the Switchboard model ID; any other kind gets the
 * request decoded into the internal call and its answer encoded back into the same shapes: tools, tool
 * results, images, JSON output, reasoning and usage included.
 */
export const openAiChatCompletionsRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['openai'],
        summary:
          'OpenAI-compatible Chat Completions; `model` is a model ID, `task:<task>`, an alias or a bare model name; `stream: true` streams chunks',
        body: openAiChatBodySchema,
        response: { 200: openAiChatResponseSchema },
      },
      serializerCompiler: serializeAsIs,
    },
    async (request, reply) => {
      const body = request.body;
      const format = body.response_format as { type?: unknown } | null | undefined;
      const id = `chatcmpl-${request.id}`;
      const created = Math.floor(Date.now() / 1000);
      const speaksOpenAi = (target: CallTarget) => target.kind.openAiPaths !== undefined;
      const answer = await serveSurface({
        context: {
          app,
          request,
          ...parseSurfaceModel(app.registryState.current, body.model, 'chat'),
          endpoint: ENDPOINT,
          needs: scanNeeds({
            tools: body.tools,
            json: format?.type === 'json_object' || format?.type === 'json_schema',
            content: body.messages,
          }),
        },
        reply,
        stream: body.stream === true,
        decode: () => decodeChatCompletions(body),
        meta: (target) => ({ id, created, model: target.model }),
        createStreamEncoder: (meta) =>
          createChatCompletionsStreamEncoder({
            ...meta,
            includeUsage: body.stream_options?.include_usage === true,
          }),
        encodeAnswer: encodeChatCompletion,
        native: {
          serves: speaksOpenAi,
          stream: (target, signal) => openPassthroughStream(target, body, signal),
          json: (target, signal) => callPassthroughJson(target, 'chatCompletions', body, signal),
        },
      });
      return answer as { model: string };
    },
  );
};
