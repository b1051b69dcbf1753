import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import type { SurfaceAnswerMeta, SurfaceEvent, SurfaceStreamEncoder } from '../surface-encoder.js';
import { toChatFinishReason, toChatUsage } from './chat-completions-shapes.js';

export interface ChatStreamOptions extends SurfaceAnswerMeta {
  /** `stream_options.include_usage`: only then a last chunk with `choices: []` and the usage. */
  includeUsage: boolean;
}

/**
 * Encodes the internal stream as Chat Completions chunks: the role on the first delta; `content` and
 * `reasoning_content` deltas; tool calls as OpenAI streams them (`index`, then `id`, `type` and the name
 * on the call's first delta, then `arguments` fragments); the finish reason on a chunk of its own; the
 * usage chunk (`choices: []`) only when the client asked for it, so `chunk.choices[0]` holds on every
 * other chunk; then `[DONE]`. A stream that breaks off ends with `data: {"error": ...}`, which OpenAI's
 * clients raise.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createChatCompletionsStreamEncoder(options: ChatStreamOptions): SurfaceStreamEncoder {
  let roleSent = false;
  const toolIndexes = new Map<string, number>();
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): SurfaceEvent => {
    const withRole = roleSent ? delta : { role: 'assistant', ...delta };
    roleSent = true;
    return {
      data: {
        id: options.id,
        object: 'chat.completion.chunk',
        created: options.created,
        model: options.model,
        choices: [{ index: 0, delta: withRole, logprobs: null, finish_reason: finishReason }],
      },
    };
  };
  const openTool = (id: string, name: string, args: string) => {
    const index = toolIndexes.size;
    toolIndexes.set(id, index);
    return chunk({ tool_calls: [{ index, id, type: 'function', function: { name, arguments: args } }] });
  };

  return {
    encode(part: LanguageModelV3StreamPart): SurfaceEvent[] {
      switch (part.type) {
        case 'text-delta':
          return part.delta ? [chunk({ content: part.delta })] : [];
        case 'reasoning-delta': {
          const events = part.delta ? [chunk({ reasoning_content: part.delta })] : [];
          const signature = encodeReasoningSignature(part.providerMetadata);
          if (signature)
            events.push(chunk({ reasoning_details: [{ type: 'reasoning.text', text: '', signature }] }));
          return events;
        }
        case 'reasoning-end': {
          const signature = encodeReasoningSignature(part.providerMetadata);
          return signature
            ? [chunk({ reasoning_details: [{ type: 'reasoning.text', text: '', signature }] })]
            : [];
        }
        case 'tool-input-start':
          return [openTool(part.id, part.toolName, '')];
        case 'tool-input-delta': {
          const index = toolIndexes.get(part.id);
          if (index === undefined || !part.delta) return [];
          return [chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] })];
        }
        case 'tool-call':
          // A provider that streams no input deltas (or a model's whole call at once) sends it in one delta.
          return toolIndexes.has(part.toolCallId)
            ? []
            : [openTool(part.toolCallId, part.toolName, part.input)];
        case 'finish': {
          const events = [chunk({}, toChatFinishReason(part.finishReason))];
          if (options.includeUsage) {
            events.push({
              data: {
                id: options.id,
                object: 'chat.completion.chunk',
                created: options.created,
                model: options.model,
                choices: [],
                usage: toChatUsage(part.usage),
              },
            });
          }
          events.push({ data: '[DONE]', raw: true });
          return events;
        }
        default:
          return [];
      }
    },
    fail: (error) => [{ data: { error: { code: error.code, message: error.message, type: error.code } } }],
  };
}
