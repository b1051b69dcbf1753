/**
 * Reads a Responses API request as OpenAI does: known parameters only, `input` items checked (each
 * `function_call_output` answering a `function_call` before it, `item_reference`s to stored items),
 * reasoning only on reasoning models, tools, `text.format` and images well formed.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
import type { AnswerRequest, MockToolResult } from './answer.js';
import type { MockContext } from './context.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import { checkImageUrl } from './openai-chat-request.js';
import type { OpenAiFlavor } from './openai-flavors.js';
import { reasoningTokensOf } from './openai-reasoning.js';
import { readOpenAiToolChoice, readOpenAiTools, readParallelToolCalls } from './openai-tools.js';
import type { CachedPrompt } from './prompt-cache.js';
import { refuse } from './request-error.js';
import { countWordsIn } from './tokens.js';
import { findStrictSchemaProblem } from './tool-schemas.js';

/** Every top-level field of a Responses request the API documents. */
export const RESPONSES_PARAMETERS = new Set([
  'model',
  'input',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'metadata',
  'parallel_tool_calls',
  'previous_response_id',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'user',
  'include',
  'background',
  'conversation',
  'context_management',
]);

const MIN_OUTPUT_TOKENS = 16;
const SUMMARY_MODES = ['auto', 'concise', 'detailed'];

/** A read Responses request. */
export interface ResponsesCall {
  model: string;
  answer: AnswerRequest;
  inputTokens: number;
  prompt: CachedPrompt;
  /** Whether a reasoning item is answered, and with a summary / encrypted content. */
  reasoningItem?: { summary: boolean; encrypted: boolean };
}

/** Reads and checks a Responses request; throws a `MockRequestError` for what the API refuses. */
export function readResponsesCall(ctx: MockContext, flavor: OpenAiFlavor): ResponsesCall {
  const { body } = ctx;
  if (flavor.strictParams)
    for (const key of Object.keys(body))
      if (!RESPONSES_PARAMETERS.has(key))
        refuse(`Unknown parameter: '${key}'.`, { code: 'unknown_parameter', param: key });
  const model = asString(body.model);
  if (!model)
    refuse("Missing required parameter: 'model'.", { code: 'missing_required_parameter', param: 'model' });
  flavor.checkModel?.(model, ctx.models);
  if (body.input === undefined && body.previous_response_id === undefined)
    refuse("Missing required parameter: 'input'.", { code: 'missing_required_parameter', param: 'input' });
  if (typeof body.previous_response_id === 'string')
    refuse(`Previous response with id '${body.previous_response_id}' not found.`, {
      code: 'previous_response_not_found',
      param: 'previous_response_id',
    });
  const maxOutputTokens = asNumber(body.max_output_tokens);
  if (maxOutputTokens !== undefined && maxOutputTokens < MIN_OUTPUT_TOKENS)
    refuse(
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${MIN_OUTPUT_TOKENS}, but got ${maxOutputTokens} instead.`,
      { code: 'integer_below_min_value', param: 'max_output_tokens' },
    );
  const reasoning = asRecord(body.reasoning);
  const summary = reasoning.summary;
  const tokens = flavor.strictParams
    ? reasoningTokensOf(model, reasoning.effort, 'reasoning.effort', body)
    : undefined;
  if (tokens === undefined && summary !== undefined && summary !== null)
    refuse("Unsupported parameter: 'reasoning.summary' is not supported with this model.", {
      code: 'unsupported_parameter',
      param: 'reasoning.summary',
    });
  if (summary !== undefined && summary !== null && !SUMMARY_MODES.includes(String(summary)))
    refuse(`Invalid value: '${String(summary)}'. Supported values are: 'auto', 'concise', and 'detailed'.`, {
      code: 'invalid_value',
      param: 'reasoning.summary',
    });
  const items =
    typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : asArray(body.input);
  const conversation = readItems(
    ctx,
    items,
    typeof body.instructions === 'string' ? body.instructions : undefined,
  );
  const tools = readOpenAiTools(body.tools, 'responses');
  const hasTools = asArray(body.tools).length > 0;
  const answer: AnswerRequest = {
    ...conversation.answer,
    tools,
    toolChoice: readOpenAiToolChoice(body.tool_choice, tools, hasTools, 'responses'),
    parallelToolCalls: readParallelToolCalls(body, hasTools, 'responses'),
    schema: readTextFormat(body, conversation.texts, flavor.strictParams),
    offSchema: ctx.offSchema,
    maxOutputTokens,
    ...(tokens !== undefined && { reasoning: { tokens } }),
  };
  const include = asArray(body.include);
  return {
    model,
    answer,
    inputTokens: countWordsIn(conversation.texts),
    prompt: {
      scope: `${ctx.kind}:responses:${model}`,
      parts: [body.tools ?? null, body.instructions ?? null, ...items],
      tokensUpTo: [0, ...conversation.tokensUpTo],
    },
    ...(tokens !== undefined &&
      tokens > 0 && {
        reasoningItem: {
          summary: summary !== undefined && summary !== null,
          encrypted: include.includes('reasoning.encrypted_content'),
        },
      }),
  };
}

interface Conversation {
  answer: Pick<AnswerRequest, 'lastUserText' | 'images' | 'toolResults'>;
  texts: string[];
  tokensUpTo: number[];
}

const MESSAGE_ROLES = ['user', 'assistant', 'system', 'developer'];

function readItems(ctx: MockContext, items: unknown[], instructions: string | undefined): Conversation {
  const texts: string[] = instructions ? [instructions] : [];
  const tokensUpTo: number[] = [countWordsIn(texts)];
  const calls = new Set<string>();
  let lastUserText = '';
  let images: string[] = [];
  let results: MockToolResult[] = [];
  items.forEach((raw, i) => {
    let item = asRecord(raw);
    if (item.type === 'item_reference') {
      const id = asString(item.id) ?? '';
      const stored = ctx.state.findItem(id);
      if (!stored) refuse(`Item with id '${id}' not found.`, { status: 404, param: 'input' });
      item = stored;
    }
    const type = asString(item.type) ?? (item.role !== undefined ? 'message' : undefined);
    if (type === 'message') {
      const role = asString(item.role);
      if (!role || !MESSAGE_ROLES.includes(role))
        refuse(
          `Invalid value: '${String(item.role)}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.`,
          { code: 'invalid_value', param: `input[${i}].role` },
        );
      const own = textsOf(item.content);
      texts.push(...own);
      results = [];
      if (role === 'user') {
        lastUserText = own.join(' ');
        images = readImages(item.content, i);
      }
    } else if (type === 'function_call') {
      const callId = asString(item.call_id);
      if (!callId)
        refuse(`Missing required parameter: 'input[${i}].call_id'.`, { param: `input[${i}].call_id` });
      calls.add(callId);
      results = [];
    } else if (type === 'function_call_output') {
      const callId = asString(item.call_id) ?? '';
      if (!calls.has(callId))
        refuse(`No tool call found for function call output with call_id ${callId}.`, { param: 'input' });
      const text = typeof item.output === 'string' ? item.output : textsOf(item.output).join(' ');
      texts.push(text);
      results.push({ id: callId, text });
    }
    tokensUpTo.push(countWordsIn(texts));
  });
  const lastType = asRecord(items[items.length - 1]).type;
  return {
    answer: { lastUserText, images, ...(lastType === 'function_call_output' && { toolResults: results }) },
    texts,
    tokensUpTo,
  };
}

/** Media types of a user message's `input_image` parts (`file` for one given by `file_id`). */
function readImages(content: unknown, i: number): string[] {
  const images: string[] = [];
  asArray(content).forEach((raw, j) => {
    const part = asRecord(raw);
    if (part.type !== 'input_image') return;
    if (typeof part.file_id === 'string' && part.image_url === undefined) images.push('file');
    else images.push(checkImageUrl(asString(part.image_url), `input[${i}].content[${j}].image_url`));
  });
  return images;
}

/** `text.format`: text, `json_object` (the input must say "json"), or a named `json_schema`. */
function readTextFormat(body: JsonRecord, texts: readonly string[], strict: boolean): unknown {
  const format = asRecord(asRecord(body.text).format);
  if (format.type === 'json_object') {
    if (strict && !texts.some((text) => /json/i.test(text)))
      refuse(
        "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
        {
          param: 'input',
        },
      );
    return {};
  }
  if (format.type !== 'json_schema') return undefined;
  if (strict && typeof format.name !== 'string')
    refuse("Missing required parameter: 'text.format.name'.", {
      code: 'missing_required_parameter',
      param: 'text.format.name',
    });
  const schema = format.schema ?? {};
  const problem = format.strict === true ? findStrictSchemaProblem(schema) : undefined;
  if (problem)
    refuse(`Invalid schema for response_format '${String(format.name)}': ${problem}`, {
      code: 'invalid_json_schema',
      param: 'text.format.schema',
    });
  return schema;
}
