import type {
  LanguageModelV3FilePart,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3TextPart,
  LanguageModelV3ToolResultPart,
} from '@ai-sdk/provider';
import { z } from 'zod';
import { refuseField } from '../../../errors/refuse-field.js';
import { parseSurfaceBody } from '../shared/parse-surface-body.js';
import { decodeReasoningSignature } from '../shared/reasoning-signature.js';

const blockSchema = z.looseObject({ type: z.string() });
const contentSchema = z.union([z.string(), z.array(blockSchema)]);
const messageSchema = z.object({ role: z.enum(['user', 'assistant']), content: contentSchema });

type Block = z.infer<typeof blockSchema>;

const sourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('base64'), media_type: z.string().min(1), data: z.string() }),
  z.object({ type: z.literal('url'), url: z.url() }),
  z.object({ type: z.literal('text'), media_type: z.string().default('text/plain'), data: z.string() }),
]);

/** An `image` or `document` block as a file part: base64 inline, a URL kept as a URL, plain text as text. */
function filePart(block: Block, field: string): LanguageModelV3FilePart {
  const source = parseSurfaceBody(sourceSchema, block.source, `${field}.source`);
  const fallbackType = block.type === 'image' ? 'image/*' : 'application/pdf';
  if (source.type === 'url') {
    if (!/^https?:/i.test(source.url)) throw refuseField(`${field}.source.url`, 'must be an http(s) URL.');
    return { type: 'file', data: new URL(source.url), mediaType: fallbackType };
  }
  if (source.type === 'text') {
    return { type: 'file', data: Buffer.from(source.data).toString('base64'), mediaType: source.media_type };
  }
  return { type: 'file', data: source.data, mediaType: source.media_type };
}

function textOf(block: Block, field: string): string {
  if (typeof block.text !== 'string') throw refuseField(`${field}.text`, 'must be a string.');
  return block.text;
}

/** Blocks a translation ignores: hints to Anthropic's prompt cache have no meaning elsewhere. */
const HINTS = new Set(['cache_control', 'citations']);

function toolResultPart(
  block: Block,
  field: string,
  toolNames: ReadonlyMap<string, string>,
): LanguageModelV3ToolResultPart {
  const id = block.tool_use_id;
  if (typeof id !== 'string')
    throw refuseField(`${field}.tool_use_id`, 'is required on a tool_result block.');
  const toolName = toolNames.get(id);
  if (!toolName)
    throw refuseField(
      `${field}.tool_use_id`,
      `"${id}" answers no tool_use block of an earlier assistant message.`,
    );
  const raw = block.content ?? '';
  const isError = block.is_error === true;
  if (typeof raw === 'string') {
    return {
      type: 'tool-result',
      toolCallId: id,
      toolName,
      output: { type: isError ? 'error-text' : 'text', value: raw },
    };
  }
  const blocks = parseSurfaceBody(z.array(blockSchema), raw, `${field}.content`);
  const value = blocks.map((inner, index) => {
    const at = `${field}.content[${index}]`;
    if (inner.type === 'text') return { type: 'text' as const, text: textOf(inner, at) };
    if (inner.type === 'image') {
      const file = filePart(inner, at);
      return file.data instanceof URL
        ? { type: 'image-url' as const, url: file.data.href }
        : { type: 'image-data' as const, data: String(file.data), mediaType: file.mediaType };
    }
    throw refuseField(
      `${at}.type`,
      `"${inner.type}" has no translation in a tool result: send text or image blocks.`,
    );
  });
  if (isError) {
    return {
      type: 'tool-result',
      toolCallId: id,
      toolName,
      output: { type: 'error-text', value: value.map((v) => ('text' in v ? v.text : '')).join('') },
    };
  }
  return { type: 'tool-result', toolCallId: id, toolName, output: { type: 'content', value } };
}

function userMessages(
  content: Block[],
  at: string,
  toolNames: ReadonlyMap<string, string>,
): LanguageModelV3Message[] {
  const results: LanguageModelV3ToolResultPart[] = [];
  const parts: Array<LanguageModelV3TextPart | LanguageModelV3FilePart> = [];
  for (const [index, block] of content.entries()) {
    const field = `${at}.content[${index}]`;
    if (block.type === 'text') parts.push({ type: 'text', text: textOf(block, field) });
    else if (block.type === 'image' || block.type === 'document') parts.push(filePart(block, field));
    else if (block.type === 'tool_result') results.push(toolResultPart(block, field, toolNames));
    else throw refuseField(`${field}.type`, `"${block.type}" has no translation for this model.`);
  }
  // Tool results answer the previous turn; the providers want them in a tool message before new user content.
  return [
    ...(results.length ? [{ role: 'tool' as const, content: results }] : []),
    ...(parts.length || !results.length ? [{ role: 'user' as const, content: parts }] : []),
  ];
}

function assistantMessage(
  content: Block[],
  at: string,
  toolNames: Map<string, string>,
): LanguageModelV3Message {
  const parts: Extract<LanguageModelV3Message, { role: 'assistant' }>['content'] = [];
  for (const [index, block] of content.entries()) {
    const field = `${at}.content[${index}]`;
    if (block.type === 'text') parts.push({ type: 'text', text: textOf(block, field) });
    else if (block.type === 'thinking') {
      const providerOptions = decodeReasoningSignature(block.signature as string | undefined);
      parts.push({
        type: 'reasoning',
        text: typeof block.thinking === 'string' ? block.thinking : '',
        ...(providerOptions ? { providerOptions } : {}),
      });
    } else if (block.type === 'redacted_thinking') {
      parts.push({
        type: 'reasoning',
        text: '',
        providerOptions: { anthropic: { redactedData: String(block.data ?? '') } },
      });
    } else if (block.type === 'tool_use') {
      if (typeof block.id !== 'string' || typeof block.name !== 'string') {
        throw refuseField(field, 'a tool_use block needs its id and name.');
      }
      toolNames.set(block.id, block.name);
      parts.push({ type: 'tool-call', toolCallId: block.id, toolName: block.name, input: block.input ?? {} });
    } else throw refuseField(`${field}.type`, `"${block.type}" has no translation for this model.`);
  }
  return { role: 'assistant', content: parts };
}

/** Checks that a block carries only fields this translation reads (plus cache hints, which it ignores). */
function checkBlockFields(block: Block, field: string): void {
  const known: Readonly<Record<string, readonly string[]>> = {
    text: ['text'],
    image: ['source'],
    document: ['source', 'title', 'context'],
    tool_result: ['tool_use_id', 'content', 'is_error'],
    tool_use: ['id', 'name', 'input'],
    thinking: ['thinking', 'signature'],
    redacted_thinking: ['data'],
  };
  const allowed = known[block.type];
  if (!allowed) return;
  for (const key of Object.keys(block)) {
    if (key !== 'type' && !HINTS.has(key) && !allowed.includes(key)) {
      throw refuseField(`${field}.${key}`, 'has no translation for this model.');
    }
  }
}

/**
 * Anthropic Messages' `messages` as the AI SDK's prompt: text, images and documents (base64, URL or plain
 * text), `tool_use` blocks as tool calls, `tool_result` blocks as tool results named after the call they
 * answer (errors as error results), `thinking` blocks as reasoning with their signature carried in
 * provider options. `cache_control` is a hint to Anthropic's cache and has no meaning elsewhere.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function decodeMessageContent(raw: unknown): LanguageModelV3Prompt {
  const messages = parseSurfaceBody(z.array(messageSchema).min(1), raw, 'messages');
  const toolNames = new Map<string, string>();
  const prompt: LanguageModelV3Prompt = [];
  for (const [index, message] of messages.entries()) {
    const at = `messages[${index}]`;
    const blocks: Block[] =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    for (const [blockIndex, block] of blocks.entries())
      checkBlockFields(block, `${at}.content[${blockIndex}]`);
    if (message.role === 'user') prompt.push(...userMessages(blocks, at, toolNames));
    else prompt.push(assistantMessage(blocks, at, toolNames));
  }
  return prompt;
}

/** Anthropic's `system`: a string or text blocks, as one system message. */
export function decodeSystem(raw: unknown): LanguageModelV3Prompt {
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string') return raw ? [{ role: 'system', content: raw }] : [];
  const blocks = parseSurfaceBody(z.array(blockSchema), raw, 'system');
  const text = blocks
    .map((block, index) => {
      if (block.type !== 'text') throw refuseField(`system[${index}].type`, 'must be "text".');
      return textOf(block, `system[${index}]`);
    })
    .join('\n');
  return text ? [{ role: 'system', content: text }] : [];
}
