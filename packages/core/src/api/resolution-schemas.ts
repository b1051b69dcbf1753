import { z } from 'zod';

/** Which rule chose the model; `limit_fallback`: a task budget was exhausted and its `on_exceeded.fallback` served. */
export const resolutionSourceSchema = z.enum([
  'override',
  'preference',
  'runtime_default',
  'config_default',
  'limit_fallback',
]);

export const skippedCandidateSchema = z.object({
  source: resolutionSourceSchema,
  model: z.string(),
  code: z.string(),
  reason: z.string(),
});

/** `GET /v1/ai/resolve?task=&model=&user=`. */
export const resolveQuerySchema = z.strictObject({
  task: z.string().min(1),
  model: z.string().min(1).optional(),
  /** Whose preference to use; default the caller. Admins may name anyone. */
  user: z.string().min(1).optional(),
});

export const resolutionResponseSchema = z.object({
  task: z.string(),
  capability: z.string(),
  model: z.string(),
  provider: z.string(),
  name: z.string(),
  kind: z.string(),
  registered: z.boolean(),
  source: resolutionSourceSchema,
  via: z.string(),
  user: z.string(),
  skipped: z.array(skippedCandidateSchema),
  fallbacks: z.array(z.string()),
  /** False when a call would fail now: the provider has no key, or its health is unauthorized or unreachable. */
  usable: z.boolean(),
  /** Why `usable` is false. */
  unusable_reason: z.string().optional(),
});

export type ResolveQuery = z.infer<typeof resolveQuerySchema>;
export type ResolutionResponse = z.infer<typeof resolutionResponseSchema>;
