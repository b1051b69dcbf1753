import type { TokenUsage } from '@switchboard/core';
import { asObject } from '../../util/as-object.js';
import type { UsageReader } from '../usage-reader.js';
import { type TokenCounts, type TokenCountsReader, tokenCounts } from './token-counts.js';

/**
 * `usage` of Chat Completions (`prompt_tokens`, `completion_tokens`), embeddings (`prompt_tokens` only) and
 * the Responses API (`input_tokens`, `output_tokens`). Lenient: only the fields read.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
const counts = tokenCounts('prompt_tokens', 'completion_tokens', 'input_tokens', 'output_tokens');
const cachedCounts = tokenCounts('cached_tokens');
const reasoningCounts = tokenCounts('reasoning_tokens');

/** A details block's counts: undefined when absent or null, false when it is not a counts block. */
function details<Name extends string>(
  reader: TokenCountsReader<Name>,
  raw: unknown,
): TokenCounts<Name> | undefined | false {
  if (raw === undefined || raw === null) return undefined;
  return reader.read(raw) ?? false;
}

export interface OpenAiUsageOptions {
  /**
   * xAI leaves reasoning tokens out of `completion_tokens` (and bills them as output), where OpenAI counts
   * them in; true adds them back, as `@ai-sdk/xai` does. Default false.
   */
  reasoningOutsideCompletion?: boolean;
}

/** Converts one `usage` block; undefined when it is not one. */
export function convertOpenAiUsage(raw: unknown, options: OpenAiUsageOptions = {}): TokenUsage | undefined {
  const usage = counts.read(raw);
  if (!usage) return undefined;
  const block = raw as Record<string, unknown>;
  const promptDetails = details(cachedCounts, block.prompt_tokens_details);
  const inputDetails = details(cachedCounts, block.input_tokens_details);
  const completionDetails = details(reasoningCounts, block.completion_tokens_details);
  const outputDetails = details(reasoningCounts, block.output_tokens_details);
  // A details block that is not one makes the whole `usage` unreadable, as a malformed count does.
  if (promptDetails === false || inputDetails === false) return undefined;
  if (completionDetails === false || outputDetails === false) return undefined;
  const chat = usage.prompt_tokens !== undefined && usage.prompt_tokens !== null;
  const reasoning = (chat ? completionDetails : outputDetails)?.reasoning_tokens ?? undefined;
  const completion = (chat ? usage.completion_tokens : usage.output_tokens) ?? 0;
  const extra = chat && options.reasoningOutsideCompletion ? (reasoning ?? 0) : 0;
  return {
    inputTokens: (chat ? usage.prompt_tokens : usage.input_tokens) ?? 0,
    outputTokens: completion + extra,
    cacheReadTokens: (chat ? promptDetails : inputDetails)?.cached_tokens ?? undefined,
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
