/**
 * Reads a Messages request as Anthropic does: known fields only, roles and blocks checked (each
 * `tool_result` answering a `tool_use` of the assistant turn before it, thinking blocks carrying the
 * signature the mock gave them, images that are what they claim), the thinking rules, tools and
 * `tool_choice` well formed; then what the answer depends on and which prefixes `cache_control` marks.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
import {
  type AnswerRequest,
  type MockTool,
  type MockToolChoice,
  type MockToolResult,
  thoughtAbout,
} from './answer.js';
import type { MockContext } from './context.js';
import { decodeBase64, IMAGE_MEDIA_TYPES, isHttpUrl, sniffImageType } from './images.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import type { CachedPrompt } from './prompt-cache.js';
import { refuse } from './request-error.js';
import { verifyThinking } from './thinking-signature.js';
import { countWordsIn } from './tokens.js';
import { isObjectSchema } from './tool-schemas.js';

/** Every top-level field of a Messages request the API documents. */
export const MESSAGES_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
  'output_config',
  'output_format',
  'inference_geo',
  'speed',
  'fallbacks',
  'cache_control',
  'safeguards',
]);

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MIN_THINKING_BUDGET = 1024;
const MAX_CACHE_BREAKPOINTS = 4;
const DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** A read Messages request. */
export interface MessagesCall {
  model: string;
  answer: AnswerRequest;
  thinking: boolean;
  prompt: CachedPrompt;
  /** Indexes of `prompt.parts` a `cache_control` marks, and whether the last one asks for 1 hour. */
  cacheMarks: number[];
  longCache: boolean;
}

/** Reads and checks a Messages request; throws a `MockRequestError` for what the API refuses. */
export function readMessagesCall(ctx: MockContext, secret: string): MessagesCall {
  const { body } = ctx;
  for (const key of Object.keys(body))
    if (!MESSAGES_FIELDS.has(key)) refuse(`${key}: Extra inputs are not permitted`);
  const model = asString(body.model);
  if (!model) refuse('model: Field required');
  if (!ctx.models.some((listed) => listed === model || listed.replace(/-\d{8}$/, '') === model))
    refuse(`model: ${model}`, { status: 404 });
  if (!Array.isArray(body.messages)) refuse('messages: Field required');
  const maxTokens = asNumber(body.max_tokens);
  if (maxTokens === undefined) refuse('max_tokens: Field required');
  const thinking = readThinking(body, maxTokens);
  const tools = readTools(body.tools);
  const choice = readToolChoice(body, tools, thinking);
  const prompt = newPrompt(`anthropic:${model}`);
  const marks: JsonRecord[] = [];
  const mark = (block: JsonRecord, texts: string[]) => {
    addPart(prompt, block, texts);
    if (block.cache_control !== undefined && block.cache_control !== null) marks.push(block);
  };
  for (const tool of asArray(body.tools)) mark(asRecord(tool), []);
  const system =
    typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : asArray(body.system);
  system.forEach((raw, i) => {
    const block = asRecord(raw);
    if (block.type !== 'text') refuse(`system.${i}.type: Input should be 'text'`);
    mark(block, textsOf(block));
  });
  const turns = readTurns(body.messages, thinking, secret);
  for (const block of turns.blocks) mark(block, textsOf(block.type === 'tool_use' ? [] : block));
  if (body.cache_control !== undefined && prompt.parts.length > 0)
    marks.push(prompt.parts.at(-1) as JsonRecord);
  if (marks.length > MAX_CACHE_BREAKPOINTS)
    refuse(
      `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${marks.length}.`,
    );
  const format = asRecord(asRecord(body.output_config).format ?? body.output_format);
  const answer: AnswerRequest = {
    ...turns.answer,
    tools,
    toolChoice: choice,
    parallelToolCalls: asRecord(body.tool_choice).disable_parallel_tool_use !== true,
    schema: format.type === 'json_schema' ? (format.schema ?? {}) : undefined,
    offSchema: ctx.offSchema,
    maxOutputTokens: maxTokens,
    ...(thinking && { reasoning: { text: thoughtAbout(turns.answer) } }),
  };
  const lastMark = asRecord(marks.at(-1)?.cache_control ?? body.cache_control);
  return {
    model,
    answer,
    thinking,
    prompt,
    cacheMarks: marks.map((block) => prompt.parts.indexOf(block)),
    longCache: lastMark.ttl === '1h',
  };
}

type MutablePrompt = CachedPrompt & { parts: unknown[]; tokensUpTo: number[] };

function newPrompt(scope: string): MutablePrompt {
  return { scope, parts: [], tokensUpTo: [] };
}

function addPart(prompt: MutablePrompt, part: unknown, texts: string[]): void {
  prompt.parts.push(part);
  prompt.tokensUpTo.push((prompt.tokensUpTo.at(-1) ?? 0) + countWordsIn(texts));
}

/** `thinking`: `enabled` with a budget of 1,024 or more below `max_tokens`, `adaptive`, or `disabled`. */
function readThinking(body: JsonRecord, maxTokens: number): boolean {
  if (body.thinking === undefined || body.thinking === null) return false;
  const thinking = asRecord(body.thinking);
  const type = thinking.type;
  if (type === 'disabled') return false;
  if (type !== 'enabled' && type !== 'adaptive')
    refuse(
      `thinking: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'disabled', 'enabled', 'adaptive'`,
    );
  if (type === 'enabled') {
    const budget = asNumber(thinking.budget_tokens);
    if (budget === undefined) refuse('thinking.enabled.budget_tokens: Field required');
    if (budget < MIN_THINKING_BUDGET)
      refuse(
        `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`,
      );
    if (maxTokens <= budget)
      refuse(
        `\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${DOCS}#max-tokens-and-context-window-size`,
      );
  }
  const temperature = asNumber(body.temperature);
  if (temperature !== undefined && temperature !== 1)
    refuse(
      `\`temperature\` may only be set to 1 when thinking is enabled or in extended thinking mode. Please consult our documentation at ${DOCS}#feature-compatibility`,
    );
  if (body.top_k !== undefined && body.top_k !== null)
    refuse(
      `\`top_k\` is not supported when thinking is enabled. Please consult our documentation at ${DOCS}#feature-compatibility`,
    );
  const topP = asNumber(body.top_p);
  if (topP !== undefined && topP < 0.95)
    refuse(
      `\`top_p\` must be greater than or equal to 0.95 or unset when thinking is enabled. Please consult our documentation at ${DOCS}#feature-compatibility`,
    );
  return true;
}

/** Client tools (a name and an object `input_schema`); typed server tools are accepted, never called. */
function readTools(raw: unknown): MockTool[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) refuse('tools: Input should be a valid list');
  const tools: MockTool[] = [];
  const names = new Set<string>();
  raw.forEach((value, i) => {
    const tool = asRecord(value);
    const name = asString(tool.name);
    const custom = tool.type === undefined || tool.type === null || tool.type === 'custom';
    const at = custom ? `tools.${i}.custom` : `tools.${i}`;
    if (name === undefined) refuse(`${at}.name: Field required`);
    if (names.has(name)) refuse('tools: Tool names must be unique.');
    names.add(name);
    if (!custom) return;
    if (!TOOL_NAME.test(name)) refuse(`${at}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (tool.input_schema === undefined) refuse(`${at}.input_schema: Field required`);
    if (!isObjectSchema(tool.input_schema)) refuse(`${at}.input_schema.type: Input should be 'object'`);
    tools.push({ name, schema: tool.input_schema });
  });
  return tools;
}

/** `tool_choice`: `auto`, `any`, `tool` (a name among the tools) or `none`; forcing is not for thinking. */
function readToolChoice(body: JsonRecord, tools: readonly MockTool[], thinking: boolean): MockToolChoice {
  if (body.tool_choice === undefined || body.tool_choice === null) return 'auto';
  const choice = asRecord(body.tool_choice);
  if (asArray(body.tools).length === 0)
    refuse('tool_choice: tool_choice may only be specified while providing tools');
  if (!['auto', 'any', 'tool', 'none'].includes(String(choice.type)))
    refuse(
      `tool_choice: Input tag '${String(choice.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
    );
  if (thinking && (choice.type === 'any' || choice.type === 'tool'))
    refuse('Thinking may not be enabled when tool_choice forces tool use.');
  if (choice.type === 'none') return 'none';
  if (choice.type === 'any') return 'required';
  if (choice.type === 'auto') return 'auto';
  const name = asString(choice.name);
  if (!name) refuse('tool_choice.tool.name: Field required');
  if (!tools.some((tool) => tool.name === name))
    refuse(`tool_choice.tool.name: Tool '${name}' not found in tools`);
  return { name };
}

interface Turns {
  answer: Pick<AnswerRequest, 'lastUserText' | 'images' | 'toolResults'>;
  /** Every content block, in order, for the prompt cache. */
  blocks: JsonRecord[];
}

/** Reads the messages, merging consecutive turns of one role as the API does. */
function readTurns(raw: unknown[], thinking: boolean, secret: string): Turns {
  const blocks: JsonRecord[] = [];
  let lastUserText = '';
  let images: string[] = [];
  let results: MockToolResult[] = [];
  // tool_use ids of the latest assistant turn, and where that turn is.
  let calls: { ids: Set<string>; at: number; startsWithThinking: boolean } | undefined;
  let previousRole: string | undefined;
  raw.forEach((value, i) => {
    const message = asRecord(value);
    const role = message.role;
    if (role !== 'user' && role !== 'assistant')
      refuse(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : asArray(message.content);
    if (content.length === 0 && !(role === 'assistant' && i === raw.length - 1))
      refuse(
        `messages.${i}: all messages must have non-empty content except for the optional final assistant message`,
      );
    const own = content.map(asRecord);
    blocks.push(...own);
    if (role === 'assistant') {
      if (previousRole !== 'assistant') {
        const first = own[0]?.type;
        calls = {
          ids: new Set(),
          at: i,
          startsWithThinking: first === 'thinking' || first === 'redacted_thinking',
        };
      }
      checkAssistantBlocks(own, i, secret, (calls as NonNullable<typeof calls>).ids);
      results = [];
    } else {
      const answered = checkUserBlocks(own, i, calls);
      if (calls && previousRole === 'assistant' && calls.ids.size > answered.size) {
        const missing = [...calls.ids].filter((id) => !answered.has(id));
        refuse(
          `messages.${calls.at}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
      if (answered.size > 0) {
        if (thinking && i === raw.length - 1 && calls && !calls.startsWithThinking)
          refuse(
            `messages.${calls.at}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`tool_use\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at ${DOCS}`,
          );
        results = own.filter((block) => block.type === 'tool_result').map(resultOf);
      } else {
        lastUserText = textsOf(own).join(' ');
        images = imagesOf(own, i);
        results = [];
      }
    }
    previousRole = role;
  });
  const endsWithResults = previousRole === 'user' && results.length > 0;
  return { answer: { lastUserText, images, ...(endsWithResults && { toolResults: results }) }, blocks };
}

/** Checks an assistant turn's blocks, adding its `tool_use` ids to `calls`. */
function checkAssistantBlocks(blocks: JsonRecord[], i: number, secret: string, calls: Set<string>): void {
  blocks.forEach((block, j) => {
    const at = `messages.${i}.content.${j}`;
    if (block.type === 'text' && block.text === '')
      refuse(`${at}.text: text content blocks must be non-empty`);
    if (block.type === 'thinking') {
      if (typeof block.thinking !== 'string') refuse(`${at}.thinking.thinking: Field required`);
      if (typeof block.signature !== 'string') refuse(`${at}.thinking.signature: Field required`);
      if (!verifyThinking(block.thinking, block.signature, secret))
        refuse(`${at}: Invalid \`signature\` in \`thinking\` block`);
    }
    if (block.type === 'tool_use') {
      const id = asString(block.id);
      if (!id) refuse(`${at}.tool_use.id: Field required`);
      calls.add(id);
    }
    if (block.type === 'tool_result') refuse(`${at}: tool_result blocks are only allowed in user messages`);
  });
}

/** Checks a user turn's blocks; answers the `tool_use` ids its `tool_result` blocks answer. */
function checkUserBlocks(
  blocks: JsonRecord[],
  i: number,
  calls: { ids: Set<string> } | undefined,
): Set<string> {
  const answered = new Set<string>();
  blocks.forEach((block, j) => {
    const at = `messages.${i}.content.${j}`;
    if (block.type === 'text' && block.text === '')
      refuse(`${at}.text: text content blocks must be non-empty`);
    if (block.type === 'tool_use' || block.type === 'thinking')
      refuse(`${at}: ${String(block.type)} blocks are only allowed in assistant messages`);
    if (block.type !== 'tool_result') return;
    const id = asString(block.tool_use_id) ?? '';
    if (!calls?.ids.has(id))
      refuse(
        `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    answered.add(id);
    imagesOf(asArray(block.content).map(asRecord), i);
  });
  return answered;
}

function resultOf(block: JsonRecord): MockToolResult {
  const text = textsOf(block.content).join(' ');
  return { id: String(block.tool_use_id), text: block.is_error === true ? `error: ${text}` : text };
}

/** Checks a turn's `image` blocks; answers their media types (`url` for an image given by URL). */
function imagesOf(blocks: JsonRecord[], i: number): string[] {
  const types: string[] = [];
  blocks.forEach((block, j) => {
    if (block.type !== 'image') return;
    const source = asRecord(block.source);
    const at = `messages.${i}.content.${j}.image.source`;
    if (source.type === 'url') {
      if (!isHttpUrl(String(source.url))) refuse(`${at}.url.url: Input should be a valid URL`);
      types.push('url');
    } else if (source.type === 'base64') {
      const mediaType = String(source.media_type);
      if (!(IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType))
        refuse(
          `${at}.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`,
        );
      const bytes = decodeBase64(String(source.data ?? ''));
      if (!bytes) refuse(`${at}.base64.data: The image data is not valid base64`);
      const actual = sniffImageType(bytes);
      if (actual !== mediaType)
        refuse(
          `${at}.base64.data: The image was specified using the ${mediaType} media type, but the image appears to be ${actual ? `a ${actual}` : 'not a valid'} image`,
        );
      types.push(mediaType);
    } else if (source.type === 'file') {
      types.push('file');
    } else {
      refuse(
        `${at}: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url', 'file'`,
      );
    }
  });
  return types;
}
