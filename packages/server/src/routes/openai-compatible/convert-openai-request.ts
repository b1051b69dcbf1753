import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import type { TextCallInput } from '../../gateway/text-call-input.js';
import type { OpenAiChatBody, OpenAiMessage } from './schemas.js';

/** The gateway's message shape (the AI SDK's), named here so routes need not import the SDK. */
type ModelMessage = NonNullable<TextCallInput['messages']>[number];
type UserContent = Extract<ModelMessage, { role: 'user' }>['content'];

/** Fields only an OpenAI-format upstream can honour, with when they are harmless to drop. */
const PASSTHROUGH_ONLY: ReadonlyArray<[field: string, harmless: (value: unknown) => boolean]> = [
  ['tools', (value) => Array.isArray(value) && value.length === 0],
  ['tool_choice', (value) => value === 'none'],
  ['functions', (value) => Array.isArray(value) && value.length === 0],
  ['function_call', (value) => value === 'none'],
  ['n', (value) => value === 1],
  ['logprobs', (value) => value === false],
  ['top_logprobs', () => false],
  ['logit_bias', () => false],
  ['audio', () => false],
  ['modalities', (value) => Array.isArray(value) && value.every((modality) => modality === 'text')],
  ['prediction', () => false],
];

function unsupported(what: string, model: string): InvalidRequestError {
  return new InvalidRequestError(
    `${what} is passed through to OpenAI-format providers only; "${model}" is answered through a translation that has no equivalent. Leave it out, or choose a model of an OpenAI-format provider.`,
    { model },
  );
}

/** The text of a message's content: a string, or its `text` parts joined (other parts refused). */
function textOf(message: OpenAiMessage, model: string): string {
  if (typeof message.content === 'string' || !message.content) return message.content ?? '';
  return message.content
    .map((part) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      throw unsupported(`A "${part.type}" part in a ${message.role} message`, model);
    })
    .join('');
}

/** A user message's parts: text and images (`image_url`, a URL or a `data:` URL); nothing else translates. */
function userContentOf(message: OpenAiMessage, model: string): UserContent {
  if (typeof message.content === 'string' || !message.content) return message.content ?? '';
  return message.content.map((part) => {
    if (part.type === 'text' && typeof part.text === 'string')
      return { type: 'text' as const, text: part.text };
    const url = (part.image_url as { url?: unknown } | undefined)?.url;
    if (part.type === 'image_url' && typeof url === 'string' && URL.canParse(url)) {
      return { type: 'image' as const, image: new URL(url) };
    }
    throw unsupported(`A "${part.type}" part`, model);
  });
}

/**
 * OpenAI messages as AI SDK messages, for providers answered through a translation (Anthropic, Gemini):
 * system and developer messages, user text and images, assistant text. Tool calls and tool results have
 * no translation here and are refused by name, never silently dropped.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function convertOpenAiMessages(messages: readonly OpenAiMessage[], model: string): ModelMessage[] {
  return messages.map((message): ModelMessage => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textOf(message, model) };
      case 'user':
        return { role: 'user', content: userContentOf(message, model) };
      case 'assistant':
        if (message.tool_calls !== undefined || message.function_call !== undefined) {
          throw unsupported('An assistant message with tool calls', model);
        }
        return { role: 'assistant', content: textOf(message, model) };
      default:
        throw unsupported(`A "${message.role}" message`, model);
    }
  });
}

/**
 * OpenAI's `response_format` as a structured-output request: `json_schema` (with its schema) and
 * `json_object` translate; `text` is the default.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-response_format
 */
function convertResponseFormat(format: unknown, model: string): TextCallInput['output'] {
  if (format === undefined || format === null) return undefined;
  const { type, json_schema: jsonSchema } = format as {
    type?: unknown;
    json_schema?: { name?: unknown; schema?: unknown };
  };
  if (type === 'text') return undefined;
  if (type === 'json_object') return {};
  if (type === 'json_schema' && typeof jsonSchema?.schema === 'object' && jsonSchema.schema !== null) {
    return {
      schema: jsonSchema.schema as Record<string, unknown>,
      name: typeof jsonSchema.name === 'string' ? jsonSchema.name : undefined,
    };
  }
  throw unsupported(`"response_format" of type ${JSON.stringify(type)}`, model);
}

/**
 * The AI SDK call for an OpenAI chat body: messages and sampling settings. Fields that only an
 * OpenAI-format upstream can honour (tools, response formats, several choices, log probabilities, audio)
 * are refused, unless set to what they would be by default.
 */
export function convertOpenAiRequest(body: OpenAiChatBody, model: string): TextCallInput {
  for (const [field, harmless] of PASSTHROUGH_ONLY) {
    const value = body[field];
    if (value !== undefined && value !== null && !harmless(value)) throw unsupported(`"${field}"`, model);
  }
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? undefined);
  return {
    output: convertResponseFormat(body.response_format, model),
    messages: convertOpenAiMessages(body.messages, model),
    temperature: body.temperature ?? undefined,
    maxOutputTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    settings: {
      topP: body.top_p ?? undefined,
      stopSequences: stop,
      seed: body.seed ?? undefined,
      presencePenalty: body.presence_penalty ?? undefined,
      frequencyPenalty: body.frequency_penalty ?? undefined,
    },
  };
}
