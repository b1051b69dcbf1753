/**
 * Chat Completions answers, JSON or SSE ending in `data: [DONE]`, for every OpenAI flavour: text,
 * tool calls (streamed as `delta.tool_calls` with `index`, the id and name on a call's first delta,
 * argument fragments after), `reasoning_content` where the flavour shows reasoning, usage with cached
 * and reasoning tokens, and `finish_reason` `stop`, `length` or `tool_calls`.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
import { type Answer, planAnswer } from './answer.js';
import type { MockContext } from './context.js';
import { asRecord, type JsonRecord } from './json-values.js';
import { openAiCallId } from './mock-ids.js';
import { readChatCall } from './openai-chat-request.js';
import type { OpenAiFlavor } from './openai-flavors.js';
import type { StreamFrame } from './sse.js';
import { splitText, type TokenUsage } from './tokens.js';

/** Answers `POST /v1/chat/completions`. */
export function chatCompletions(ctx: MockContext, flavor: OpenAiFlavor) {
  const call = readChatCall(ctx, flavor);
  const answer = planAnswer(call.answer);
  const usage: TokenUsage = {
    inputTokens: call.inputTokens,
    outputTokens: answer.outputTokens,
    reasoningTokens: answer.reasoningTokens,
    cachedInputTokens: flavor.cachesPrompts ? ctx.state.promptCache.automatic(call.prompt) : 0,
  };
  if (ctx.body.stream === true) return streamChat(ctx, flavor, call.model, answer, usage);
  const toolCalls = answer.toolCalls.map((tool, n) => ({
    id: openAiCallId(ctx.request.id, n),
    type: 'function',
    function: { name: tool.name, arguments: tool.arguments },
  }));
  const message: JsonRecord = {
    role: 'assistant',
    content: toolCalls.length > 0 ? null : answer.text,
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
  };
  if (answer.reasoning) message.reasoning_content = answer.reasoning;
  Object.assign(message, flavor.messageExtras);
  ctx.json(
    {
      id: `chatcmpl-mock-${ctx.request.id}`,
      object: 'chat.completion',
      created: Math.floor(ctx.request.time / 1000),
      model: call.model,
      choices: [{ index: 0, message, ...flavor.choiceExtras, finish_reason: answer.stop }],
      usage: flavor.usage(usage),
      ...flavor.extras,
    },
    usage,
  );
}

/**
 * A streamed completion: a role delta (xAI: the first reasoning delta), reasoning deltas, content or
 * tool-call deltas, a finish delta, a usage chunk with empty `choices` when
 * `stream_options.include_usage` is set, then `data: [DONE]`.
 */
function streamChat(
  ctx: MockContext,
  flavor: OpenAiFlavor,
  model: string,
  answer: Answer,
  usage: TokenUsage,
) {
  const includeUsage = asRecord(ctx.body.stream_options).include_usage === true;
  const head = JSON.stringify({
    id: `chatcmpl-mock-${ctx.request.id}`,
    object: 'chat.completion.chunk',
    created: Math.floor(ctx.request.time / 1000),
    model,
    ...flavor.extras,
  }).slice(0, -1);
  const tail = includeUsage && flavor.nullUsageInChunks ? ',"usage":null}' : '}';
  const choiceExtras = JSON.stringify(flavor.choiceExtras).slice(1, -1);
  const extras = choiceExtras ? `,${choiceExtras}` : '';
  const chunk = (delta: JsonRecord, finishReason: string | null = null): StreamFrame => {
    const finish =
      finishReason === null && !flavor.nullFinishReason
        ? ''
        : `,"finish_reason":${JSON.stringify(finishReason)}`;
    return {
      data: `${head},"choices":[{"index":0,"delta":${JSON.stringify(delta)}${extras}${finish}}]${tail}`,
    };
  };
  const frames: StreamFrame[] = [];
  if (answer.reasoning) {
    splitText(answer.reasoning, 2).forEach((piece, i) => {
      frames.push(
        chunk(i === 0 ? { reasoning_content: piece, role: 'assistant' } : { reasoning_content: piece }),
      );
    });
  } else {
    frames.push(chunk({ role: 'assistant', content: '', ...flavor.roleDeltaExtras }));
  }
  if (answer.toolCalls.length === 0) {
    for (const piece of splitText(answer.text, ctx.chunks)) if (piece) frames.push(chunk({ content: piece }));
  }
  answer.toolCalls.forEach((tool, index) => {
    const first = { index, id: openAiCallId(ctx.request.id, index), type: 'function' };
    if (!flavor.streamToolArguments) {
      frames.push(
        chunk({ tool_calls: [{ ...first, function: { name: tool.name, arguments: tool.arguments } }] }),
      );
      return;
    }
    frames.push(chunk({ tool_calls: [{ ...first, function: { name: tool.name, arguments: '' } }] }));
    for (const piece of splitText(tool.arguments, ctx.chunks))
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  frames.push(chunk({}, answer.stop));
  if (includeUsage) {
    frames.push({ data: `${head},"choices":[],"usage":${JSON.stringify(flavor.usage(usage))}}`, usage });
  }
  frames.push({ data: '[DONE]' });
  ctx.stream('sse', frames);
}
