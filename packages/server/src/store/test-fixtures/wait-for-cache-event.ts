import type { CacheEvent, ResolutionCache } from '../resolution-cache.js';

/**
 * Resolves with the first cache event that matches, or rejects after `timeoutMs` (generous on purpose:
 * tests wait for events, they never assert how long something took). Register BEFORE causing the change.
 */
export function waitForCacheEvent(
  cache: ResolutionCache,
  matches: (event: CacheEvent) => boolean,
  timeoutMs = 5_000,
): Promise<CacheEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching cache event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = cache.onApplied((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}
