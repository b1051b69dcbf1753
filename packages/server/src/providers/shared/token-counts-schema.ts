import { z } from 'zod';

type Count = z.ZodOptional<z.ZodNullable<z.ZodNumber>>;

/**
 * A lenient schema of a provider's token counts: each named field a number, null or absent, any other
 * field let through. Every kind's usage block is such a list of counts under its own names.
 */
export function tokenCountsSchema<const Names extends readonly string[]>(...names: Names) {
  const shape = Object.fromEntries(names.map((name) => [name, z.number().nullish()]));
  return z.looseObject(shape as { [Name in Names[number]]: Count });
}
