import type { ModelCost } from '../catalog/model-facts.js';

/** `{ input: 3, output: 15 }` -> `$3 / $15 per 1M`; unknown -> `price unknown`; free -> `free`. */
export function formatPrice(cost: ModelCost | null | undefined): string {
  if (!cost) return 'price unknown';
  if (cost.input === 0 && cost.output === 0) return 'free';
  return `$${formatUsd(cost.input)} / $${formatUsd(cost.output)} per 1M`;
}

/** A dollar amount as prices are written: 3, 2.50, 0.60, 0.15, 0.075 (cents always in two digits). */
export function formatUsd(amount: number): string {
  const exact = Number(amount.toPrecision(6));
  if (Number.isInteger(exact)) return String(exact);
  const text = String(exact);
  return (text.split('.')[1]?.length ?? 0) < 2 ? exact.toFixed(2) : text;
}
