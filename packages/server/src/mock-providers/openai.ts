/**
 * The OpenAI wire format, served for OpenAI, xAI, generic OpenAI-compatible servers and Ollama's `/v1`
 * (each a {@link OpenAiFlavor}): chat completions (JSON and SSE ending in `data: [DONE]`), embeddings
 * (float or base64), the model list, and the Responses API (`openai-responses.ts`).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import { type Answer, type MockTool, type MockToolChoice, pickTool, planAnswer } from './answer.js';
import { DEFAULT_DIMENSIONS, LISTED_AT_SECONDS } from './catalog.js';
import type { MockContext } from './context.js';
import { createEmbedding, encodeEmbeddingBase64 } from './embedding.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import { type KindModule, readBearer } from './kind-module.js';
import type { OpenAiFlavor } from './openai-flavors.js';
import { handleResponses } from './openai-responses.js';
import type { StreamFrame } from './sse.js';
import { countWords, countWordsIn, splitText, type TokenUsage } from './tokens.js';

/** A chat request read into what the answer depends on. */
interface ChatRequest {
  model: string;
  inputTokens: number;
  answer: Answer;
}

/** Creates the module that answers the OpenAI format the way `flavor` does. */
export function createOpenAiModule(flavor: OpenAiFlavor): KindModule {
  const routes: Record<string, (ctx: MockContext) => void> = {
    'POST /v1/chat/completions': (ctx) => chatCompletions(ctx, flavor),
    'POST /v1/embeddings': embeddings,
    'GET /v1/models': (ctx) => listModels(ctx, flavor),
    'POST /v1/responses': handleResponses,
  };
  return {
    readApiKey: readBearer,
    authError: flavor.authError,
    errorBody: flavor.errorBody,
    handle(ctx) {
      const { method, path } = ctx.request;
      const route = routes[`${method} ${path}`];
      if (route) return route(ctx);
      if (method === 'GET' && path.startsWith('/v1/models/')) return getModel(ctx, flavor);
      ctx.error(404, `Invalid URL (${method} ${path})`);
    },
  };
}

/** OpenAI's `tool_choice`: `"auto"`, `"none"`, `"required"` or `{ type: "function", function: { name } }`. */
function readToolChoice(value: unknown): MockToolChoice {
  if (value === 'none' || value === 'required') return value;
  const name = asString(asRecord(asRecord(value).function).name);
  return name ? { name } : 'auto';
}

function readChatRequest(ctx: MockContext): ChatRequest | undefined {
  const { body } = ctx;
  const messages = asArray(body.messages).map(asRecord);
  if (messages.length === 0) {
    ctx.error(400, "'messages' is a required property and must be a non-empty array");
    return undefined;
  }
  const texts: string[] = [];
  let lastUserText = '';
  for (const message of messages) {
    const own = textsOf(message.content);
    texts.push(...own);
    if (message.role === 'user') lastUserText = own.join(' ');
  }
  const last = messages[messages.length - 1];
  const tools: MockTool[] = asArray(body.tools).flatMap((tool) => {
    const fn = asRecord(asRecord(tool).function);
    const name = asString(fn.name);
    return name ? [{ name, schema: fn.parameters }] : [];
  });
  const endsWithToolResult = last?.role === 'tool' || last?.role === 'function';
  const format = asRecord(body.response_format);
  const schema =
    format.type === 'json_schema'
      ? (asRecord(format.json_schema).schema ?? {})
      : format.type === 'json_object'
        ? {}
        : undefined;
  const tool = pickTool(tools, readToolChoice(body.tool_choice), endsWithToolResult);
  return {
    model: asString(body.model) ?? 'unknown',
    inputTokens: countWordsIn(texts),
    answer: planAnswer({ lastUserText, schema, tool, offSchema: ctx.offSchema }),
  };
}

function usageOf(chat: ChatRequest, flavor: OpenAiFlavor): TokenUsage {
  const reasoningTokens = flavor.reasoning ? countWords(flavor.reasoning) : 0;
  return {
    inputTokens: chat.inputTokens,
    outputTokens: chat.answer.outputTokens + reasoningTokens,
    reasoningTokens,
  };
}

function toolCallId(ctx: MockContext): string {
  return `call_mock_${ctx.request.id}`;
}

function chatCompletions(ctx: MockContext, flavor: OpenAiFlavor) {
  const chat = readChatRequest(ctx);
  if (!chat) return;
  const usage = usageOf(chat, flavor);
  if (ctx.body.stream === true) return streamChat(ctx, flavor, chat, usage);
  const { answer } = chat;
  const message: JsonRecord =
    answer.type === 'text'
      ? { role: 'assistant', content: answer.text }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: toolCallId(ctx),
              type: 'function',
              function: { name: answer.name, arguments: answer.arguments },
            },
          ],
        };
  if (flavor.reasoning) message.reasoning_content = flavor.reasoning;
  Object.assign(message, flavor.messageExtras);
  const finishReason = answer.type === 'text' ? 'stop' : 'tool_calls';
  ctx.json(
    {
      id: `chatcmpl-mock-${ctx.request.id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: chat.model,
      choices: [{ index: 0, message, ...flavor.choiceExtras, finish_reason: finishReason }],
      usage: flavor.usage(usage),
      ...flavor.extras,
    },
    usage,
  );
}

/**
 * A streamed completion: a role delta, content (or tool-call) deltas, a finish delta, a usage chunk with
 * empty `choices` when `stream_options.include_usage` is set, then `data: [DONE]`.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
function streamChat(ctx: MockContext, flavor: OpenAiFlavor, chat: ChatRequest, usage: TokenUsage) {
  const includeUsage = asRecord(ctx.body.stream_options).include_usage === true;
  const head = JSON.stringify({
    id: `chatcmpl-mock-${ctx.request.id}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: chat.model,
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
  // The role rides on the first delta: a bare role delta (OpenAI) or the first reasoning one (xAI).
  if (flavor.reasoning) {
    splitText(flavor.reasoning, 2).forEach((piece, i) => {
      frames.push(
        chunk(i === 0 ? { reasoning_content: piece, role: 'assistant' } : { reasoning_content: piece }),
      );
    });
  } else {
    frames.push(chunk({ role: 'assistant', content: '', ...flavor.roleDeltaExtras }));
  }
  const { answer } = chat;
  if (answer.type === 'text') {
    for (const piece of splitText(answer.text, ctx.chunks)) frames.push(chunk({ content: piece }));
  } else {
    const call = { index: 0, id: toolCallId(ctx), type: 'function' };
    if (flavor.streamToolArguments) {
      frames.push(chunk({ tool_calls: [{ ...call, function: { name: answer.name, arguments: '' } }] }));
      for (const piece of splitText(answer.arguments, ctx.chunks)) {
        frames.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
      }
    } else {
      frames.push(
        chunk({ tool_calls: [{ ...call, function: { name: answer.name, arguments: answer.arguments } }] }),
      );
    }
  }
  frames.push(chunk({}, answer.type === 'text' ? 'stop' : 'tool_calls'));
  if (includeUsage) {
    frames.push({ data: `${head},"choices":[],"usage":${JSON.stringify(flavor.usage(usage))}}`, usage });
  }
  frames.push({ data: '[DONE]' });
  ctx.stream('sse', frames);
}

/** Inputs of an embeddings request: a string, strings, a token array or token arrays. */
function readEmbeddingInputs(input: unknown): { texts: string[]; tokens: number } | undefined {
  if (typeof input === 'string') return { texts: [input], tokens: countWords(input) };
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number'))
    return { texts: [input.join(' ')], tokens: input.length };
  const texts: string[] = [];
  let tokens = 0;
  for (const item of input) {
    if (typeof item === 'string') {
      texts.push(item);
      tokens += countWords(item);
    } else if (Array.isArray(item)) {
      texts.push(item.join(' '));
      tokens += item.length;
    } else {
      return undefined;
    }
  }
  return { texts, tokens };
}

/** @see https://platform.openai.com/docs/api-reference/embeddings/create */
function embeddings(ctx: MockContext) {
  const inputs = readEmbeddingInputs(ctx.body.input);
  if (!inputs) return ctx.error(400, "'input' must be a string, an array of strings or of token arrays");
  const dimensions = asNumber(ctx.body.dimensions) ?? DEFAULT_DIMENSIONS[ctx.kind];
  const base64 = ctx.body.encoding_format === 'base64';
  const data = inputs.texts.map((text, index) => {
    const vector = createEmbedding(text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? encodeEmbeddingBase64(vector) : vector };
  });
  const usage: TokenUsage = { inputTokens: inputs.tokens, outputTokens: 0 };
  ctx.json(
    {
      object: 'list',
      data,
      model: asString(ctx.body.model) ?? 'unknown',
      usage: { prompt_tokens: inputs.tokens, total_tokens: inputs.tokens },
    },
    usage,
  );
}

function modelObject(id: string, flavor: OpenAiFlavor): JsonRecord {
  return { id, object: 'model', created: LISTED_AT_SECONDS, owned_by: flavor.ownedBy };
}

/** @see https://platform.openai.com/docs/api-reference/models/list */
function listModels(ctx: MockContext, flavor: OpenAiFlavor) {
  ctx.json({ object: 'list', data: ctx.models.map((id) => modelObject(id, flavor)) });
}

function getModel(ctx: MockContext, flavor: OpenAiFlavor) {
  const id = decodeURIComponent(ctx.request.path.slice('/v1/models/'.length));
  if (!ctx.models.includes(id))
    return ctx.error(404, `The model '${id}' does not exist`, { code: 'model_not_found' });
  ctx.json(modelObject(id, flavor));
}
