import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { TokenUsage } from '@switchboard/core';

/**
 * The AI SDK's provider-level usage as the store and `computeCost` take it: input counts cached reads and
 * writes, output counts reasoning. Undefined when the provider reported no counts at all (recorded as
 * unknown, never as a free call).
 */
export function toTokenUsageV3(usage: LanguageModelV3Usage | undefined): TokenUsage | undefined {
  if (!usage || (usage.inputTokens.total === undefined && usage.outputTokens.total === undefined)) {
    return undefined;
  }
  return {
    inputTokens: usage.inputTokens.total ?? 0,
    outputTokens: usage.outputTokens.total ?? 0,
    cacheReadTokens: usage.inputTokens.cacheRead ?? undefined,
    cacheWriteTokens: usage.inputTokens.cacheWrite ?? undefined,
    reasoningTokens: usage.outputTokens.reasoning ?? undefined,
  };
}

/** Usage counts shown to a client when the provider reported none. */
export const ZERO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0 });
