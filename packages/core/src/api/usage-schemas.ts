import { z } from 'zod';

/** What `GET /v1/usage` can group by. */
export const USAGE_GROUPS = ['task', 'model', 'user', 'day', 'status', 'key'] as const;

/**
 * How a call ended: `ok`; `error` (the provider failed or refused it); `aborted` (the client went away);
 * `refused` (turned away before any upstream request: no key on this server, a request the provider cannot
 * take). Refused requests are not calls.
 */
export const USAGE_STATUSES = ['ok', 'error', 'aborted', 'refused'] as const;

/** `GET /v1/usage` query string. */
export const usageQuerySchema = z.strictObject({
  /** Inclusive, ISO date or time. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Exclusive, ISO date or time. */
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Comma-separated: task, model, user, day, status, key. Default `task,model`. */
  group_by: z
    .string()
    .regex(
      /^(task|model|user|day|status|key)(,(task|model|user|day|status|key))*$/,
      'expected a comma-separated list of task, model, user, day, status, key',
    )
    .optional(),
  /** Admins may ask for anyone; users see only their own usage. */
  user: z.string().min(1).optional(),
});

/** One group of calls (or the totals): the grouped-by fields are present only when grouped by. */
export const usageRowSchema = z.object({
  task: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  user: z.string().nullable().optional(),
  day: z.string().optional(),
  /** One of `USAGE_STATUSES` (older servers may have stored others). */
  status: z.string().optional(),
  /**
   * The key that served, as `<provider>/<label>` (`openai/key-1`, `openai/user` for a user's own key);
   * null for calls made without a key (a local Ollama) or recorded before keys were.
   */
  key: z.string().nullable().optional(),
  /** Requests that reached a provider (or were meant to): ok, error and aborted; never refused ones. */
  calls: z.number(),
  /** Of `calls`, those that ended in an error. */
  failed_calls: z.number(),
  /** Requests turned away before any upstream request; not counted in `calls`. */
  refused_calls: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cached_input_tokens: z.number(),
  reasoning_tokens: z.number(),
  /** USD of the priced calls; null when none was priced. */
  cost_usd: z.number().nullable(),
  /** Calls that succeeded but whose model has no known price: counted apart, never as $0. */
  unpriced_calls: z.number(),
});

/** `GET /v1/usage` answer. */
export const usageResponseSchema = z.object({
  group_by: z.array(z.enum(USAGE_GROUPS)),
  rows: z.array(usageRowSchema),
  totals: usageRowSchema,
});

export type UsageGroup = (typeof USAGE_GROUPS)[number];
export type UsageQuery = z.infer<typeof usageQuerySchema>;
export type UsageRow = z.infer<typeof usageRowSchema>;
export type UsageResponse = z.infer<typeof usageResponseSchema>;
