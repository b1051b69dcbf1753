import type { ModelCost } from '../catalog/model-facts.js';

/** `{ input: 3, output: 15 }` -> `$3 / $15 per 1M`; unknown -> `price unknown`; free -> `free`. */
export function formatPrice(cost: ModelCost | null | undefined): string {
  if (!cost) return 'price unknown';
  if (cost.input === 0 && cost.output === 0) return 'free';
  return `$${formatUsd(cost.input)} / $${formatUsd(cost.output)} per 1M`;
}

/** Shortest exact-looking form of a dollar amount: 3, 0.15, 0.075. */
export function formatUsd(amount: number): string {
  return String(Number(amount.toPrecision(6)));
}
