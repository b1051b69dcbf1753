import type { ModelCost, ModelCostTier } from '../catalog/model-facts.js';

/** Tokens of one call, as billed. `inputTokens` includes cached tokens; `outputTokens` includes reasoning. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the prompt cache (billed at `cache_read`). */
  cacheReadTokens?: number | undefined;
  /** Input tokens written to the prompt cache (billed at `cache_write`). */
  cacheWriteTokens?: number | undefined;
  /** Part of `outputTokens`; billed at `reasoning`, else as output. */
  reasoningTokens?: number | undefined;
}

/**
 * The prices a call pays: the highest long-context tier whose threshold its input passed (providers bill
 * the whole call at that tier, not only the tokens above it), else the base prices.
 */
export function selectPriceTier(cost: ModelCost, inputTokens: number): ModelCost | ModelCostTier {
  let chosen: ModelCost | ModelCostTier = cost;
  for (const tier of cost.tiers ?? []) {
    if (
      inputTokens > tier.above_input_tokens &&
      (chosen === cost || tier.above_input_tokens > (chosen as ModelCostTier).above_input_tokens)
    ) {
      chosen = tier;
    }
  }
  return chosen;
}

/**
 * What a call cost in USD, from prices per 1M tokens (of the long-context tier the call reached, if any):
 * uncached input at `input`, cache reads at `cache_read`, cache writes at `cache_write` (each falling back
 * to `input`), reasoning tokens at `reasoning` (falling back to `output`), the rest of the output at
 * `output`. `null` when the model's price is unknown: such calls are counted as unpriced, never as $0.
 */
export function computeCost(cost: ModelCost | null | undefined, usage: TokenUsage): number | null {
  if (!cost) return null;
  const price = selectPriceTier(cost, usage.inputTokens);
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const reasoning = Math.min(usage.reasoningTokens ?? 0, usage.outputTokens);
  const micros =
    uncached * price.input +
    cacheRead * (price.cache_read ?? price.input) +
    cacheWrite * (price.cache_write ?? price.input) +
    (usage.outputTokens - reasoning) * price.output +
    reasoning * (price.reasoning ?? price.output);
  // Rounded to 1e-10 USD so sums of many calls do not drift in the last float digits.
  return Math.round(micros * 1e4) / 1e10;
}
