import type { ModelCost } from '../catalog/model-facts.js';

/** What the worst case of a call is computed from. */
export interface WorstCaseInput {
  /** An upper bound on the prompt's tokens (the gateway uses the body's size in bytes). */
  inputTokens: number;
  /** The request's `max_tokens`, else the model's max output. */
  outputTokens: number;
}

/**
 * The most a call can cost, in USD, before it is made: every input token at the dearest input price
 * (a cache write can cost more than plain input) and every allowed output token at the output price.
 * `null` when the model has no known price: a budget can then not be kept, so such a call is refused or,
 * by a rule's choice, let through; never counted as $0.
 */
export function estimateWorstCaseCost(
  cost: ModelCost | null | undefined,
  input: WorstCaseInput,
): number | null {
  if (!cost) return null;
  const inputPrice = Math.max(cost.input, cost.cache_write ?? 0, cost.cache_read ?? 0);
  const micros = input.inputTokens * inputPrice + input.outputTokens * cost.output;
  // Rounded up, so the reservation is never below the cost it stands for.
  return Math.ceil(micros * 1e4) / 1e10;
}
