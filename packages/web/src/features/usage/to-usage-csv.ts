import type { UsageRow } from '@switchboard/client';
import { nameInGroup, type UsagePageGroup } from './usage-group';

const COLUMNS = [
  'calls',
  'failed_calls',
  'refused_calls',
  'input_tokens',
  'output_tokens',
  'cached_input_tokens',
  'reasoning_tokens',
  'cost_usd',
  'unpriced_calls',
] as const;

/** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The table as CSV, for a spreadsheet: one line per row, the API's own column names, costs as exact
 * numbers in USD (empty when the price is unknown, never 0).
 */
export function toUsageCsv(rows: readonly UsageRow[], group: UsagePageGroup, withDay = false): string {
  const header = [...(withDay ? ['day'] : []), group, ...COLUMNS];
  const lines = rows.map((row) =>
    [
      ...(withDay ? [row.day ?? ''] : []),
      nameInGroup(row, group),
      ...COLUMNS.map((column) => (row[column] === null ? '' : String(row[column]))),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
