/** A provider's token counts: each named field a number, null or absent. */
export type TokenCounts<Name extends string> = { readonly [Key in Name]?: number | null | undefined };

/** Reads one kind of usage block. */
export interface TokenCountsReader<Name extends string> {
  /** The block when it is an object whose named fields are each a finite number, null or absent; else undefined. */
  read(raw: unknown): TokenCounts<Name> | undefined;
}

/**
 * A lenient reader of a provider's token counts: each named field a number, null or absent, any other
 * field ignored. Every kind's usage block is such a list of counts under its own names. By hand, not a zod
 * schema: it reads every answer, and a loose zod object copied the whole block each time (1.6 % of the
 * proxy's CPU at 32 concurrent requests).
 */
export function tokenCounts<const Names extends readonly string[]>(
  ...names: Names
): TokenCountsReader<Names[number]> {
  return {
    read(raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
      for (const name of names) {
        const value = (raw as Record<string, unknown>)[name];
        if (value !== undefined && value !== null && !Number.isFinite(value)) return undefined;
      }
      return raw as TokenCounts<Names[number]>;
    },
  };
}
