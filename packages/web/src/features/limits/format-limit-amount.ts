import type { LimitStatus } from '@switchboard/client';
import { formatTokenCount, formatUsd } from '@switchboard/core';

/** An amount in a limit's measure: `$1.25`, `2.0M tokens`, `3 requests`. */
export function formatLimitAmount(measure: LimitStatus['measure'], amount: number): string {
  if (measure === 'usd') return `$${formatUsd(amount)}`;
  if (measure === 'tokens') return `${formatTokenCount(amount)} tokens`;
  return `${amount} ${amount === 1 ? 'request' : 'requests'}`;
}
