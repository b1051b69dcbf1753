/**
 * Anthropic's Messages API: `POST /v1/messages` (JSON, or SSE with an `event:` line per frame:
 * message_start, content_block_start, ping, content_block_delta, content_block_stop, message_delta with
 * the usage, message_stop; no `[DONE]`), `POST /v1/messages/count_tokens` and the model list. Answers
 * start with a signed `thinking` block when thinking is on, then text or one `tool_use` block per call;
 * usage splits the input into cache reads, cache writes and the rest.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { type Answer, planAnswer } from './answer.js';
import { type MessagesCall, readMessagesCall } from './anthropic-request.js';
import { displayNameOf } from './catalog.js';
import type { MockContext } from './context.js';
import type { JsonRecord } from './json-values.js';
import {
  type KindModule,
  MOCK_REQUESTS_LIMIT,
  MOCK_TOKENS_LIMIT,
  type MockErrorInfo,
  maskKey,
} from './kind-module.js';
import { anthropicToolUseId } from './mock-ids.js';
import type { MarkedCacheUsage } from './prompt-cache.js';
import type { StreamFrame } from './sse.js';
import { signThinking } from './thinking-signature.js';
import { splitText, type TokenUsage } from './tokens.js';

/** Anthropic's `error.type` per status. @see https://docs.anthropic.com/en/api/errors */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** `{ type: "error", error: { type, message } }`. */
function errorBody(error: MockErrorInfo): unknown {
  const type = ERROR_TYPES[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message: error.message } };
}

/** @see https://docs.anthropic.com/en/api/rate-limits#response-headers */
function rateLimitHeaders(state: { served: number; limited: boolean }): OutgoingHttpHeaders {
  const reset = new Date(Math.ceil(Date.now() / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const requests = state.limited ? 0 : Math.max(0, MOCK_REQUESTS_LIMIT - state.served);
  const tokens = state.limited ? 0 : MOCK_TOKENS_LIMIT;
  const headers: OutgoingHttpHeaders = {
    'anthropic-ratelimit-requests-limit': String(MOCK_REQUESTS_LIMIT),
    'anthropic-ratelimit-requests-remaining': String(requests),
    'anthropic-ratelimit-requests-reset': reset,
  };
  for (const kind of ['tokens', 'input-tokens', 'output-tokens']) {
    headers[`anthropic-ratelimit-${kind}-limit`] = String(MOCK_TOKENS_LIMIT);
    headers[`anthropic-ratelimit-${kind}-remaining`] = String(tokens);
    headers[`anthropic-ratelimit-${kind}-reset`] = reset;
  }
  return headers;
}

/** The Anthropic module. */
export const anthropicModule: KindModule = {
  readApiKey: (headers) => (typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined),
  authError: (key) => ({
    message: key === undefined ? 'x-api-key header is required' : `invalid x-api-key ${maskKey(key)}`,
  }),
  errorBody,
  rateLimitHeaders,
  handle(ctx) {
    const { method, path } = ctx.request;
    ctx.res.setHeader('request-id', `req_mock_${ctx.request.id}`);
    // Every route needs the version header, as the real API does.
    if (!ctx.request.headers['anthropic-version'])
      return ctx.error(400, 'anthropic-version: header is required');
    if (method === 'POST' && path === '/v1/messages') return messages(ctx);
    if (method === 'POST' && path === '/v1/messages/count_tokens') return countTokens(ctx);
    if (method === 'GET' && path === '/v1/models') return listModels(ctx);
    if (method === 'GET' && path.startsWith('/v1/models/')) return getModel(ctx);
    ctx.error(404, `Not found: ${method} ${path}`);
  },
};

interface Usage {
  tokens: TokenUsage;
  cache: MarkedCacheUsage;
  longCache: boolean;
}

function usageBlock(usage: Usage, outputTokens: number, full: boolean): JsonRecord {
  const { cache } = usage;
  return {
    input_tokens: usage.tokens.inputTokens,
    cache_creation_input_tokens: cache.created,
    cache_read_input_tokens: cache.read,
    ...(full && {
      cache_creation: {
        ephemeral_5m_input_tokens: usage.longCache ? 0 : cache.created,
        ephemeral_1h_input_tokens: usage.longCache ? cache.created : 0,
      },
    }),
    output_tokens: outputTokens,
    ...(full && { service_tier: 'standard' }),
  };
}

/** The content blocks of an answer: a signed thinking block first when thinking, then text or tool uses. */
function contentBlocks(ctx: MockContext, answer: Answer): JsonRecord[] {
  const blocks: JsonRecord[] = [];
  if (answer.reasoning !== undefined)
    blocks.push({
      type: 'thinking',
      thinking: answer.reasoning,
      signature: signThinking(answer.reasoning, ctx.state.thinkingSecret),
    });
  answer.toolCalls.forEach((tool, n) => {
    blocks.push({
      type: 'tool_use',
      id: anthropicToolUseId(ctx.request.id, n),
      name: tool.name,
      input: tool.input,
    });
  });
  if (answer.toolCalls.length === 0) blocks.push({ type: 'text', text: answer.text });
  return blocks;
}

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' } as const;

function usageOf(ctx: MockContext, call: MessagesCall, answer: Answer): Usage {
  const total = call.prompt.tokensUpTo.at(-1) ?? 0;
  const cache = ctx.state.promptCache.marked(call.prompt, call.cacheMarks);
  return {
    tokens: {
      inputTokens: total - cache.read - cache.created,
      outputTokens: answer.outputTokens,
      reasoningTokens: answer.reasoningTokens,
      cachedInputTokens: cache.read,
      cacheCreationInputTokens: cache.created,
    },
    cache,
    longCache: call.longCache,
  };
}

function messages(ctx: MockContext) {
  const call = readMessagesCall(ctx, ctx.state.thinkingSecret);
  const answer = planAnswer(call.answer);
  const usage = usageOf(ctx, call, answer);
  const stopReason = STOP_REASONS[answer.stop];
  const message = (content: JsonRecord[], stop: string | null, outputTokens: number): JsonRecord => ({
    model: call.model,
    id: `msg_mock_${ctx.request.id}`,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: usageBlock(usage, outputTokens, true),
  });
  const blocks = contentBlocks(ctx, answer);
  if (ctx.body.stream !== true)
    return ctx.json(message(blocks, stopReason, answer.outputTokens), usage.tokens);

  const frames: StreamFrame[] = [];
  const emit = (type: string, fields: JsonRecord, reported?: TokenUsage): void => {
    const data = JSON.stringify({ type, ...fields });
    frames.push(reported ? { event: type, data, usage: reported } : { event: type, data });
  };
  // message_start carries the input tokens and a first output count of 1, as the real API does.
  emit('message_start', { message: message([], null, 1) });
  blocks.forEach((block, index) => {
    const delta = (fields: JsonRecord) => emit('content_block_delta', { index, delta: fields });
    const start =
      block.type === 'thinking'
        ? { type: 'thinking', thinking: '', signature: '' }
        : block.type === 'text'
          ? { type: 'text', text: '' }
          : { ...block, input: {} };
    emit('content_block_start', { index, content_block: start });
    // The real API pings once, right after the first block starts.
    if (index === 0) emit('ping', {});
    if (block.type === 'thinking') {
      for (const thinking of splitText(String(block.thinking), ctx.chunks))
        delta({ type: 'thinking_delta', thinking });
      delta({ type: 'signature_delta', signature: block.signature });
    } else if (block.type === 'text') {
      for (const text of splitText(String(block.text), ctx.chunks))
        if (text) delta({ type: 'text_delta', text });
    } else {
      delta({ type: 'input_json_delta', partial_json: '' });
      for (const partial_json of splitText(JSON.stringify(block.input), ctx.chunks))
        delta({ type: 'input_json_delta', partial_json });
    }
    emit('content_block_stop', { index });
  });
  emit(
    'message_delta',
    {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: usageBlock(usage, answer.outputTokens, false),
    },
    usage.tokens,
  );
  emit('message_stop', {});
  ctx.stream('sse', frames);
}

/** `POST /v1/messages/count_tokens`: the same checks as a message, no `max_tokens` needed. */
function countTokens(ctx: MockContext) {
  const probe = { ...ctx, body: { max_tokens: Number.MAX_SAFE_INTEGER, ...ctx.body } };
  const call = readMessagesCall(probe, ctx.state.thinkingSecret);
  ctx.json({ input_tokens: call.prompt.tokensUpTo.at(-1) ?? 0 });
}

function modelObject(id: string): JsonRecord {
  return { type: 'model', id, display_name: displayNameOf(id), created_at: '2025-01-01T00:00:00Z' };
}

/** @see https://docs.anthropic.com/en/api/models-list */
function listModels(ctx: MockContext) {
  ctx.json({
    data: ctx.models.map(modelObject),
    has_more: false,
    first_id: ctx.models[0] ?? null,
    last_id: ctx.models[ctx.models.length - 1] ?? null,
  });
}

function getModel(ctx: MockContext) {
  const id = decodeURIComponent(ctx.request.path.slice('/v1/models/'.length));
  if (!ctx.models.includes(id)) return ctx.error(404, `model: ${id}`);
  ctx.json(modelObject(id));
}
