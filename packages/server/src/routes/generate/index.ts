import { generateBodySchema, generateResponseSchema } from '@switchboard/core';
import { generateObject, generateText, jsonSchema } from 'ai';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rethrowInvalidObject } from '../../gateway/rethrow-invalid-object.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { sdkCallOptions } from '../../gateway/sdk-call-options.js';
import { streamTaskText } from '../../gateway/stream-task-text.js';
import { servedFields, servedHeaders, type TaskCallContext } from '../../gateway/task-call-context.js';
import { toTokenUsage } from '../../gateway/to-token-usage.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { openSse } from '../../http/open-sse.js';
import { TASK_STREAM_FORMAT } from '../../http/task-stream-format.js';

/**
 * `POST /v1/tasks/:task/generate`: any task, as text, or as an object for a JSON Schema. How an application
 * runs its PRD generation, insight extraction and the rest without naming a model.
 */
export const generateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/tasks/:task/generate',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Run any task: text, or an object matching `schema`; `stream: true` streams text',
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
      };
      const input = {
        system,
        temperature,
        maxOutputTokens,
        ...(messages ? { messages } : { prompt: prompt ?? '' }),
      };
      if (stream && !schema) {
        await streamTaskText(context, openSse(reply), input, TASK_STREAM_FORMAT);
        return reply;
      }
      const signal = clientAbortSignal(reply);
      const served = await runTaskCall<{ text?: string; object?: unknown }>(context, async (target) => {
        const languageModel = target.kind.languageModel(target.runtime, target.name);
        if (!schema) {
          const result = await generateText(sdkCallOptions(target, input, signal));
          return { value: { text: result.text }, usage: toTokenUsage(result.totalUsage) };
        }
        try {
          const result = await generateObject({
            model: languageModel,
            ...input,
            schema: jsonSchema(schema),
            maxRetries: 0,
            abortSignal: signal,
          });
          return { value: { object: result.object as unknown }, usage: toTokenUsage(result.usage) };
        } catch (error) {
          return rethrowInvalidObject(error, target.model);
        }
      });
      reply.headers(servedHeaders(served));
      return { ...served.value, ...servedFields(served) };
    },
  );
};
