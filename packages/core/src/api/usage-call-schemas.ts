import { z } from 'zod';

/** Most calls `GET /v1/usage/calls` answers at once. */
export const MAX_RECENT_CALLS = 200;

/** `GET /v1/usage/calls` query string. */
export const recentCallsQuerySchema = z.strictObject({
  /** How many of the latest calls; default 20, at most 200. */
  limit: z.coerce.number().int().min(1).max(MAX_RECENT_CALLS).optional(),
  /** Admins may ask for anyone; users see only their own calls. */
  user: z.string().min(1).optional(),
});

/** One recorded call, with its trace when tracing was on. */
export const recentCallSchema = z.object({
  time: z.string(),
  request_id: z.string().nullable(),
  user: z.string().nullable(),
  task: z.string().nullable(),
  model: z.string().nullable(),
  endpoint: z.string().nullable(),
  status: z.string(),
  error_code: z.string().nullable(),
  input_tokens: z.number().nullable(),
  output_tokens: z.number().nullable(),
  cost_usd: z.number().nullable(),
  latency_ms: z.number().nullable(),
  /** The OpenTelemetry trace ID (32 hex), when tracing was on for the call. */
  trace_id: z.string().nullable(),
  /** The label of the key that served (`user` for the caller's own key); null without a key. */
  key: z.string().nullable().optional(),
  /** The trace in your viewer, from `telemetry.trace_url_template`, when both are set. */
  trace_url: z.string().nullable(),
});

/** `GET /v1/usage/calls` answer, newest first. */
export const recentCallsResponseSchema = z.object({ calls: z.array(recentCallSchema) });

export type RecentCallsQuery = z.infer<typeof recentCallsQuerySchema>;
export type RecentCall = z.infer<typeof recentCallSchema>;
export type RecentCallsResponse = z.infer<typeof recentCallsResponseSchema>;
