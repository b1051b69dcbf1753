/**
 * Anthropic's Messages API: `POST /v1/messages` (JSON, or SSE with an `event:` line per frame:
 * message_start, content_block_start, ping, content_block_delta, content_block_stop, message_delta with
 * the usage, message_stop; no `[DONE]`) and the model list. Structured output comes back as JSON text
 * when the request has `output_config.format` (what `@ai-sdk/anthropic` sends for Claude 4.5), or as a
 * `tool_use` block for a forced tool (its older `json` tool mode).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { type Answer, type MockTool, type MockToolChoice, pickTool, planAnswer } from './answer.js';
import { displayNameOf } from './catalog.js';
import type { MockContext } from './context.js';
import { asArray, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import type { KindModule, MockErrorInfo } from './kind-module.js';
import { maskKey } from './kind-module.js';
import type { StreamFrame } from './sse.js';
import { countWordsIn, splitText, type TokenUsage } from './tokens.js';

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

/** The Anthropic module. */
export const anthropicModule: KindModule = {
  readApiKey: (headers) => (typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined),
  authError: (key) => ({
    message: key === undefined ? 'x-api-key header is required' : `invalid x-api-key ${maskKey(key)}`,
  }),
  errorBody,
  handle(ctx) {
    const { method, path } = ctx.request;
    // Every route needs the version header, as the real API does.
    if (!ctx.request.headers['anthropic-version'])
      return ctx.error(400, 'anthropic-version: header is required');
    if (method === 'POST' && path === '/v1/messages') return messages(ctx);
    if (method === 'GET' && path === '/v1/models') return listModels(ctx);
    if (method === 'GET' && path.startsWith('/v1/models/')) return getModel(ctx);
    ctx.error(404, `Not found: ${method} ${path}`);
  },
};

/** `tool_choice`: `{ type: "auto" | "any" | "none" }` or `{ type: "tool", name }`. */
function readToolChoice(value: unknown): MockToolChoice {
  const choice = asRecord(value);
  if (choice.type === 'none') return 'none';
  if (choice.type === 'any') return 'required';
  const name = asString(choice.name);
  return choice.type === 'tool' && name ? { name } : 'auto';
}

function readRequest(body: JsonRecord, offSchema = false): { answer: Answer; inputTokens: number } {
  const texts = textsOf(body.system);
  let lastUserText = '';
  let endsWithToolResult = false;
  for (const raw of asArray(body.messages)) {
    const message = asRecord(raw);
    const own = textsOf(message.content);
    texts.push(...own);
    const blocks = asArray(message.content).map(asRecord);
    endsWithToolResult = blocks.some((block) => block.type === 'tool_result');
    if (message.role === 'user' && !endsWithToolResult) lastUserText = own.join(' ');
  }
  // Client tools carry an input_schema; server tools (web search, ...) do not and are never "called".
  const tools: MockTool[] = asArray(body.tools).flatMap((raw) => {
    const tool = asRecord(raw);
    const name = asString(tool.name);
    return name && tool.input_schema !== undefined ? [{ name, schema: tool.input_schema }] : [];
  });
  const format = asRecord(asRecord(body.output_config).format ?? body.output_format);
  const schema = format.type === 'json_schema' ? (format.schema ?? {}) : undefined;
  const tool = pickTool(tools, readToolChoice(body.tool_choice), endsWithToolResult);
  return { answer: planAnswer({ lastUserText, schema, tool, offSchema }), inputTokens: countWordsIn(texts) };
}

function usageBlock(usage: TokenUsage, withCacheCreation: boolean): JsonRecord {
  return {
    input_tokens: usage.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    ...(withCacheCreation && {
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    }),
    output_tokens: usage.outputTokens,
    ...(withCacheCreation && { service_tier: 'standard' }),
  };
}

function contentBlock(ctx: MockContext, answer: Answer): JsonRecord {
  return answer.type === 'text'
    ? { type: 'text', text: answer.text }
    : { type: 'tool_use', id: `toolu_mock_${ctx.request.id}`, name: answer.name, input: answer.input };
}

function messages(ctx: MockContext) {
  if (!Array.isArray(ctx.body.messages)) return ctx.error(400, 'messages: Field required');
  if (typeof ctx.body.max_tokens !== 'number') return ctx.error(400, 'max_tokens: Field required');
  const { answer, inputTokens } = readRequest(ctx.body, ctx.offSchema);
  const usage: TokenUsage = { inputTokens, outputTokens: answer.outputTokens };
  const stopReason = answer.type === 'text' ? 'end_turn' : 'tool_use';
  const message = (content: JsonRecord[], stop: string | null, reported: TokenUsage): JsonRecord => ({
    model: asString(ctx.body.model) ?? 'unknown',
    id: `msg_mock_${ctx.request.id}`,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: usageBlock(reported, true),
  });
  if (ctx.body.stream !== true)
    return ctx.json(message([contentBlock(ctx, answer)], stopReason, usage), usage);

  const frames: StreamFrame[] = [];
  const emit = (type: string, fields: JsonRecord, reported?: TokenUsage): void => {
    const data = JSON.stringify({ type, ...fields });
    frames.push(reported ? { event: type, data, usage: reported } : { event: type, data });
  };
  // message_start carries the input tokens and a first output count of 1, as the real API does.
  emit('message_start', { message: message([], null, { inputTokens, outputTokens: 1 }) });
  if (answer.type === 'text') {
    emit('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    emit('ping', {});
    for (const text of splitText(answer.text, ctx.chunks)) {
      emit('content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
    }
  } else {
    emit('content_block_start', { index: 0, content_block: { ...contentBlock(ctx, answer), input: {} } });
    emit('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: '' } });
    emit('ping', {});
    for (const partial_json of splitText(answer.arguments, ctx.chunks)) {
      emit('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json } });
    }
  }
  emit('content_block_stop', { index: 0 });
  emit(
    'message_delta',
    { delta: { stop_reason: stopReason, stop_sequence: null }, usage: usageBlock(usage, false) },
    usage,
  );
  emit('message_stop', {});
  ctx.stream('sse', frames);
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
