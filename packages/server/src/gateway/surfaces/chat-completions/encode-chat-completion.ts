import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import type { SurfaceAnswer, SurfaceAnswerMeta } from '../surface-encoder.js';
import { toChatFinishReason, toChatUsage } from './chat-completions-shapes.js';

/**
 * A whole answer as a `chat.completion`: the text as `content` (null when the model only called tools),
 * reasoning as `reasoning_content` (as DeepSeek, xAI and OpenRouter return it) with signed blocks also in
 * OpenRouter's `reasoning_details`, so a next turn can send them back; tool calls with their IDs and JSON
 * arguments; the finish reason and usage in OpenAI's names.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function encodeChatCompletion(answer: SurfaceAnswer, meta: SurfaceAnswerMeta) {
  let text = '';
  let reasoning = '';
  const details: Array<{ type: string; text: string; signature: string }> = [];
  const toolCalls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> =
    [];
  for (const part of answer.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') {
      reasoning += part.text;
      const signature = encodeReasoningSignature(part.providerMetadata);
      if (signature) details.push({ type: 'reasoning.text', text: part.text, signature });
    } else if (part.type === 'tool-call' && !part.providerExecuted) {
      toolCalls.push({
        id: part.toolCallId,
        type: 'function',
        function: { name: part.toolName, arguments: part.input },
      });
    }
  }
  return {
    id: meta.id,
    object: 'chat.completion' as const,
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: text || (toolCalls.length ? null : ''),
          refusal: null,
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          ...(details.length ? { reasoning_details: details } : {}),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: toChatFinishReason(answer.finishReason),
      },
    ],
    usage: toChatUsage(answer.usage),
  };
}
