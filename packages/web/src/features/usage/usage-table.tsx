import type { UsageRow } from '@switchboard/client';
import { formatCost } from '@switchboard/core';
import { nameInGroup, type UsagePageGroup } from './usage-group';

const GROUP_LABELS: Record<UsagePageGroup, string> = { task: 'Task', model: 'Model', status: 'Status' };

/**
 * One row per task, model or status: calls, failed calls, tokens, cost, unpriced calls, and requests refused
 * before reaching a provider. Rows are keyed by their group and name, so a change of grouping replaces them.
 */
export function UsageTable({ rows, group }: { rows: readonly UsageRow[]; group: UsagePageGroup }) {
  if (rows.length === 0) return <p className="muted">No calls in this period.</p>;
  const sorted = [...rows].sort(
    (a, b) => (b.cost_usd ?? 0) - (a.cost_usd ?? 0) || b.calls - a.calls || b.refused_calls - a.refused_calls,
  );
  return (
    <div className="table-scroll">
      <table className="table usage-table">
        <thead>
          <tr>
            <th scope="col">{GROUP_LABELS[group]}</th>
            <th scope="col" className="numeric">
              Calls
            </th>
            <th scope="col" className="numeric">
              Failed
            </th>
            <th scope="col" className="numeric hide-narrow">
              Tokens in
            </th>
            <th scope="col" className="numeric hide-narrow">
              Tokens out
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="numeric hide-narrow">
              Unpriced
            </th>
            <th scope="col" className="numeric hide-narrow">
              Refused
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const name = nameInGroup(row, group);
            return (
              <tr key={`${group}:${row[group] ?? ''}`}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td className="numeric" data-label="Calls">
                  {row.calls.toLocaleString()}
                </td>
                <td className="numeric" data-label="Failed">
                  {row.failed_calls.toLocaleString()}
                </td>
                <td className="numeric hide-narrow" data-label="Tokens in">
                  {row.input_tokens.toLocaleString()}
                </td>
                <td className="numeric hide-narrow" data-label="Tokens out">
                  {row.output_tokens.toLocaleString()}
                </td>
                <td
                  className="numeric"
                  data-label="Cost"
                  title={row.cost_usd === null ? 'no call of this row has a known price' : undefined}
                >
                  {row.cost_usd === null ? '—' : formatCost(row.cost_usd)}
                </td>
                <td className="numeric hide-narrow" data-label="Unpriced">
                  {row.unpriced_calls.toLocaleString()}
                </td>
                <td className="numeric hide-narrow" data-label="Refused">
                  {row.refused_calls.toLocaleString()}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
