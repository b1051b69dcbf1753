import type {
  LanguageModelV3FilePart,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3TextPart,
} from '@ai-sdk/provider';
import { z } from 'zod';
import { refuseField } from '../../../errors/refuse-field.js';
import { parseDataUrl } from '../shared/parse-data-url.js';
import { parseSurfaceBody } from '../shared/parse-surface-body.js';
import { parseToolArguments } from '../shared/parse-tool-arguments.js';
import { decodeReasoningSignature } from '../shared/reasoning-signature.js';

/** A content part: text, an image or a file; audio has no translation. */
const partSchema = z.looseObject({ type: z.string() });
const contentSchema = z.union([z.string(), z.array(partSchema)]).nullish();

const toolCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

/** OpenRouter's `reasoning_details` entries, the one place a Chat Completions answer keeps a signature. */
const reasoningDetailSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  signature: z.string().nullish(),
});

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: contentSchema,
  name: z.string().optional(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_call_id: z.string().optional(),
  reasoning_content: z.string().nullish(),
  reasoning_details: z.array(reasoningDetailSchema).nullish(),
});

type ChatMessage = z.infer<typeof messageSchema>;

/** Message fields a translation carries; others are refused by name. */
const KNOWN_MESSAGE_FIELDS = new Set([
  'role',
  'content',
  'name',
  'tool_calls',
  'tool_call_id',
  'reasoning_content',
  'reasoning_details',
  'refusal',
]);

function textOfPart(part: z.infer<typeof partSchema>, field: string): string {
  if (part.type === 'text' && typeof part.text === 'string') return part.text;
  if (part.type === 'refusal' && typeof part.refusal === 'string') return part.refusal;
  throw refuseField(`${field}.type`, `"${part.type}" has no translation in this message: send text parts.`);
}

function textOf(content: ChatMessage['content'], field: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part, index) => textOfPart(part, `${field}[${index}]`)).join('');
}

/**
 * An `image_url` part as a file part: a `data:` URL inline, an http(s) URL kept as a URL (the gateway
 * fetches it for a provider that takes no URLs, within limits).
 */
function imagePart(part: z.infer<typeof partSchema>, field: string): LanguageModelV3FilePart {
  const url = (part.image_url as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string') throw refuseField(`${field}.image_url.url`, 'must be a URL string.');
  if (url.startsWith('data:')) {
    const data = parseDataUrl(url, `${field}.image_url.url`);
    if (!data.mediaType.startsWith('image/')) {
      throw refuseField(`${field}.image_url.url`, `is a data: URL of ${data.mediaType}, not an image.`);
    }
    return { type: 'file', data: data.base64, mediaType: data.mediaType };
  }
  if (/^https?:\/\//i.test(url) && URL.canParse(url)) {
    return { type: 'file', data: new URL(url), mediaType: 'image/*' };
  }
  throw refuseField(`${field}.image_url.url`, 'must be an http(s) URL or a base64 data: URL.');
}

/** A `file` part (`file.file_data`, a data URL): PDFs and the like; uploaded `file_id`s live at OpenAI only. */
function filePart(part: z.infer<typeof partSchema>, field: string): LanguageModelV3FilePart {
  const file = (part.file ?? {}) as { file_data?: unknown; filename?: unknown; file_id?: unknown };
  if (typeof file.file_data !== 'string') {
    throw refuseField(
      `${field}.file`,
      'must carry file_data (a data: URL): uploaded file IDs exist at OpenAI only.',
    );
  }
  const data = parseDataUrl(file.file_data, `${field}.file.file_data`);
  return {
    type: 'file',
    data: data.base64,
    mediaType: data.mediaType,
    ...(typeof file.filename === 'string' ? { filename: file.filename } : {}),
  };
}

function userParts(
  content: ChatMessage['content'],
  field: string,
): Array<LanguageModelV3TextPart | LanguageModelV3FilePart> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, index) => {
    const at = `${field}[${index}]`;
    if (part.type === 'text') return { type: 'text', text: textOfPart(part, at) };
    if (part.type === 'image_url') return imagePart(part, at);
    if (part.type === 'file') return filePart(part, at);
    throw refuseField(
      `${at}.type`,
      `"${part.type}" has no translation for this model: send text, image_url or file parts.`,
    );
  });
}

function assistantMessage(message: ChatMessage, at: string): LanguageModelV3Message {
  const content: Extract<LanguageModelV3Message, { role: 'assistant' }>['content'] = [];
  const signed = message.reasoning_details?.find((detail) => detail.type === 'reasoning.text' && detail.text);
  if (signed?.text) {
    const providerOptions = decodeReasoningSignature(signed.signature);
    content.push({ type: 'reasoning', text: signed.text, ...(providerOptions ? { providerOptions } : {}) });
  } else if (message.reasoning_content) {
    content.push({ type: 'reasoning', text: message.reasoning_content });
  }
  const text = textOf(message.content, `${at}.content`);
  if (text) content.push({ type: 'text', text });
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    content.push({
      type: 'tool-call',
      toolCallId: call.id,
      toolName: call.function.name,
      input: parseToolArguments(call.function.arguments, `${at}.tool_calls[${index}].function.arguments`),
    });
  }
  return { role: 'assistant', content };
}

/**
 * Chat Completions messages as the AI SDK's prompt: system and developer messages become system messages,
 * user text, images (`image_url`) and files; assistant text, `reasoning_content` (or OpenRouter's signed
 * `reasoning_details`) and `tool_calls`; `tool` messages become tool results, named after the call they
 * answer (consecutive ones in one tool message, as the providers want them). Anything without a
 * translation is refused by name.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function decodeChatMessages(raw: unknown): LanguageModelV3Prompt {
  const messages = parseSurfaceBody(z.array(messageSchema).min(1), raw, 'messages');
  const toolNames = new Map<string, string>();
  const prompt: LanguageModelV3Prompt = [];
  for (const [index, message] of messages.entries()) {
    const at = `messages[${index}]`;
    for (const key of Object.keys(message)) {
      if (!KNOWN_MESSAGE_FIELDS.has(key))
        throw refuseField(`${at}.${key}`, 'has no translation for this model.');
    }
    switch (message.role) {
      case 'system':
      case 'developer':
        prompt.push({ role: 'system', content: textOf(message.content, `${at}.content`) });
        break;
      case 'user':
        prompt.push({ role: 'user', content: userParts(message.content, `${at}.content`) });
        break;
      case 'assistant': {
        for (const call of message.tool_calls ?? []) toolNames.set(call.id, call.function.name);
        prompt.push(assistantMessage(message, at));
        break;
      }
      case 'tool': {
        const id = message.tool_call_id;
        if (!id) throw refuseField(`${at}.tool_call_id`, 'is required on a tool message.');
        const toolName = toolNames.get(id);
        if (!toolName) {
          throw refuseField(
            `${at}.tool_call_id`,
            `"${id}" answers no tool call of an earlier assistant message.`,
          );
        }
        const part = {
          type: 'tool-result' as const,
          toolCallId: id,
          toolName,
          output: { type: 'text' as const, value: textOf(message.content, `${at}.content`) },
        };
        const last = prompt.at(-1);
        if (last?.role === 'tool') last.content.push(part);
        else prompt.push({ role: 'tool', content: [part] });
        break;
      }
      default:
        throw refuseField(
          `${at}.role`,
          '"function" messages are deprecated: send "tool" messages with tool_call_id.',
        );
    }
  }
  return prompt;
}
