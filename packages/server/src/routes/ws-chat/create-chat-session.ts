import type { WebSocket } from '@fastify/websocket';
import type { ApiErrorBody } from '@switchboard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { toErrorBody } from '../../errors/to-error-body.js';
import { createWsChatFormat } from '../../gateway/formats/ws-chat-format.js';
import { streamTaskText } from '../../gateway/stream-task-text.js';
import { createJsonTooDeepError, jsonDepthExceeds } from '../../http/json-depth.js';
import { asObject } from '../../util/as-object.js';
import { createConversationSink } from './create-conversation-sink.js';
import { wsCancelMessageSchema, wsChatMessageSchema } from './schemas.js';

/** An error frame's `error`: the `{ code, message, details }` of every HTTP error, `details` optional. */
type ErrorFields = Omit<ApiErrorBody['error'], 'details'> & Partial<Pick<ApiErrorBody['error'], 'details'>>;

/** How often an open socket's token is checked again, so a revoked token ends it within seconds. */
export const WS_TOKEN_RECHECK_MS = 2_000;
/** The WebSocket close code for a socket whose token stopped being valid (RFC 6455: policy violation). */
const CLOSE_POLICY_VIOLATION = 1008;

/** Conversations one socket may run at once; more is a client bug, not a workload. */
export const MAX_CONVERSATIONS_PER_SOCKET = 32;

const ENDPOINT = '/v1/ws/chat';

function describeIssues(error: z.ZodError): ErrorFields {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || 'message',
    message: issue.message,
  }));
  return {
    code: 'invalid_request',
    message: `Invalid message: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    details: { issues },
  };
}

/**
 * Serves one chat socket. Each `chat` message starts a conversation that streams on its own (several
 * interleave); `cancel` aborts one, answered by `{ type: "cancelled", id }`; closing the socket aborts them
 * all. A message that cannot be served (not JSON, unknown type, no id, an invalid model, every model
 * failing before the first token) gets an `error` frame, and the socket stays open for the next one.
 * Each conversation ends with exactly one of `done`, `error` or `cancelled`.
 */
export function createChatSession(app: FastifyInstance, socket: WebSocket, request: FastifyRequest): void {
  const conversations = new Map<string, AbortController>();
  const sendError = (id: string | undefined, error: ErrorFields) => {
    if (socket.readyState !== 1) return;
    const frame = { type: 'error', ...(id === undefined ? {} : { id }), error };
    socket.send(app.keyRedactor.redact(JSON.stringify(frame)));
  };

  const endRevoked = (id?: string) => {
    sendError(id, {
      code: 'unauthorized',
      message:
        'The token of this socket was revoked: the socket is closed. Connect again with a valid token.',
    });
    for (const controller of conversations.values()) controller.abort();
    socket.close(CLOSE_POLICY_VIOLATION, 'token revoked');
  };

  /**
   * Every chat is a call like an HTTP request: it counts against `auth.rate_limit` (with the caller's
   * HTTP requests, one budget), and the socket's token must still be valid.
   */
  const admit = async (id: string): Promise<boolean> => {
    await app.consumeRateLimit(request);
    if (request.principal.tokenId === undefined) return true;
    if (await app.reverifyPrincipal(request)) return true;
    endRevoked(id);
    return false;
  };

  // A socket stays open for as long as the client likes, so in token mode its token is checked again
  // every few seconds: revoking it ends the socket even while no chat starts.
  const recheck =
    request.principal.tokenId === undefined
      ? undefined
      : setInterval(() => {
          app.reverifyPrincipal(request).then(
            (principal) => {
              if (!principal && socket.readyState === 1) endRevoked();
            },
            (error: unknown) => request.log.warn({ err: error }, 'could not recheck the socket token'),
          );
        }, WS_TOKEN_RECHECK_MS);
  recheck?.unref();

  const startChat = (raw: Record<string, unknown>, id: string | undefined) => {
    const parsed = wsChatMessageSchema.safeParse(raw);
    if (!parsed.success) return sendError(id, describeIssues(parsed.error));
    const message = parsed.data;
    if (conversations.has(message.id)) {
      return sendError(message.id, {
        code: 'invalid_request',
        message: `Conversation "${message.id}" is still running.`,
      });
    }
    if (conversations.size >= MAX_CONVERSATIONS_PER_SOCKET) {
      return sendError(message.id, {
        code: 'invalid_request',
        message: `At most ${MAX_CONVERSATIONS_PER_SOCKET} conversations run at once on one socket.`,
      });
    }
    const controller = new AbortController();
    conversations.set(message.id, controller);
    const requestId = `${request.id}:${message.id}`;
    // Conversations on one socket run at once: each is a span of its own under the socket's request.
    const trace = request.trace?.startChild('ws chat conversation', { 'switchboard.request_id': requestId });
    const context = {
      app,
      request,
      task: message.task ?? 'chat',
      override: message.model,
      endpoint: ENDPOINT,
      requestId,
      // The upgrade request has no body: the prompt is this message's.
      estimate: {
        inputBytes: Buffer.byteLength(JSON.stringify(message.messages)),
        maxOutputTokens: message.max_tokens,
      },
      trace,
    };
    const input = {
      messages: message.messages,
      temperature: message.temperature,
      maxOutputTokens: message.max_tokens,
    };
    admit(message.id)
      .then((admitted) => {
        if (!admitted || controller.signal.aborted) return;
        const sink = createConversationSink(socket, controller);
        return streamTaskText(context, sink, input, createWsChatFormat(message.id));
      })
      .catch((error: unknown) => {
        // A cancelled conversation was answered already; anything else failed before its first token.
        if (controller.signal.aborted) return;
        const { status, body } = toErrorBody(error, requestId);
        if (status >= 500) request.log.error({ err: error }, 'chat conversation failed');
        sendError(message.id, body.error);
      })
      .finally(() => {
        trace?.finish();
        if (conversations.get(message.id) === controller) conversations.delete(message.id);
      });
  };

  const cancel = (raw: Record<string, unknown>, id: string | undefined) => {
    const parsed = wsCancelMessageSchema.safeParse(raw);
    if (!parsed.success) return sendError(id, describeIssues(parsed.error));
    const controller = conversations.get(parsed.data.id);
    if (!controller) {
      return sendError(parsed.data.id, {
        code: 'not_found',
        message: `No conversation "${parsed.data.id}" is running.`,
      });
    }
    conversations.delete(parsed.data.id);
    controller.abort();
    socket.send(JSON.stringify({ type: 'cancelled', id: parsed.data.id }));
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary)
      return sendError(undefined, { code: 'invalid_request', message: 'Send messages as JSON text frames.' });
    let message: Record<string, unknown> | undefined;
    const text = String(data);
    if (jsonDepthExceeds(text)) return sendError(undefined, createJsonTooDeepError().toJSON());
    try {
      message = asObject(JSON.parse(text));
    } catch {
      return sendError(undefined, { code: 'malformed_json', message: 'The message is not valid JSON.' });
    }
    const id = typeof message?.id === 'string' ? message.id : undefined;
    if (message?.type === 'chat') return startChat(message, id);
    if (message?.type === 'cancel') return cancel(message, id);
    sendError(id, {
      code: 'invalid_request',
      message: `Unknown message type ${JSON.stringify(message?.type ?? null)}: expected "chat" or "cancel".`,
    });
  });
  socket.on('close', () => {
    clearInterval(recheck);
    for (const controller of conversations.values()) controller.abort();
    conversations.clear();
  });
}
