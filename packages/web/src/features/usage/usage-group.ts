import type { UsageGroup, UsageRow } from '@switchboard/client';

/** What the Usage page groups its table and chart by. */
export type UsagePageGroup = Extract<UsageGroup, 'task' | 'model' | 'status'>;

/** The groups the page offers, with their labels. */
export const USAGE_PAGE_GROUPS: ReadonlyArray<{ value: UsagePageGroup; label: string }> = [
  { value: 'task', label: 'Task' },
  { value: 'model', label: 'Model' },
  { value: 'status', label: 'Status' },
];

/**
 * The group an answer was grouped by, read from the answer itself (`group_by`), never from the select: while
 * a new grouping loads, the previous answer stays shown and must be drawn as what it is.
 */
export function groupOfAnswer(groupBy: readonly UsageGroup[]): UsagePageGroup {
  return (groupBy.find((group) => group !== 'day') ?? 'task') as UsagePageGroup;
}

/** A row's name in its group; calls without a task (the proxy's) are `(no task)`. */
export function nameInGroup(row: UsageRow, group: UsagePageGroup): string {
  return row[group] ?? `(no ${group})`;
}
