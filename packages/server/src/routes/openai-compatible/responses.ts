import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseSurfaceModel } from '../../gateway/surfaces/parse-surface-model.js';
import { decodeResponses } from '../../gateway/surfaces/responses/decode-responses.js';
import { encodeResponse } from '../../gateway/surfaces/responses/encode-response.js';
import { createResponsesStreamEncoder } from '../../gateway/surfaces/responses/encode-responses-stream.js';
import { serveSurface } from '../../gateway/surfaces/serve-surface.js';
import { scanNeeds } from '../../gateway/surfaces/shared/scan-needs.js';
import { serializeAsIs } from '../../http/serialize-as-is.js';

const ENDPOINT = '/v1/responses';

/** `POST /v1/responses`: what Switchboard reads first; the decoder checks the rest field by field. */
const responsesBodySchema = z.looseObject({
  model: z.string().min(1).describe('A model ID, `task:<task>`, an alias or a bare model name'),
  input: z.unknown(),
  stream: z.boolean().nullish(),
});

/** A `response` object (lenient: it is documented, not re-checked). */
const responseSchema = z.looseObject({ id: z.string(), object: z.literal('response'), model: z.string() });

/**
 * `POST /v1/responses`: OpenAI's Responses API for any model or task, streamed or whole. Every kind is
 * answered through the translation (the request decoded into the internal call, the answer encoded as
 * Responses items): function tools and their outputs, images, `text.format`, reasoning items with
 * `encrypted_content` that carries a provider's signature to the next turn. Responses are not stored,
 * so `previous_response_id` is refused (send the conversation in `input`).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const openAiResponsesRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['openai'],
        summary: 'OpenAI-compatible Responses (stateless); `stream: true` streams Responses events',
        body: responsesBodySchema,
        response: { 200: responseSchema },
      },
      serializerCompiler: serializeAsIs,
    },
    async (request, reply) => {
      const body = request.body;
      const format = (body.text as { format?: { type?: unknown } } | undefined)?.format;
      const id = `resp_${request.id}`;
      const created = Math.floor(Date.now() / 1000);
      const answer = await serveSurface({
        context: {
          app,
          request,
          ...parseSurfaceModel(app.registryState.current, body.model, 'chat'),
          endpoint: ENDPOINT,
          needs: scanNeeds({
            tools: body.tools,
            json: format?.type === 'json_object' || format?.type === 'json_schema',
            content: body.input,
          }),
        },
        reply,
        stream: body.stream === true,
        decode: () => decodeResponses(body),
        meta: (target) => ({ id, created, model: target.model }),
        createStreamEncoder: createResponsesStreamEncoder,
        encodeAnswer: encodeResponse,
      });
      return answer as z.infer<typeof responseSchema>;
    },
  );
};
