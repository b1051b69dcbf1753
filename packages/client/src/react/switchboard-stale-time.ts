/**
 * How long the hooks' answers count as fresh: 5 minutes. Models, tasks and preferences change rarely and
 * every change made through the hooks updates or invalidates the cache itself.
 */
export const SWITCHBOARD_STALE_TIME_MS = 5 * 60 * 1000;
