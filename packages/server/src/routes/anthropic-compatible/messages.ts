import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusForCode } from '../../errors/error-status.js';
import type { CallTarget } from '../../gateway/call-target.js';
import { openNativeEventStream } from '../../gateway/passthrough/open-native-event-stream.js';
import { readNativeJson } from '../../gateway/passthrough/read-native-json.js';
import { requestUpstream } from '../../gateway/passthrough/request-upstream.js';
import { decodeMessages } from '../../gateway/surfaces/messages/decode-messages.js';
import { encodeMessage } from '../../gateway/surfaces/messages/encode-message.js';
import { createMessagesStreamEncoder } from '../../gateway/surfaces/messages/encode-messages-stream.js';
import { anthropicErrorType } from '../../gateway/surfaces/messages/messages-shapes.js';
import { parseSurfaceModel } from '../../gateway/surfaces/parse-surface-model.js';
import { serveSurface } from '../../gateway/surfaces/serve-surface.js';
import { scanNeeds } from '../../gateway/surfaces/shared/scan-needs.js';
import { serializeAsIs } from '../../http/serialize-as-is.js';
import { anthropicHeadersOf } from './anthropic-headers.js';

const ENDPOINT = '/v1/messages';

/** `POST /v1/messages`: what Switchboard reads first; the decoder checks the rest field by field. */
export const messagesBodySchema = z.looseObject({
  model: z.string().min(1).describe('A model ID, `task:<task>`, an alias or a bare model name'),
  messages: z.array(z.unknown()).min(1),
  stream: z.boolean().optional(),
});

const messageSchema = z.looseObject({ id: z.string(), type: z.literal('message'), model: z.string() });

/**
 * `POST /v1/messages`: Anthropic's Messages API for any model or task. An Anthropic provider gets the
 * body as sent but for `model` (`cache_control`, thinking signatures and new fields survive) and its
 * answer back as it is, stream event by stream event; any other kind is answered through the translation:
 * tools and tool results, images, thinking (each provider's reasoning control, its text as thinking
 * blocks whose signature brings the provider's metadata back next turn), stop reasons and usage.
 * @see https://docs.anthropic.com/en/api/messages
 */
export const messagesRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    ENDPOINT,
    {
      schema: {
        tags: ['anthropic'],
        summary: 'Anthropic-compatible Messages for any provider; `stream: true` streams Messages events',
        body: messagesBodySchema,
        response: { 200: messageSchema },
      },
      serializerCompiler: serializeAsIs,
    },
    async (request, reply) => {
      const body = request.body;
      const id = `msg_${request.id}`;
      const created = Math.floor(Date.now() / 1000);
      const forward = anthropicHeadersOf(request.headers);
      const speaksMessages = (target: CallTarget) => target.kind.anthropicPaths !== undefined;
      const path = (target: CallTarget) => target.kind.anthropicPaths?.messages ?? 'messages';
      const answer = await serveSurface({
        context: {
          app,
          request,
          ...parseSurfaceModel(app.registryState.current, body.model, 'chat'),
          endpoint: ENDPOINT,
          needs: scanNeeds({ tools: body.tools, json: false, content: body.messages }),
        },
        reply,
        stream: body.stream === true,
        decode: () => decodeMessages(body),
        meta: (target) => ({ id, created, model: target.model }),
        createStreamEncoder: createMessagesStreamEncoder,
        encodeAnswer: encodeMessage,
        native: {
          serves: speaksMessages,
          async stream(target, signal) {
            const response = await requestUpstream(target, path(target), body, signal, forward);
            return openNativeEventStream(
              target,
              response,
              (event) => {
                if (event.type === 'error') {
                  const error = event.error as { message?: unknown } | undefined;
                  return {
                    fail:
                      typeof error?.message === 'string'
                        ? error.message.slice(0, 500)
                        : 'the provider sent an error event',
                  };
                }
                const message = event.message as Record<string, unknown> | undefined;
                if (event.type === 'message_start' && message)
                  return { send: { ...event, message: { ...message, model: target.model } } };
                return { send: event };
              },
              (sink, error) =>
                sink.send(
                  {
                    type: 'error',
                    error: {
                      type: anthropicErrorType(statusForCode(error.error.code)),
                      message: error.error.message,
                    },
                  },
                  'error',
                ),
            );
          },
          async json(target, signal) {
            return readNativeJson(target, await requestUpstream(target, path(target), body, signal, forward));
          },
        },
      });
      return answer as z.infer<typeof messageSchema>;
    },
  );
};
