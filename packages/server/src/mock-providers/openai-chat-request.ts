/**
 * Reads a Chat Completions request as OpenAI does: known parameters only, roles and content parts
 * checked, each `tool` message answering a call of the assistant message before it, images that
 * decode, tools and `response_format` well formed; then what the answer depends on.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import type { AnswerRequest, MockToolResult } from './answer.js';
import type { MockContext } from './context.js';
import { decodeBase64, IMAGE_MEDIA_TYPES, isHttpUrl, parseDataUrl, sniffImageType } from './images.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import type { OpenAiFlavor } from './openai-flavors.js';
import { readOpenAiToolChoice, readOpenAiTools, readParallelToolCalls } from './openai-tools.js';
import type { CachedPrompt } from './prompt-cache.js';
import { refuse } from './request-error.js';
import { countWordsIn } from './tokens.js';
import { findStrictSchemaProblem } from './tool-schemas.js';

/** Every top-level field of a Chat Completions request the API documents. */
export const CHAT_PARAMETERS = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'n',
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'seed',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'verbosity',
  'metadata',
  'store',
  'service_tier',
  'modalities',
  'audio',
  'prediction',
  'web_search_options',
  'functions',
  'function_call',
]);

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];
const USER_PARTS = ['text', 'image_url', 'input_audio', 'file'];

/** A read chat request: its model, what the answer depends on, and its prompt for the cache. */
export interface ChatCall {
  model: string;
  answer: AnswerRequest;
  inputTokens: number;
  prompt: CachedPrompt;
}

/** Reads and checks a chat request; throws a `MockRequestError` for what the API refuses. */
export function readChatCall(ctx: MockContext, flavor: OpenAiFlavor): ChatCall {
  const { body } = ctx;
  if (flavor.strictParams) {
    for (const key of Object.keys(body))
      if (!CHAT_PARAMETERS.has(key)) refuse(`Unrecognized request argument supplied: ${key}`);
    if (body.stream_options !== undefined && body.stream_options !== null && body.stream !== true)
      refuse("The 'stream_options' parameter is only allowed when 'stream' is enabled.", {
        code: 'invalid_value',
        param: 'stream_options',
      });
  }
  const model = asString(body.model);
  if (!model) refuse('you must provide a model parameter', { param: 'model' });
  flavor.checkModel?.(model, ctx.models);
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    refuse("Invalid 'messages': empty array. Expected an array with minimum length 1.", {
      param: 'messages',
    });
  const reasoning = flavor.reasoningOf(model, body);
  if (reasoning && flavor.strictParams && body.max_tokens !== undefined && body.max_tokens !== null)
    refuse(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      {
        code: 'unsupported_parameter',
        param: 'max_tokens',
      },
    );
  const conversation = readMessages(body.messages);
  const tools = readOpenAiTools(body.tools, 'chat');
  const hasTools = tools.length > 0 || asArray(body.tools).length > 0;
  return {
    model,
    answer: {
      ...conversation.answer,
      tools,
      toolChoice: readOpenAiToolChoice(body.tool_choice, tools, hasTools, 'chat'),
      parallelToolCalls: readParallelToolCalls(body, hasTools, 'chat'),
      schema: readResponseFormat(body, conversation.texts, flavor.strictParams),
      offSchema: ctx.offSchema,
      reasoning,
      maxOutputTokens: asNumber(body.max_completion_tokens) ?? asNumber(body.max_tokens),
    },
    inputTokens: countWordsIn(conversation.texts),
    prompt: {
      scope: `${ctx.kind}:${model}`,
      parts: [body.tools ?? null, ...conversation.parts],
      tokensUpTo: [0, ...conversation.tokensUpTo],
    },
  };
}

interface Conversation {
  answer: Pick<AnswerRequest, 'lastUserText' | 'images' | 'toolResults'>;
  texts: string[];
  parts: unknown[];
  tokensUpTo: number[];
}

function readMessages(raw: unknown[]): Conversation {
  const texts: string[] = [];
  const tokensUpTo: number[] = [];
  let lastUserText = '';
  let images: string[] = [];
  let results: MockToolResult[] = [];
  // Ids of the last assistant message's tool calls that no tool message answered yet.
  let pending: { ids: Set<string>; at: number } | undefined;
  raw.forEach((value, i) => {
    const message = asRecord(value);
    const role = asString(message.role);
    if (!role || !ROLES.includes(role))
      refuse(
        `Invalid value: '${String(message.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        { code: 'invalid_value', param: `messages[${i}].role` },
      );
    if (role !== 'tool' && pending && pending.ids.size > 0) unanswered(pending);
    const own = textsOf(message.content);
    texts.push(...own);
    tokensUpTo.push(countWordsIn(texts));
    if (role === 'user') {
      images = readUserContent(message.content, i);
      lastUserText = own.join(' ');
      results = [];
    } else if (role === 'assistant') {
      checkPartTypes(message.content, i, ['text', 'refusal']);
      results = [];
      pending = { ids: readToolCalls(message, i), at: i };
    } else if (role === 'tool') {
      checkPartTypes(message.content, i, ['text']);
      const id = asString(message.tool_call_id);
      if (!id)
        refuse(`Missing required parameter: 'messages[${i}].tool_call_id'.`, {
          param: `messages[${i}].tool_call_id`,
        });
      if (!pending)
        refuse(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          {
            param: `messages.[${i}].role`,
          },
        );
      if (!pending.ids.delete(id))
        refuse(
          `Invalid parameter: 'tool_call_id' of '${id}' not found in 'tool_calls' of previous message.`,
          {
            param: `messages.[${i}].tool_call_id`,
          },
        );
      results.push({ id, text: own.join(' ') });
    } else {
      checkPartTypes(message.content, i, ['text']);
      results =
        role === 'function' ? [{ id: asString(message.name) ?? 'function', text: own.join(' ') }] : [];
    }
    if (role !== 'assistant' && role !== 'tool') pending = undefined;
  });
  if (pending && pending.ids.size > 0) unanswered(pending);
  const last = asRecord(raw[raw.length - 1]);
  const endsWithResults = last.role === 'tool' || last.role === 'function';
  return {
    answer: { lastUserText, images, ...(endsWithResults && { toolResults: results }) },
    texts,
    parts: raw,
    tokensUpTo,
  };
}

function unanswered(pending: { ids: Set<string>; at: number }): never {
  refuse(
    `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending.ids].join(', ')}`,
    { param: `messages.[${pending.at}].role` },
  );
}

/** Refuses a content part whose type the role does not take (images only come from users). */
function checkPartTypes(content: unknown, i: number, allowed: readonly string[]): void {
  asArray(content).forEach((raw, j) => {
    const type = String(asRecord(raw).type);
    if (!allowed.includes(type))
      refuse(
        `Invalid value: '${type}'. Supported values are: ${allowed.map((name) => `'${name}'`).join(' and ')}.`,
        { code: 'invalid_value', param: `messages[${i}].content[${j}].type` },
      );
  });
}

/** The ids of an assistant message's `tool_calls`, each checked. */
function readToolCalls(message: JsonRecord, i: number): Set<string> {
  const ids = new Set<string>();
  const calls = message.tool_calls;
  if (calls === undefined || calls === null) {
    if (message.content === null && message.function_call === undefined)
      refuse(`Invalid value for 'messages[${i}].content': expected a string, got null.`, {
        param: `messages.[${i}].content`,
      });
    return ids;
  }
  asArray(calls).forEach((value, j) => {
    const call = asRecord(value);
    const at = `messages[${i}].tool_calls[${j}]`;
    const id = asString(call.id);
    if (!id) refuse(`Missing required parameter: '${at}.id'.`, { param: `${at}.id` });
    const fn = asRecord(call.function);
    if (typeof fn.name !== 'string' || typeof fn.arguments !== 'string')
      refuse(
        `Missing required parameter: '${at}.function.${typeof fn.name !== 'string' ? 'name' : 'arguments'}'.`,
        {
          param: `${at}.function`,
        },
      );
    ids.add(id);
  });
  return ids;
}

/** Checks a user message's parts; answers the media types of its images (`url` for a URL). */
function readUserContent(content: unknown, i: number): string[] {
  if (typeof content === 'string') return [];
  if (!Array.isArray(content))
    refuse(`Invalid type for 'messages[${i}].content': expected a string or an array.`);
  const images: string[] = [];
  content.forEach((value, j) => {
    const part = asRecord(value);
    const at = `messages[${i}].content[${j}]`;
    if (!USER_PARTS.includes(String(part.type)))
      refuse(
        `Invalid value: '${String(part.type)}'. Supported values are: 'text', 'image_url', 'input_audio', and 'file'.`,
        { code: 'invalid_value', param: `${at}.type` },
      );
    if (part.type === 'text' && typeof part.text !== 'string')
      refuse(`Missing required parameter: '${at}.text'.`, { param: `${at}.text` });
    if (part.type === 'image_url')
      images.push(checkImageUrl(asString(asRecord(part.image_url).url), `${at}.image_url.url`));
  });
  return images;
}

/**
 * An image given by URL: `http(s)` (type `url`), or a `data:image/...;base64,` URL whose bytes are an
 * image. Shared with Responses `input_image`.
 */
export function checkImageUrl(url: string | undefined, param: string): string {
  if (url === undefined) refuse(`Missing required parameter: '${param}'.`, { param });
  if (isHttpUrl(url)) return 'url';
  const data = parseDataUrl(url);
  if (!data)
    refuse(`Invalid '${param}'. Expected a valid URL, but got a value with an invalid format.`, {
      code: 'invalid_value',
      param,
    });
  const bytes = decodeBase64(data.data);
  if (!(IMAGE_MEDIA_TYPES as readonly string[]).includes(data.mediaType) || !bytes)
    refuse(
      `Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got a value with an invalid format.`,
      { code: 'invalid_value', param },
    );
  if (!sniffImageType(bytes))
    refuse('You uploaded an unsupported image. Please make sure your image is valid.', {
      code: 'invalid_image_format',
      param,
    });
  return data.mediaType;
}

/** `response_format`: text, `json_object` (the messages must say "json"), or a named `json_schema`. */
function readResponseFormat(body: JsonRecord, texts: readonly string[], strict: boolean): unknown {
  const format = asRecord(body.response_format);
  if (format.type === 'json_object') {
    if (strict && !texts.some((text) => /json/i.test(text)))
      refuse(
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        {
          param: 'messages',
        },
      );
    return {};
  }
  if (format.type !== 'json_schema') return undefined;
  const spec = asRecord(format.json_schema);
  if (strict && typeof spec.name !== 'string')
    refuse("Missing required parameter: 'response_format.json_schema.name'.", {
      code: 'missing_required_parameter',
      param: 'response_format.json_schema.name',
    });
  const schema = spec.schema ?? {};
  const problem = spec.strict === true ? findStrictSchemaProblem(schema) : undefined;
  if (problem)
    refuse(`Invalid schema for response_format '${String(spec.name)}': ${problem}`, {
      code: 'invalid_json_schema',
      param: 'response_format',
    });
  return schema;
}
