import type { ApiUsage } from '@switchboard/client';
import { formatCost } from '@switchboard/core';

/** Which model answered a step, how it was chosen, and what it cost. */
export function ServedBy({
  served,
}: {
  served: { model: string; source: string; cost: number | null; usage: ApiUsage };
}) {
  return (
    <p className="served">
      <code>{served.model}</code>
      <span>{served.source.replace('_', ' ')}</span>
      <span>{formatCost(served.cost)}</span>
      <span>
        {served.usage.input_tokens} in · {served.usage.output_tokens} out tokens
      </span>
    </p>
  );
}
