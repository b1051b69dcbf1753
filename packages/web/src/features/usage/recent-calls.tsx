import type { RecentCall } from '@switchboard/client';
import { formatCost } from '@switchboard/core';

/** The trace ID as a link when the server has a viewer URL for it, else as text to paste into one. */
function TraceCell({ call }: { call: RecentCall }) {
  if (!call.trace_id) return <span className="muted">—</span>;
  const short = call.trace_id.slice(0, 12);
  if (call.trace_url) {
    return (
      <a href={call.trace_url} target="_blank" rel="noreferrer" title={call.trace_id}>
        <code>{short}</code>
      </a>
    );
  }
  return <code title={call.trace_id}>{short}</code>;
}

/** The latest calls: when, what, the outcome, the cost and, when tracing is on, the trace. */
export function RecentCalls({ calls }: { calls: readonly RecentCall[] }) {
  if (calls.length === 0) return <p className="muted">No calls yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table recent-calls-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Task</th>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col">Trace</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={`${call.time}-${call.request_id}`}>
              <td data-label="Time">{new Date(call.time).toLocaleString()}</td>
              <td data-label="Task">
                <code>{call.task ?? call.endpoint ?? '(none)'}</code>
              </td>
              <td data-label="Model">
                <code>{call.model ?? '(none)'}</code>
              </td>
              <td data-label="Status">
                {call.error_code ? `${call.status} (${call.error_code})` : call.status}
              </td>
              <td className="numeric" data-label="Cost">
                {call.cost_usd === null ? '—' : formatCost(call.cost_usd)}
              </td>
              <td data-label="Trace">
                <TraceCell call={call} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
