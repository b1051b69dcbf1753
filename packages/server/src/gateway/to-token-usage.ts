import type { TokenUsage } from '@switchboard/core';
import type { LanguageModelUsage } from 'ai';

/** The AI SDK's normalized usage as the store and `computeCost` take it. */
export function toTokenUsage(usage: LanguageModelUsage | undefined): TokenUsage {
  return {
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    cacheReadTokens: usage?.inputTokenDetails?.cacheReadTokens ?? undefined,
    cacheWriteTokens: usage?.inputTokenDetails?.cacheWriteTokens ?? undefined,
    reasoningTokens: usage?.outputTokenDetails?.reasoningTokens ?? undefined,
  };
}
