/** Distinct strings an intern pool keeps before starting over. */
export const DEFAULT_INTERN_POOL_SIZE = 10_000;

/**
 * Creates a string intern pool: equal strings come back as one shared instance. A hundred thousand cached
 * users name a few dozen model IDs and tasks; read from the database, each row brings its own copies
 * (megabytes for the whole cache), and every warm resolve would touch a different string in memory. Shared
 * copies cost nothing and stay in the CPU cache. Only an optimisation: past `maxSize` distinct values the
 * pool starts over, so it cannot grow without bound.
 */
export function createInternPool(maxSize: number = DEFAULT_INTERN_POOL_SIZE): (value: string) => string {
  let pool = new Map<string, string>();
  return (value) => {
    const shared = pool.get(value);
    if (shared !== undefined) return shared;
    if (pool.size >= maxSize) pool = new Map();
    pool.set(value, value);
    return value;
  };
}
