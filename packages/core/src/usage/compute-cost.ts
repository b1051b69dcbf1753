import type { ModelCost } from '../catalog/model-facts.js';

/** Tokens of one call, as billed. `inputTokens` includes cached tokens; `outputTokens` includes reasoning. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the prompt cache (billed at `cache_read`). */
  cacheReadTokens?: number | undefined;
  /** Input tokens written to the prompt cache (billed at `cache_write`). */
  cacheWriteTokens?: number | undefined;
  /** Part of `outputTokens`; billed as output. */
  reasoningTokens?: number | undefined;
}

/**
 * What a call cost in USD, from prices per 1M tokens: uncached input at `input`, cache reads at
 * `cache_read`, cache writes at `cache_write` (each falling back to `input`), output (reasoning included) at
 * `output`. `null` when the model's price is unknown: such calls are counted as unpriced, never as $0.
 */
export function computeCost(cost: ModelCost | null | undefined, usage: TokenUsage): number | null {
  if (!cost) return null;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const micros =
    uncached * cost.input +
    cacheRead * (cost.cache_read ?? cost.input) +
    cacheWrite * (cost.cache_write ?? cost.input) +
    usage.outputTokens * cost.output;
  // Rounded to 1e-10 USD so sums of many calls do not drift in the last float digits.
  return Math.round(micros * 1e4) / 1e10;
}
