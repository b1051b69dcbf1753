import type { UsageRow } from '@switchboard/client';
import { useEffect, useMemo } from 'react';
import { toUsageCsv } from './to-usage-csv';
import type { UsagePageGroup } from './usage-group';

/** "Export CSV": the rows of the table, downloaded as a file named after the grouping and the period. */
export function UsageCsvLink({
  rows,
  group,
  from,
}: {
  rows: readonly UsageRow[];
  group: UsagePageGroup;
  from: string | undefined;
}) {
  const url = useMemo(
    () => URL.createObjectURL(new Blob([toUsageCsv(rows, group, true)], { type: 'text/csv' })),
    [rows, group],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a
      className="button"
      href={url}
      download={`switchboard-usage-by-day-and-${group}${from ? `-from-${from}` : ''}.csv`}
    >
      Export CSV
    </a>
  );
}
