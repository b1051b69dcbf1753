import { chatCompletionBodySchema, chatCompletionResponseSchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TASK_STREAM_FORMAT } from '../../gateway/formats/task-stream-format.js';
import { callText } from '../../gateway/generate-task-text.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { streamTaskText } from '../../gateway/stream-task-text.js';
import { servedFields, servedHeaders, type TaskCallContext } from '../../gateway/task-call-context.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { openSse } from '../../http/open-sse.js';

const ENDPOINT = '/v1/ai/chat/completion';

/** `POST /v1/ai/chat/completion`: a chat answer from the model task `chat` (or `?task=`) resolves to. */
export const chatCompletionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Chat with the model the task resolves to for the caller; `stream: true` gives server-sent events',
        querystring: z.strictObject({ task: z.string().min(1).optional() }),
        body: chatCompletionBodySchema,
        response: { 200: chatCompletionResponseSchema },
      },
    },
    async (request, reply) => {
      const { messages, model, stream, temperature, max_tokens: maxOutputTokens } = request.body;
      const context: TaskCallContext = {
        app,
        request,
        task: request.query.task ?? 'chat',
        override: model,
        endpoint: ENDPOINT,
      };
      const input = { messages, temperature, maxOutputTokens };
      if (stream) {
        await streamTaskText(context, openSse(reply), input, TASK_STREAM_FORMAT);
        return reply;
      }
      const served = await runTaskCall(context, callText(input, clientAbortSignal(reply)));
      reply.headers(servedHeaders(served));
      return {
        message: { role: 'assistant' as const, content: served.value.text },
        ...servedFields(served),
      };
    },
  );
};
