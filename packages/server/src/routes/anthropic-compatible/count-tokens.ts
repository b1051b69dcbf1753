import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readNativeJson } from '../../gateway/passthrough/read-native-json.js';
import { requestUpstream } from '../../gateway/passthrough/request-upstream.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { parseSurfaceModel } from '../../gateway/surfaces/parse-surface-model.js';
import { servedHeaders } from '../../gateway/task-call-context.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { anthropicHeadersOf } from './anthropic-headers.js';

const ENDPOINT = '/v1/messages/count_tokens';

/**
 * Characters per token of the estimate for providers that cannot count: about 4 for English text in
 * every tokenizer the gateway's providers use (OpenAI's, Anthropic's, Gemini's documentation all say so).
 */
const CHARS_PER_TOKEN = 4;

const countBodySchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()).min(1),
  system: z.unknown().optional(),
  tools: z.array(z.unknown()).optional(),
});

/** The estimate: the JSON of what the model would read (system, messages, tools), at 4 characters a token. */
export function estimateInputTokens(body: z.infer<typeof countBodySchema>): number {
  const text = JSON.stringify([body.system ?? null, body.messages, body.tools ?? null]);
  return Math.max(1, Math.ceil(text.length / CHARS_PER_TOKEN));
}

/**
 * `POST /v1/messages/count_tokens`: an Anthropic provider counts the tokens itself (the body passed
 * through but for `model`); for any other kind the answer is an estimate, marked with
 * `x-switchboard-token-count: estimate` (the JSON of system, messages and tools at 4 characters a
 * token), since those providers offer no count that takes a Messages body.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export const countTokensRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['anthropic'],
        summary:
          'Anthropic-compatible token count: exact from Anthropic providers, an estimate for the others',
        body: countBodySchema,
        response: { 200: z.looseObject({ input_tokens: z.number() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const signal = clientAbortSignal(reply);
      const forward = anthropicHeadersOf(request.headers);
      const served = await runTaskCall<{ body: { input_tokens: number }; headers: Record<string, string> }>(
        {
          app,
          request,
          ...parseSurfaceModel(app.registryState.current, body.model, 'chat'),
          endpoint: ENDPOINT,
        },
        async (target) => {
          const path = target.kind.anthropicPaths?.countTokens;
          // Counting is free at Anthropic: recorded as a call of no tokens, never as an unpriced one.
          const usage = { inputTokens: 0, outputTokens: 0 };
          if (!path) {
            return {
              value: {
                body: { input_tokens: estimateInputTokens(body) },
                headers: { 'x-switchboard-token-count': 'estimate' },
              },
              usage,
            };
          }
          const answer = await readNativeJson(
            target,
            await requestUpstream(target, path, body, signal, forward),
          );
          const { model: _model, ...count } = answer.value;
          return {
            value: {
              body: count as { input_tokens: number },
              headers: { ...answer.headers, 'x-switchboard-token-count': 'provider' },
            },
            usage,
          };
        },
      );
      reply.headers({ ...served.value.headers, ...servedHeaders(served) });
      return served.value.body;
    },
  );
};
