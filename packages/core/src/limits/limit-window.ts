import type { LimitWindowName } from '../config/config-schema.js';

/** One window of a limit: `[start, end)` in epoch milliseconds, calendar-aligned in UTC. */
export interface LimitWindow {
  start: number;
  end: number;
}

const FIXED_MS: Readonly<Record<Exclude<LimitWindowName, 'month'>, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  // Epoch milliseconds ignore leap seconds, so every UTC day is exactly this long.
  day: 86_400_000,
};

/**
 * The window that holds `now`. Windows are calendar periods in UTC, not sliding: an hour runs from :00 to
 * :00, a month from the 1st 00:00 UTC to the next 1st, so every instance agrees on the boundaries without
 * talking to the others, and a counter's key is its window's start.
 */
export function limitWindowAt(per: LimitWindowName, now: number): LimitWindow {
  if (per === 'month') {
    const date = new Date(now);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  }
  const size = FIXED_MS[per];
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}
