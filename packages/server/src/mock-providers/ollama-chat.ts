/**
 * Ollama's native `/api/chat` and `/api/generate`: NDJSON streams unless `stream: false`, the last line
 * `done: true` with `prompt_eval_count` / `eval_count`. Checked as Ollama checks them: a pulled model,
 * `think` only on thinking models, `images` as base64 of real images, tool-call `arguments` as objects.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import {
  type AnswerRequest,
  type MockTool,
  type MockToolResult,
  planAnswer,
  thoughtAbout,
} from './answer.js';
import type { MockContext } from './context.js';
import { decodeBase64, sniffImageType } from './images.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import { refuse } from './request-error.js';
import type { StreamFrame } from './sse.js';
import { countWordsIn, splitText, type TokenUsage } from './tokens.js';

/** Mock durations in nanoseconds, per token, so timings look plausible and stay deterministic. */
export const NANOS_PER_TOKEN = 1_000_000;

/** Model families that think (`think: true`). */
const THINKING_MODELS = /^(qwen3|deepseek-r1|gpt-oss|magistral)/;

/** The listed model `name` stands for (`llama3` is `llama3:latest`), or a 404 as Ollama answers. */
export function findOllamaModel(name: string, models: readonly string[]): string {
  const listed = models.find((model) => model === name || model === `${name}:latest`);
  if (!listed) refuse(`model "${name}" not found, try pulling it first`, { status: 404 });
  return listed;
}

function readRequest(
  ctx: MockContext,
  model: string,
  route: 'chat' | 'generate',
): { answer: AnswerRequest; inputTokens: number } {
  const { body } = ctx;
  const texts = textsOf(body.system);
  let lastUserText = '';
  let images: string[] = [];
  let results: MockToolResult[] = [];
  if (route === 'generate') {
    lastUserText = asString(body.prompt) ?? '';
    texts.push(lastUserText);
    images = imagesOf(body.images, 'images');
  } else {
    asArray(body.messages).forEach((raw, i) => {
      const message = asRecord(raw);
      const content = asString(message.content) ?? '';
      texts.push(content);
      if (message.role === 'tool') {
        const id = asString(message.tool_call_id) ?? asString(message.tool_name) ?? `#${results.length}`;
        results.push({ id, text: content });
        return;
      }
      results = [];
      if (message.role === 'user') {
        lastUserText = content;
        images = imagesOf(message.images, `messages[${i}].images`);
      }
      asArray(message.tool_calls).forEach((call, j) => {
        const args = asRecord(asRecord(call).function).arguments;
        if (typeof args !== 'object' || args === null || Array.isArray(args))
          refuse(
            `json: cannot unmarshal ${typeof args} into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments (messages[${i}].tool_calls[${j}])`,
          );
      });
    });
  }
  const tools: MockTool[] = asArray(body.tools).flatMap((raw) => {
    const fn = asRecord(asRecord(raw).function);
    const name = asString(fn.name);
    return name ? [{ name, schema: fn.parameters }] : [];
  });
  const last = asRecord(asArray(body.messages).at(-1));
  const think = body.think !== undefined && body.think !== false;
  if (think && !THINKING_MODELS.test(model)) refuse(`"${model}" does not support thinking`);
  // `format` is "json" or a JSON Schema. @see https://ollama.com/blog/structured-outputs
  const schema =
    body.format === 'json' ? {} : typeof body.format === 'object' && body.format ? body.format : undefined;
  const toolResults = route === 'chat' && last.role === 'tool' ? results : undefined;
  const answer: AnswerRequest = {
    lastUserText,
    images,
    ...(toolResults && { toolResults }),
    tools,
    schema,
    offSchema: ctx.offSchema,
    maxOutputTokens: asNumber(asRecord(body.options).num_predict),
    ...(think && { reasoning: { text: thoughtAbout({ lastUserText, toolResults }) } }),
  };
  return { answer, inputTokens: countWordsIn(texts) };
}

/** Checks `images` (base64 of PNG, JPEG, GIF or WebP, no data-URL prefix); answers their types. */
function imagesOf(value: unknown, at: string): string[] {
  return asArray(value).map((raw, i) => {
    const bytes = decodeBase64(String(raw));
    if (!bytes) refuse(`illegal base64 data at input byte 0 (${at}[${i}])`);
    const type = sniffImageType(bytes);
    if (!type) refuse(`failed to process inputs: image: unknown format (${at}[${i}])`);
    return type;
  });
}

/** The fields of the final (`done: true`) line. */
function doneFields(usage: TokenUsage, route: 'chat' | 'generate', reason: string): JsonRecord {
  const promptNanos = usage.inputTokens * NANOS_PER_TOKEN;
  const evalNanos = usage.outputTokens * NANOS_PER_TOKEN;
  return {
    done: true,
    done_reason: reason,
    ...(route === 'generate' && { context: [1, 2, 3] }),
    total_duration: NANOS_PER_TOKEN + promptNanos + evalNanos,
    load_duration: NANOS_PER_TOKEN,
    prompt_eval_count: usage.inputTokens,
    prompt_eval_duration: promptNanos,
    eval_count: usage.outputTokens,
    eval_duration: evalNanos,
  };
}

/** Answers `POST /api/chat` or `POST /api/generate`. */
export function ollamaChat(ctx: MockContext, route: 'chat' | 'generate') {
  const name = asString(ctx.body.model);
  if (!name) refuse('model is required');
  const model = findOllamaModel(name, ctx.models);
  if (route === 'chat' && !Array.isArray(ctx.body.messages)) refuse('messages is required');
  const { answer: request, inputTokens } = readRequest(ctx, model, route);
  const answer = planAnswer(request);
  const usage: TokenUsage = {
    inputTokens,
    outputTokens: answer.outputTokens,
    reasoningTokens: answer.reasoningTokens,
  };
  const createdAt = new Date(ctx.request.time).toISOString();
  const line = (content: string, extra: JsonRecord = {}): JsonRecord => ({
    model: name,
    created_at: createdAt,
    ...(route === 'chat'
      ? { message: { role: 'assistant', content, ...extra } }
      : { response: content, ...extra }),
  });
  const toolCalls = answer.toolCalls.map((tool, index) => ({
    function: { index, name: tool.name, arguments: tool.input },
  }));
  const thinking = answer.reasoning !== undefined ? { thinking: answer.reasoning } : {};
  const reason = answer.stop === 'length' ? 'length' : 'stop';
  // Streaming is the default: only an explicit `stream: false` gets one JSON object.
  if (ctx.body.stream === false) {
    const extra = { ...thinking, ...(toolCalls.length > 0 && { tool_calls: toolCalls }) };
    return ctx.json({ ...line(answer.text, extra), ...doneFields(usage, route, reason) }, usage);
  }
  const frames: StreamFrame[] = [];
  const push = (content: string, extra?: JsonRecord) =>
    frames.push({ data: JSON.stringify({ ...line(content, extra), done: false }) });
  if (answer.reasoning !== undefined)
    for (const piece of splitText(answer.reasoning, 2)) push('', { thinking: piece });
  if (toolCalls.length > 0) push('', { tool_calls: toolCalls });
  else for (const piece of splitText(answer.text, ctx.chunks)) push(piece);
  frames.push({ data: JSON.stringify({ ...line(''), ...doneFields(usage, route, reason) }), usage });
  ctx.stream('ndjson', frames);
}
