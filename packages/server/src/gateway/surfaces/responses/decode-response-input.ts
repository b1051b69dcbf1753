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

const itemSchema = z.looseObject({ type: z.string().optional(), role: z.string().optional() });
type Item = z.infer<typeof itemSchema>;
type Part = { type: string } & Record<string, unknown>;

function imagePart(part: Part, field: string): LanguageModelV3FilePart {
  const url = part.image_url;
  if (typeof url !== 'string') {
    throw refuseField(`${field}.image_url`, 'must be a URL: uploaded file IDs exist at OpenAI only.');
  }
  if (url.startsWith('data:')) {
    const data = parseDataUrl(url, `${field}.image_url`);
    return { type: 'file', data: data.base64, mediaType: data.mediaType };
  }
  if (/^https?:\/\//i.test(url) && URL.canParse(url))
    return { type: 'file', data: new URL(url), mediaType: 'image/*' };
  throw refuseField(`${field}.image_url`, 'must be an http(s) URL or a base64 data: URL.');
}

function filePart(part: Part, field: string): LanguageModelV3FilePart {
  if (typeof part.file_data === 'string') {
    const data = parseDataUrl(part.file_data, `${field}.file_data`);
    return {
      type: 'file',
      data: data.base64,
      mediaType: data.mediaType,
      ...(typeof part.filename === 'string' ? { filename: part.filename } : {}),
    };
  }
  if (typeof part.file_url === 'string' && /^https?:\/\//i.test(part.file_url)) {
    return { type: 'file', data: new URL(part.file_url), mediaType: 'application/pdf' };
  }
  throw refuseField(field, 'must carry file_data or file_url: uploaded file IDs exist at OpenAI only.');
}

function contentParts(content: unknown, field: string): Part[] {
  if (typeof content === 'string') return [{ type: 'input_text', text: content }];
  return parseSurfaceBody(z.array(z.looseObject({ type: z.string() })), content, field) as Part[];
}

function text(part: Part, field: string): string {
  const value = part.type === 'refusal' ? part.refusal : part.text;
  if (typeof value !== 'string') throw refuseField(`${field}.text`, 'must be a string.');
  return value;
}

function messageOf(item: Item, at: string): LanguageModelV3Message {
  const parts = contentParts(item.content, `${at}.content`);
  const role = item.role;
  if (role === 'system' || role === 'developer') {
    return {
      role: 'system',
      content: parts.map((part, index) => text(part, `${at}.content[${index}]`)).join(''),
    };
  }
  if (role === 'assistant') {
    return {
      role: 'assistant',
      content: parts.map((part, index) => {
        const field = `${at}.content[${index}]`;
        if (part.type === 'output_text' || part.type === 'input_text' || part.type === 'refusal') {
          return { type: 'text' as const, text: text(part, field) };
        }
        throw refuseField(`${field}.type`, `"${part.type}" has no place in an assistant message.`);
      }),
    };
  }
  if (role !== 'user') throw refuseField(`${at}.role`, 'must be user, assistant, system or developer.');
  return {
    role: 'user',
    content: parts.map((part, index): LanguageModelV3TextPart | LanguageModelV3FilePart => {
      const field = `${at}.content[${index}]`;
      if (part.type === 'input_text') return { type: 'text', text: text(part, field) };
      if (part.type === 'input_image') return imagePart(part, field);
      if (part.type === 'input_file') return filePart(part, field);
      throw refuseField(
        `${field}.type`,
        `"${part.type}" has no translation: send input_text, input_image or input_file.`,
      );
    }),
  };
}

/** Appends a part to the assistant message at the end of the prompt, opening one if the last is not. */
function assistantTail(prompt: LanguageModelV3Prompt) {
  const last = prompt.at(-1);
  if (last?.role === 'assistant') return last.content;
  const message: Extract<LanguageModelV3Message, { role: 'assistant' }> = { role: 'assistant', content: [] };
  prompt.push(message);
  return message.content;
}

/**
 * The Responses API's `input` as the AI SDK's prompt: a string is one user message; items are messages
 * (input text, images and files; assistant output text), `function_call` items as tool calls of the
 * assistant turn they belong to, `function_call_output` items as tool results named after their call,
 * `reasoning` items as reasoning (summary text, and `encrypted_content` restoring the provider's
 * signature). Item references point at stored responses, which this gateway does not keep: refused.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function decodeResponseInput(input: unknown, instructions: string | undefined): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = instructions ? [{ role: 'system', content: instructions }] : [];
  if (typeof input === 'string') {
    prompt.push({ role: 'user', content: [{ type: 'text', text: input }] });
    return prompt;
  }
  const items = parseSurfaceBody(z.array(itemSchema).min(1), input, 'input');
  const toolNames = new Map<string, string>();
  for (const [index, item] of items.entries()) {
    const at = `input[${index}]`;
    const type = item.type ?? 'message';
    if (type === 'message') prompt.push(messageOf(item, at));
    else if (type === 'function_call') {
      const { call_id: callId, name, arguments: args } = item;
      if (typeof callId !== 'string' || typeof name !== 'string' || typeof args !== 'string') {
        throw refuseField(at, 'a function_call item needs call_id, name and arguments.');
      }
      toolNames.set(callId, name);
      assistantTail(prompt).push({
        type: 'tool-call',
        toolCallId: callId,
        toolName: name,
        input: parseToolArguments(args, `${at}.arguments`),
      });
    } else if (type === 'function_call_output') {
      const callId = item.call_id;
      if (typeof callId !== 'string') throw refuseField(`${at}.call_id`, 'is required.');
      const toolName = toolNames.get(callId);
      if (!toolName)
        throw refuseField(`${at}.call_id`, `"${callId}" answers no function_call item before it.`);
      const output =
        typeof item.output === 'string'
          ? item.output
          : contentParts(item.output, `${at}.output`)
              .map((part, i) => text(part, `${at}.output[${i}]`))
              .join('');
      const part = {
        type: 'tool-result' as const,
        toolCallId: callId,
        toolName,
        output: { type: 'text' as const, value: output },
      };
      const last = prompt.at(-1);
      if (last?.role === 'tool') last.content.push(part);
      else prompt.push({ role: 'tool', content: [part] });
    } else if (type === 'reasoning') {
      const summary = Array.isArray(item.summary) ? (item.summary as Array<{ text?: unknown }>) : [];
      const providerOptions = decodeReasoningSignature(item.encrypted_content as string | undefined);
      assistantTail(prompt).push({
        type: 'reasoning',
        text: summary.map((entry) => (typeof entry.text === 'string' ? entry.text : '')).join('\n'),
        ...(providerOptions ? { providerOptions } : {}),
      });
    } else if (type === 'item_reference') {
      // Clients that assume stored responses (the AI SDK by default) refer to earlier reasoning items by ID.
      // Nothing is stored here, so a reasoning reference is passed over (the reasoning is the model's own
      // scratch work, not part of the conversation); a reference to anything else would lose content.
      if (typeof item.id === 'string' && item.id.startsWith('rs_')) continue;
      throw refuseField(
        `${at}`,
        'references a stored item; this gateway stores no responses: send the item itself (store: false).',
      );
    } else {
      throw refuseField(`${at}.type`, `"${type}" has no translation.`);
    }
  }
  return prompt;
}
