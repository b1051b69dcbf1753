import { z } from 'zod';
import { LIMIT_DIMENSIONS, LIMIT_MEASURES, LIMIT_WINDOWS, limitRuleSchema } from '../config/config-schema.js';

/** `PUT /v1/limits/:name`: one rule, written as in the config file. */
export const putLimitBodySchema = limitRuleSchema;

const dimensionValues = z.partialRecord(z.enum(LIMIT_DIMENSIONS), z.string());

/** One counter of a rule in the current window: the whole rule's, or one wildcard value's. */
export const limitCounterSchema = z.object({
  /** The wildcard values this counter is for (`{ user: "alice" }`); `{}` for a rule without `"*"`. */
  subject: dimensionValues,
  /** Requests, tokens or USD counted so far in this window (settled calls). */
  used: z.number(),
  /** USD held for calls in flight (their worst case), released when they settle. 0 for other measures. */
  reserved: z.number(),
  /** `limit - used - reserved`, never below 0. */
  remaining: z.number(),
});

/** One rule with its counters in the window that holds now. */
export const limitStatusSchema = z.object({
  name: z.string(),
  source: z.enum(['config', 'runtime']),
  /** The dimensions it matches on (`"*"`: one counter per distinct value); absent ones match any call. */
  applies_to: dimensionValues,
  measure: z.enum(LIMIT_MEASURES),
  limit: z.number(),
  per: z.enum(LIMIT_WINDOWS),
  /** The current window, calendar-aligned in UTC: ISO-8601 start and end (`resets_at`). */
  window_start: z.string(),
  resets_at: z.string(),
  on_exceeded: z.object({ fallback: z.string() }).optional(),
  on_unpriced: z.enum(['refuse', 'allow']).optional(),
  /** Admins see every counter; a user sees the shared one and their own. Empty when nothing was counted yet. */
  counters: z.array(limitCounterSchema),
});

/** `GET /v1/limits`. */
export const limitsResponseSchema = z.object({
  /** The window arithmetic's time zone, always `UTC`: said so clients never guess. */
  time_zone: z.literal('UTC'),
  limits: z.array(limitStatusSchema),
});

export type PutLimitBody = z.input<typeof putLimitBodySchema>;
export type LimitCounter = z.output<typeof limitCounterSchema>;
export type LimitStatus = z.output<typeof limitStatusSchema>;
export type LimitsResponse = z.output<typeof limitsResponseSchema>;
