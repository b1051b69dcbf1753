import type { TokenUsage } from '@switchboard/core';
import type { LanguageModelUsage } from 'ai';

/**
 * The AI SDK's normalized usage as the store and `computeCost` take it; undefined when the provider
 * reported no token counts at all, so the call is recorded as unknown (cost null), never as a free one.
 */
export function toTokenUsage(usage: LanguageModelUsage | undefined): TokenUsage | undefined {
  if (usage?.inputTokens === undefined && usage?.outputTokens === undefined) return undefined;
  return {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    cacheReadTokens: usage.inputTokenDetails?.cacheReadTokens ?? undefined,
    cacheWriteTokens: usage.inputTokenDetails?.cacheWriteTokens ?? undefined,
    reasoningTokens: usage.outputTokenDetails?.reasoningTokens ?? undefined,
  };
}
