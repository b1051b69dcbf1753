import { reasoningFirst } from '../shared/reasoning-first.js';
import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import type { SurfaceAnswer, SurfaceAnswerMeta } from '../surface-encoder.js';
import { toMessagesUsage, toStopReason } from './messages-shapes.js';

/** Parses a tool call's JSON input for a `tool_use` block; a model's broken JSON is kept as text. */
export function toolInputObject(input: string): unknown {
  try {
    return input.trim() ? JSON.parse(input) : {};
  } catch {
    return { _raw: input };
  }
}

/**
 * A whole answer as an Anthropic `message`: `thinking` blocks (with a signature that brings the
 * provider's reasoning metadata back on a next turn), `text` blocks and `tool_use` blocks in the order
 * the model produced them, the stop reason and usage in Anthropic's names.
 * @see https://docs.anthropic.com/en/api/messages#response
 */
export function encodeMessage(answer: SurfaceAnswer, meta: SurfaceAnswerMeta) {
  const content: Array<Record<string, unknown>> = [];
  for (const part of reasoningFirst(answer.content)) {
    if (part.type === 'text') {
      const last = content.at(-1);
      if (last?.type === 'text') last.text = `${last.text}${part.text}`;
      else content.push({ type: 'text', text: part.text });
    } else if (part.type === 'reasoning') {
      const redacted = part.providerMetadata?.anthropic?.redactedData;
      if (typeof redacted === 'string') content.push({ type: 'redacted_thinking', data: redacted });
      else
        content.push({
          type: 'thinking',
          thinking: part.text,
          signature: encodeReasoningSignature(part.providerMetadata),
        });
    } else if (part.type === 'tool-call' && !part.providerExecuted) {
      content.push({
        type: 'tool_use',
        id: part.toolCallId,
        name: part.toolName,
        input: toolInputObject(part.input),
      });
    }
  }
  return {
    id: meta.id,
    type: 'message' as const,
    role: 'assistant' as const,
    model: meta.model,
    content,
    stop_reason: toStopReason(answer.finishReason),
    stop_sequence: null,
    usage: toMessagesUsage(answer.usage),
  };
}
