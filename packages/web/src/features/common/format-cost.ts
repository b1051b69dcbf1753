import { formatUsd } from '@switchboard/core';

/** `$0.000123`; `price unknown` for null (never shown as $0). */
export function formatCost(cost: number | null | undefined): string {
  if (cost === null || cost === undefined) return 'price unknown';
  return `$${formatUsd(cost)}`;
}
