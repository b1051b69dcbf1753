import { generateBodySchema, generateResponseSchema } from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TASK_STREAM_FORMAT } from '../../gateway/formats/task-stream-format.js';
import { callObject } from '../../gateway/generate-task-object.js';
import { callText } from '../../gateway/generate-task-text.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { streamTaskText } from '../../gateway/stream-task-text.js';
import { servedFields, servedHeaders, type TaskCallContext } from '../../gateway/task-call-context.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { openSse } from '../../http/open-sse.js';

/**
 * `POST /v1/tasks/:task/generate`: any task, as text, or as an object for a JSON Schema. How an application
 * runs its PRD generation, insight extraction and the rest without naming a model. `stream: true` streams
 * the text, or with a `schema` the object's JSON as the model writes it, with the validated object at the end.
 */
export const generateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/tasks/:task/generate',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Run any task: text, or an object matching `schema`; `stream: true` streams the text (or the object as JSON)',
        params: z.strictObject({ task: z.string().min(1).max(100) }),
        body: generateBodySchema,
        response: { 200: generateResponseSchema },
      },
    },
    async (request, reply) => {
      const {
        messages,
        prompt,
        system,
        schema,
        model,
        stream,
        temperature,
        max_tokens: maxOutputTokens,
      } = request.body;
      const context: TaskCallContext = {
        app,
        request,
        task: request.params.task,
        override: model,
        endpoint: '/v1/tasks/:task/generate',
        // An object for a schema needs structured output of every candidate (added to the task's requirements).
        needs: schema ? ['json'] : undefined,
      };
      const input = {
        system,
        temperature,
        maxOutputTokens,
        ...(messages ? { messages } : { prompt: prompt ?? '' }),
      };
      if (stream) {
        const output = schema ? { output: { schema } } : {};
        await streamTaskText(context, openSse(reply), { ...input, ...output }, TASK_STREAM_FORMAT);
        return reply;
      }
      const signal = clientAbortSignal(reply);
      if (schema) {
        const served = await runTaskCall(context, callObject({ ...input, output: { schema } }, signal));
        reply.headers(servedHeaders(served));
        return { object: served.value, ...servedFields(served) };
      }
      const served = await runTaskCall(context, callText(input, signal));
      reply.headers(servedHeaders(served));
      return { text: served.value.text, ...servedFields(served) };
    },
  );
};
