import type { UsageRow } from '@switchboard/client';
import { formatCost } from '../common/format-cost';

/** One row per task or model: calls, tokens, cost and unpriced calls. */
export function UsageTable({ rows, group }: { rows: readonly UsageRow[]; group: 'task' | 'model' }) {
  if (rows.length === 0) return <p className="muted">No calls in this period.</p>;
  const sorted = [...rows].sort((a, b) => (b.cost_usd ?? 0) - (a.cost_usd ?? 0) || b.calls - a.calls);
  return (
    <div className="table-scroll">
      <table className="table usage-table">
        <thead>
          <tr>
            <th scope="col">{group === 'task' ? 'Task' : 'Model'}</th>
            <th scope="col" className="numeric">
              Calls
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
            <th scope="col" className="numeric">
              Unpriced
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const name = (group === 'task' ? row.task : row.model) ?? '(none)';
            return (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td className="numeric" data-label="Calls">
                  {row.calls.toLocaleString()}
                </td>
                <td className="numeric hide-narrow" data-label="Tokens in">
                  {row.input_tokens.toLocaleString()}
                </td>
                <td className="numeric hide-narrow" data-label="Tokens out">
                  {row.output_tokens.toLocaleString()}
                </td>
                <td className="numeric" data-label="Cost">
                  {row.cost_usd === null ? '—' : formatCost(row.cost_usd)}
                </td>
                <td className="numeric" data-label="Unpriced">
                  {row.unpriced_calls}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
