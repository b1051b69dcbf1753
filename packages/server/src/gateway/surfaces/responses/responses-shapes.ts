import type { LanguageModelV3FinishReason, LanguageModelV3Usage } from '@ai-sdk/provider';
import type { SurfaceAnswerMeta } from '../surface-encoder.js';

/**
 * The Responses API's `usage`: input counts cached tokens (`input_tokens_details.cached_tokens`), output
 * counts reasoning (`output_tokens_details.reasoning_tokens`).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function toResponsesUsage(usage: LanguageModelV3Usage) {
  const input = usage.inputTokens.total ?? 0;
  const output = usage.outputTokens.total ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.inputTokens.cacheRead ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.outputTokens.reasoning ?? 0 },
    total_tokens: input + output,
  };
}

/** `completed`, or `incomplete` with its reason when the model ran out of tokens or was filtered. */
export function responseStatus(reason: LanguageModelV3FinishReason) {
  if (reason.unified === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } as const;
  if (reason.unified === 'content-filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } } as const;
  return { status: 'completed', incomplete_details: null } as const;
}

/** A `response` object around its output: what the gateway knows of it (it stores none). */
export function responseEnvelope(meta: SurfaceAnswerMeta, fields: Record<string, unknown>) {
  return {
    id: meta.id,
    object: 'response',
    created_at: meta.created,
    status: 'in_progress',
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: meta.model,
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: null,
    metadata: {},
    ...fields,
  };
}

/** Output item IDs in OpenAI's style, unique within the response: `msg_<response>_<n>`. */
export function itemId(meta: SurfaceAnswerMeta, prefix: 'msg' | 'fc' | 'rs', index: number): string {
  return `${prefix}_${meta.id.replace(/^resp_/, '')}_${index}`;
}
