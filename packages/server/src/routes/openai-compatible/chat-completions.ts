import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CallTarget } from '../../gateway/call-target.js';
import { createChatCompletion } from '../../gateway/formats/openai-chat-shapes.js';
import { createOpenAiChunkFormat } from '../../gateway/formats/openai-chunk-format.js';
import { generateTaskText } from '../../gateway/generate-task-text.js';
import { openSdkTextStream } from '../../gateway/open-sdk-text-stream.js';
import { callPassthroughJson } from '../../gateway/passthrough/call-passthrough-json.js';
import { openPassthroughStream } from '../../gateway/passthrough/open-passthrough-stream.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { streamWithFallbacks } from '../../gateway/stream-with-fallbacks.js';
import { NO_USAGE, servedHeaders, type TaskCallContext } from '../../gateway/task-call-context.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { openSse } from '../../http/open-sse.js';
import { convertOpenAiRequest } from './convert-openai-request.js';
import { parseOpenAiModel } from './parse-openai-model.js';
import { openAiChatBodySchema, openAiChatResponseSchema } from './schemas.js';

const ENDPOINT = '/v1/chat/completions';

/**
 * `POST /v1/chat/completions`: OpenAI's Chat Completions for any model or task. Each candidate model
 * (the resolved one, then the task's fallbacks) is called the way its kind allows: a kind that speaks
 * OpenAI's API gets the client's body with only `model` rewritten, and its answer (or stream, event by
 * event) comes back as it is, with `model` set to the Switchboard model ID; any other kind is translated
 * through the AI SDK into the same shapes.
 */
export const openAiChatCompletionsRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['openai'],
        summary:
          'OpenAI-compatible Chat Completions; `model` is a model ID or `task:<task>`; `stream: true` streams chunks',
        body: openAiChatBodySchema,
        response: { 200: openAiChatResponseSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const context: TaskCallContext = {
        app,
        request,
        ...parseOpenAiModel(body.model, 'chat'),
        endpoint: ENDPOINT,
      };
      const id = `chatcmpl-${request.id}`;
      const created = Math.floor(Date.now() / 1000);
      const translate = (target: CallTarget) => convertOpenAiRequest(body, target.model);

      if (body.stream) {
        const format = createOpenAiChunkFormat(id, created);
        await streamWithFallbacks(context, openSse(reply), (target, signal) =>
          target.kind.openAiPaths
            ? openPassthroughStream(target, body, signal)
            : openSdkTextStream(target, translate(target), signal, format),
        );
        return reply;
      }

      const signal = clientAbortSignal(reply);
      const served = await runTaskCall<Record<string, unknown>>(context, async (target) => {
        if (target.kind.openAiPaths) return callPassthroughJson(target, 'chatCompletions', body, signal);
        const { value, usage } = await generateTaskText(target, translate(target), signal);
        const completion = createChatCompletion({
          id,
          created,
          model: target.model,
          ...value,
          usage: usage ?? NO_USAGE,
        });
        return { value: completion, usage };
      });
      reply.headers(servedHeaders(served));
      return served.value as typeof served.value & { model: string };
    },
  );
};
