/**
 * OpenAI's Responses API, which the AI SDK's default `openai(model)` calls: one JSON response object, or
 * SSE with `event:` lines (`response.created` ... `response.completed`, each with a `sequence_number`,
 * no `[DONE]`). Output items: a `reasoning` item on reasoning models (with its summary when asked),
 * then a `message` or one `function_call` per tool call. Stored responses keep their items, so a later
 * `item_reference` finds them.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { type Answer, planAnswer, thoughtAbout } from './answer.js';
import type { MockContext } from './context.js';
import type { JsonRecord } from './json-values.js';
import { asString } from './json-values.js';
import { mockId, openAiCallId } from './mock-ids.js';
import type { OpenAiFlavor } from './openai-flavors.js';
import { type ResponsesCall, readResponsesCall } from './openai-responses-request.js';
import type { StreamFrame } from './sse.js';
import { splitText, type TokenUsage } from './tokens.js';

function usageBlock(usage: TokenUsage): JsonRecord {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/** The output items of an answer, complete (`done`) or as first announced (empty, `in_progress`). */
function outputItems(ctx: MockContext, call: ResponsesCall, answer: Answer, done: boolean): JsonRecord[] {
  const seq = ctx.request.id;
  const status = done ? 'completed' : 'in_progress';
  const items: JsonRecord[] = [];
  if (call.reasoningItem) {
    const text = thoughtAbout(call.answer);
    items.push({
      id: mockId('rs_', seq, 0, 24),
      type: 'reasoning',
      ...(call.reasoningItem.encrypted && {
        encrypted_content: Buffer.from(JSON.stringify({ mock: true, text })).toString('base64'),
      }),
      summary: done && call.reasoningItem.summary ? [{ type: 'summary_text', text }] : [],
    });
  }
  answer.toolCalls.forEach((tool, n) => {
    items.push({
      id: mockId('fc_', seq, n, 24),
      type: 'function_call',
      status,
      arguments: done ? tool.arguments : '',
      call_id: openAiCallId(seq, n),
      name: tool.name,
    });
  });
  if (answer.toolCalls.length === 0) {
    const content = done ? [{ type: 'output_text', annotations: [], logprobs: [], text: answer.text }] : [];
    items.push({ id: mockId('msg_', seq, 0, 24), type: 'message', status, content, role: 'assistant' });
  }
  return items;
}

/** The response object; `output` and `usage` are filled once it is complete. */
function responseObject(
  ctx: MockContext,
  call: ResponsesCall,
  answer: Answer,
  usage: TokenUsage | undefined,
): JsonRecord {
  const { body } = ctx;
  const incomplete = usage !== undefined && answer.stop === 'length';
  return {
    id: `resp_mock_${ctx.request.id}`,
    object: 'response',
    created_at: Math.floor(ctx.request.time / 1000),
    status: usage ? (incomplete ? 'incomplete' : 'completed') : 'in_progress',
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: call.model,
    output: usage ? outputItems(ctx, call, answer, true) : [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null, ...(body.reasoning as JsonRecord | undefined) },
    service_tier: asString(body.service_tier) ?? 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: usage ? usageBlock(usage) : null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

/** Answers `POST /v1/responses`. */
export function handleResponses(ctx: MockContext, flavor: OpenAiFlavor) {
  const call = readResponsesCall(ctx, flavor);
  const answer = planAnswer(call.answer);
  const usage: TokenUsage = {
    inputTokens: call.inputTokens,
    outputTokens: answer.outputTokens,
    reasoningTokens: answer.reasoningTokens,
    cachedInputTokens: flavor.cachesPrompts ? ctx.state.promptCache.automatic(call.prompt) : 0,
  };
  const complete = responseObject(ctx, call, answer, usage);
  if (ctx.body.store !== false) for (const item of complete.output as JsonRecord[]) ctx.state.storeItem(item);
  if (ctx.body.stream !== true) return ctx.json(complete, usage);
  ctx.stream('sse', responseEvents(ctx, call, answer, usage, complete));
}

function responseEvents(
  ctx: MockContext,
  call: ResponsesCall,
  answer: Answer,
  usage: TokenUsage,
  complete: JsonRecord,
): StreamFrame[] {
  const frames: StreamFrame[] = [];
  const emit = (type: string, fields: JsonRecord, reported?: TokenUsage): void => {
    const data = JSON.stringify({ type, sequence_number: frames.length, ...fields });
    frames.push(reported ? { event: type, data, usage: reported } : { event: type, data });
  };
  const pending = responseObject(ctx, call, answer, undefined);
  emit('response.created', { response: pending });
  emit('response.in_progress', { response: pending });
  const started = outputItems(ctx, call, answer, false);
  const finished = complete.output as JsonRecord[];
  started.forEach((item, output_index) => {
    const done = finished[output_index] as JsonRecord;
    emit('response.output_item.added', { output_index, item });
    const item_id = item.id;
    if (item.type === 'reasoning' && call.reasoningItem?.summary) {
      const text = thoughtAbout(call.answer);
      const at = { item_id, output_index, summary_index: 0 };
      emit('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
      for (const delta of splitText(text, ctx.chunks))
        emit('response.reasoning_summary_text.delta', { ...at, delta });
      emit('response.reasoning_summary_text.done', { ...at, text });
      emit('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } });
    } else if (item.type === 'function_call') {
      const args = String(done.arguments);
      for (const delta of splitText(args, ctx.chunks))
        emit('response.function_call_arguments.delta', { item_id, output_index, delta });
      emit('response.function_call_arguments.done', { item_id, output_index, arguments: args });
    } else if (item.type === 'message') {
      const part = { type: 'output_text', annotations: [], logprobs: [], text: '' };
      const at = { item_id, output_index, content_index: 0 };
      emit('response.content_part.added', { ...at, part });
      for (const delta of splitText(answer.text, ctx.chunks))
        if (delta) emit('response.output_text.delta', { ...at, delta, logprobs: [] });
      emit('response.output_text.done', { ...at, text: answer.text, logprobs: [] });
      emit('response.content_part.done', { ...at, part: { ...part, text: answer.text } });
    }
    emit('response.output_item.done', { output_index, item: done });
  });
  const last = complete.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
  emit(last, { response: complete }, usage);
  return frames;
}
