/**
 * OpenAI's Responses API, which the AI SDK's default `openai(model)` calls: one JSON response object, or
 * SSE with `event:` lines (`response.created` ... `response.output_text.delta` ... `response.completed`,
 * each with a `sequence_number`, no `[DONE]`).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { type Answer, type MockTool, type MockToolChoice, pickTool, planAnswer } from './answer.js';
import type { MockContext } from './context.js';
import { asArray, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import type { StreamFrame } from './sse.js';
import { countWordsIn, splitText, type TokenUsage } from './tokens.js';

/** Responses `tool_choice`: `"auto"`, `"none"`, `"required"` or `{ type: "function", name }`. */
function readToolChoice(value: unknown): MockToolChoice {
  if (value === 'none' || value === 'required') return value;
  const name = asString(asRecord(value).name);
  return name ? { name } : 'auto';
}

/** Reads `input` (a string or a list of items) and `instructions` into the answer and its input tokens. */
function readRequest(body: JsonRecord, offSchema = false): { answer: Answer; inputTokens: number } {
  const items =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : asArray(body.input);
  const texts: string[] = typeof body.instructions === 'string' ? [body.instructions] : [];
  let lastUserText = '';
  let last: JsonRecord = {};
  for (const raw of items) {
    last = asRecord(raw);
    const own = textsOf(last.content ?? last.output);
    texts.push(...own);
    if (last.role === 'user') lastUserText = own.join(' ');
  }
  const tools: MockTool[] = asArray(body.tools).flatMap((raw) => {
    const tool = asRecord(raw);
    const name = asString(tool.name);
    return tool.type === 'function' && name ? [{ name, schema: tool.parameters }] : [];
  });
  const format = asRecord(asRecord(body.text).format);
  const schema =
    format.type === 'json_schema' ? (format.schema ?? {}) : format.type === 'json_object' ? {} : undefined;
  const tool = pickTool(tools, readToolChoice(body.tool_choice), last.type === 'function_call_output');
  return { answer: planAnswer({ lastUserText, schema, tool, offSchema }), inputTokens: countWordsIn(texts) };
}

function usageBlock(usage: TokenUsage): JsonRecord {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** The output item of an answer, complete (`completed`) or as first announced (`in_progress`, empty). */
function outputItem(ctx: MockContext, answer: Answer, done: boolean): JsonRecord {
  const status = done ? 'completed' : 'in_progress';
  if (answer.type === 'tool') {
    return {
      id: `fc_mock_${ctx.request.id}`,
      type: 'function_call',
      status,
      arguments: done ? answer.arguments : '',
      call_id: `call_mock_${ctx.request.id}`,
      name: answer.name,
    };
  }
  const content = done ? [{ type: 'output_text', annotations: [], logprobs: [], text: answer.text }] : [];
  return { id: `msg_mock_${ctx.request.id}`, type: 'message', status, content, role: 'assistant' };
}

/** The response object; `output` and `usage` are filled once it is complete. */
function responseObject(ctx: MockContext, answer: Answer, usage: TokenUsage | undefined): JsonRecord {
  const { body } = ctx;
  return {
    id: `resp_mock_${ctx.request.id}`,
    object: 'response',
    created_at: Math.floor(ctx.request.time / 1000),
    status: usage ? 'completed' : 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: asString(body.model) ?? 'unknown',
    output: usage ? [outputItem(ctx, answer, true)] : [],
    parallel_tool_calls: true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: usage ? usageBlock(usage) : null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

/** Answers `POST /v1/responses`. */
export function handleResponses(ctx: MockContext) {
  if (ctx.body.input === undefined) return ctx.error(400, "Missing required parameter: 'input'.");
  const { answer, inputTokens } = readRequest(ctx.body, ctx.offSchema);
  const usage: TokenUsage = { inputTokens, outputTokens: answer.outputTokens, reasoningTokens: 0 };
  if (ctx.body.stream !== true) return ctx.json(responseObject(ctx, answer, usage), usage);
  ctx.stream('sse', responseEvents(ctx, answer, usage));
}

function responseEvents(ctx: MockContext, answer: Answer, usage: TokenUsage): StreamFrame[] {
  const frames: StreamFrame[] = [];
  const emit = (type: string, fields: JsonRecord, reported?: TokenUsage): void => {
    const data = JSON.stringify({ type, sequence_number: frames.length, ...fields });
    frames.push(reported ? { event: type, data, usage: reported } : { event: type, data });
  };
  const pending = responseObject(ctx, answer, undefined);
  emit('response.created', { response: pending });
  emit('response.in_progress', { response: pending });
  const item = outputItem(ctx, answer, false);
  const itemId = item.id;
  emit('response.output_item.added', { output_index: 0, item });
  if (answer.type === 'text') {
    const part = { type: 'output_text', annotations: [], logprobs: [], text: '' };
    const at = { item_id: itemId, output_index: 0, content_index: 0 };
    emit('response.content_part.added', { ...at, part });
    for (const delta of splitText(answer.text, ctx.chunks)) {
      emit('response.output_text.delta', { ...at, delta, logprobs: [] });
    }
    emit('response.output_text.done', { ...at, text: answer.text, logprobs: [] });
    emit('response.content_part.done', { ...at, part: { ...part, text: answer.text } });
  } else {
    for (const delta of splitText(answer.arguments, ctx.chunks)) {
      emit('response.function_call_arguments.delta', { item_id: itemId, output_index: 0, delta });
    }
    emit('response.function_call_arguments.done', {
      item_id: itemId,
      output_index: 0,
      arguments: answer.arguments,
    });
  }
  emit('response.output_item.done', { output_index: 0, item: outputItem(ctx, answer, true) });
  emit('response.completed', { response: responseObject(ctx, answer, usage) }, usage);
  return frames;
}
