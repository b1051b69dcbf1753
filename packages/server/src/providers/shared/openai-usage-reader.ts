import type { TokenUsage } from '@switchboard/core';
import { asObject } from '../../util/as-object.js';
import type { UsageReader } from '../usage-reader.js';
import { tokenCountsSchema } from './token-counts-schema.js';

/**
 * `usage` of Chat Completions (`prompt_tokens`, `completion_tokens`), embeddings (`prompt_tokens` only) and
 * the Responses API (`input_tokens`, `output_tokens`). Lenient: only the fields read.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
const cached = tokenCountsSchema('cached_tokens').nullish();
const reasoning = tokenCountsSchema('reasoning_tokens').nullish();
const usageSchema = tokenCountsSchema(
  'prompt_tokens',
  'completion_tokens',
  'input_tokens',
  'output_tokens',
).extend({
  prompt_tokens_details: cached,
  input_tokens_details: cached,
  completion_tokens_details: reasoning,
  output_tokens_details: reasoning,
});

export interface OpenAiUsageOptions {
  /**
   * xAI leaves reasoning tokens out of `completion_tokens` (and bills them as output), where OpenAI counts
   * them in; true adds them back, as `@ai-sdk/xai` does. Default false.
   */
  reasoningOutsideCompletion?: boolean;
}

/** Converts one `usage` block; undefined when it is not one. */
export function convertOpenAiUsage(raw: unknown, options: OpenAiUsageOptions = {}): TokenUsage | undefined {
  const parsed = usageSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const usage = parsed.data;
  const chat = usage.prompt_tokens !== undefined && usage.prompt_tokens !== null;
  const reasoning =
    (chat ? usage.completion_tokens_details : usage.output_tokens_details)?.reasoning_tokens ?? undefined;
  const completion = (chat ? usage.completion_tokens : usage.output_tokens) ?? 0;
  const extra = chat && options.reasoningOutsideCompletion ? (reasoning ?? 0) : 0;
  return {
    inputTokens: (chat ? usage.prompt_tokens : usage.input_tokens) ?? 0,
    outputTokens: completion + extra,
    cacheReadTokens:
      (chat ? usage.prompt_tokens_details : usage.input_tokens_details)?.cached_tokens ?? undefined,
    reasoningTokens: reasoning,
  };
}

/**
 * Usage of an OpenAI-format answer: the `usage` of a JSON body, of the last stream chunk (sent when
 * `stream_options.include_usage` is set; earlier chunks say `"usage": null`) or of a Responses API
 * `response.completed` event. The last one seen wins.
 */
export function createOpenAiUsageReader(options: OpenAiUsageOptions = {}): UsageReader {
  let usage: TokenUsage | undefined;
  return {
    markers: ['"usage"'],
    read(document) {
      const object = asObject(document);
      const raw = object?.usage ?? asObject(object?.response)?.usage;
      if (!asObject(raw)) return;
      usage = convertOpenAiUsage(raw, options) ?? usage;
    },
    result: () => usage,
  };
}
