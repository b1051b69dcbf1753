import type { UsageRow } from '@switchboard/client';
import { formatCost } from '@switchboard/core';

/** The period's totals: cost, calls, failed calls, tokens, unpriced calls, refused requests. */
export function UsageTotals({ totals }: { totals: UsageRow }) {
  const tiles = [
    { label: 'Cost', value: totals.cost_usd === null ? '—' : formatCost(totals.cost_usd) },
    { label: 'Calls', value: totals.calls.toLocaleString() },
    { label: 'Failed calls', value: totals.failed_calls.toLocaleString() },
    {
      label: 'Tokens in / out',
      value: `${totals.input_tokens.toLocaleString()} / ${totals.output_tokens.toLocaleString()}`,
    },
    { label: 'Unpriced calls', value: totals.unpriced_calls.toLocaleString() },
    { label: 'Refused requests', value: totals.refused_calls.toLocaleString() },
  ];
  return (
    <dl className="stat-grid">
      {tiles.map((tile) => (
        <div key={tile.label} className="card stat">
          <dt>{tile.label}</dt>
          <dd>{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}
