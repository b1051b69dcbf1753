import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import type { CallTarget } from '../../gateway/call-target.js';
import { embedTaskTexts } from '../../gateway/embed-task-texts.js';
import { callPassthroughJson } from '../../gateway/passthrough/call-passthrough-json.js';
import { runTaskCall } from '../../gateway/run-task-call.js';
import { parseSurfaceModel } from '../../gateway/surfaces/parse-surface-model.js';
import { servedHeaders } from '../../gateway/task-call-context.js';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { serializeAsIs } from '../../http/serialize-as-is.js';
import { encodeEmbeddingBase64 } from './encode-embedding-base64.js';
import {
  type OpenAiEmbeddingsBody,
  openAiEmbeddingsBodySchema,
  openAiEmbeddingsResponseSchema,
} from './schemas.js';

const ENDPOINT = '/v1/embeddings';

/** The texts of an `input` a translation can embed: a string or strings (token arrays have no translation). */
function textsOf(body: OpenAiEmbeddingsBody, target: CallTarget): string[] {
  if (typeof body.input === 'string') return [body.input];
  if (body.input.every((item) => typeof item === 'string')) return body.input as string[];
  throw new InvalidRequestError(
    `Token arrays as "input" are passed through to OpenAI-format providers only; send text for "${target.model}".`,
    { model: target.model },
  );
}

/** Embeddings through the AI SDK, in OpenAI's list shape (Gemini reports no tokens for them: usage 0). */
async function embedTranslated(target: CallTarget, body: OpenAiEmbeddingsBody, signal: AbortSignal) {
  if (body.dimensions) {
    throw new InvalidRequestError(
      `"dimensions" is passed through to OpenAI-format providers only ("${target.model}").`,
      {
        model: target.model,
      },
    );
  }
  const { value, usage } = await embedTaskTexts(target, textsOf(body, target), signal);
  const { embeddings, tokens } = value;
  const base64 = body.encoding_format === 'base64';
  return {
    value: {
      object: 'list',
      data: embeddings.map((embedding, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? encodeEmbeddingBase64(embedding) : embedding,
      })),
      model: target.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    usage,
  };
}

/**
 * `POST /v1/embeddings`: OpenAI's embeddings for any model or task (task `embeddings` unless `model` says
 * `task:<task>`). OpenAI-format providers get the body with only `model` rewritten; others are called
 * through the AI SDK's `embedMany` and answered in OpenAI's list shape, floats or base64 as asked.
 */
export const openAiEmbeddingsRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['openai'],
        summary: 'OpenAI-compatible embeddings; `model` is a model ID or `task:<task>`',
        body: openAiEmbeddingsBodySchema,
        response: { 200: openAiEmbeddingsResponseSchema },
      },
      serializerCompiler: serializeAsIs,
    },
    async (request, reply) => {
      const body = request.body;
      const signal = clientAbortSignal(reply);
      const served = await runTaskCall<Record<string, unknown>>(
        {
          app,
          request,
          ...parseSurfaceModel(app.registryState.current, body.model, 'embeddings'),
          endpoint: ENDPOINT,
        },
        (target) =>
          target.kind.openAiPaths
            ? callPassthroughJson(target, 'embeddings', body, signal)
            : embedTranslated(target, body, signal),
      );
      reply.headers(servedHeaders(served));
      return served.value as typeof served.value & { model: string; data: Record<string, unknown>[] };
    },
  );
};
