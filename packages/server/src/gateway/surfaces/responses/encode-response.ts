import { reasoningFirst } from '../shared/reasoning-first.js';
import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import type { SurfaceAnswer, SurfaceAnswerMeta } from '../surface-encoder.js';
import { itemId, responseEnvelope, responseStatus, toResponsesUsage } from './responses-shapes.js';

/**
 * A whole answer as a Responses `response`: output items in the order the model produced them:
 * `reasoning` (summary text, and `encrypted_content` that brings the provider's signature back on a next
 * turn), `message` with `output_text`, `function_call` with `call_id` and JSON `arguments`; status
 * `incomplete` when the model ran out of tokens; usage in the Responses names.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function encodeResponse(answer: SurfaceAnswer, meta: SurfaceAnswerMeta) {
  const output: Array<Record<string, unknown>> = [];
  for (const part of reasoningFirst(answer.content)) {
    const index = output.length;
    const last = output.at(-1);
    if (part.type === 'text') {
      if (last?.type === 'message') {
        const content = (last.content as Array<{ text: string }>)[0];
        if (content) content.text += part.text;
      } else {
        output.push({
          type: 'message',
          id: itemId(meta, 'msg', index),
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: part.text, annotations: [], logprobs: [] }],
        });
      }
    } else if (part.type === 'reasoning') {
      const signature = encodeReasoningSignature(part.providerMetadata);
      output.push({
        type: 'reasoning',
        id: itemId(meta, 'rs', index),
        summary: part.text ? [{ type: 'summary_text', text: part.text }] : [],
        ...(signature ? { encrypted_content: signature } : {}),
      });
    } else if (part.type === 'tool-call' && !part.providerExecuted) {
      output.push({
        type: 'function_call',
        id: itemId(meta, 'fc', index),
        call_id: part.toolCallId,
        name: part.toolName,
        arguments: part.input,
        status: 'completed',
      });
    }
  }
  return responseEnvelope(meta, {
    ...responseStatus(answer.finishReason),
    output,
    usage: toResponsesUsage(answer.usage),
  });
}
