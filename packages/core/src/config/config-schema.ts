import { z } from 'zod';
import { CAPABILITY_NAME_PATTERN } from '../capabilities.js';
import { parseModelId } from '../model-id.js';
import { PROVIDER_KIND_NAMES } from '../provider-kinds.js';
import { TASK_NAME_PATTERN } from '../tasks/built-in-tasks.js';

/** Defaults of the `server` section. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_STORAGE_URL = 'sqlite:./data/switchboard.db';
/** Largest request body the gateway accepts (proxy and API), in bytes: 10 MiB, room for images in a chat. */
export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/**
 * Largest upstream answer the gateway reads into memory (a non-streamed task answer, a health probe, a
 * model list), in bytes: 8 MiB. Streams and the proxy pass answers on without holding them.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** A `<provider>:<name>` string; the message says which part is wrong. */
export const modelIdSchema = z.string().superRefine((value, ctx) => {
  try {
    parseModelId(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

const capabilityNameSchema = z
  .string()
  .regex(CAPABILITY_NAME_PATTERN, 'expected a capability name like "chat" (lower-case letters, digits, "_")');

const nonNegative = z.number().nonnegative();

/** Prices of a long-context tier: they apply to the whole call once its input passes `above_input_tokens`. */
export const costTierSchema = z.strictObject({
  above_input_tokens: z.int().positive(),
  input: nonNegative,
  output: nonNegative,
  cache_read: nonNegative.optional(),
  cache_write: nonNegative.optional(),
  reasoning: nonNegative.optional(),
});

/** Prices in USD per 1M tokens. */
export const costSchema = z.strictObject({
  input: nonNegative,
  output: nonNegative,
  /** Cached input (default: `input`). */
  cache_read: nonNegative.optional(),
  /** Prompt-cache writes (default: `input`). */
  cache_write: nonNegative.optional(),
  /** Reasoning tokens (default: `output`). */
  reasoning: nonNegative.optional(),
  /** Long-context tiers, e.g. `[{ above_input_tokens: 200000, input: 6, output: 22.5 }]`. */
  tiers: z.array(costTierSchema).optional(),
});

/** One model under `models.<provider>.registry.<name>`; its facts win over the catalogue's. */
export const registryEntrySchema = z.strictObject({
  /** `<provider>:<name>`; when given it must agree with the section and the key. */
  id: modelIdSchema.optional(),
  label: z.string().optional(),
  /** Default: the catalogue's capabilities for this name, else `[chat]`. */
  capabilities: z.array(capabilityNameSchema).min(1).optional(),
  context_window: z.int().positive().optional(),
  max_input_tokens: z.int().positive().optional(),
  max_output_tokens: z.int().positive().optional(),
  /** `null` says the price is unknown on purpose (usage is then counted as unpriced). */
  cost: costSchema.nullable().optional(),
  features: z.array(z.string()).optional(),
  embedding_dimensions: z.int().positive().optional(),
});

const httpUrlSchema = z.url({
  protocol: /^https?$/,
  error: 'expected an http(s) URL like "https://api.example.com/v1"',
});

/** Labels of pool keys: they name a key in status, usage and the keys API, so they are plain words. */
export const KEY_LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** One key of a provider's pool under `models.<name>.api_keys`. */
export const apiKeyEntrySchema = z.strictObject({
  /** Usually `${ENV_VAR}`; a variable that is not set leaves this key out (the others still serve). */
  key: z.string().min(1),
  /** Share of calls relative to the pool's other keys (default 1). */
  weight: z.number().positive().max(1_000_000).optional(),
  /** The name status and usage show (default: the variable's name, else `key-<position from 1>`); never the key. */
  label: z
    .string()
    .regex(KEY_LABEL_PATTERN, 'expected a label of letters, digits, "_", "." or "-" (at most 64)')
    .optional(),
});

/** One provider under `models.<name>`. */
export const providerSchema = z.strictObject({
  /** Wire protocol; may be left out when the section's name is itself a kind (`openai`, `anthropic`, ...). */
  kind: z.enum(PROVIDER_KIND_NAMES).optional(),
  /** Usually `${ENV_VAR}`; a variable that is not set leaves the provider unconfigured. */
  api_key: z.string().min(1).optional(),
  /**
   * A pool of keys beside (or instead of) `api_key`: calls pick one by weight among the healthy ones; a
   * 429 cools a key down, a 401/403 marks it bad. Default: none.
   */
  api_keys: z.array(apiKeyEntrySchema).optional(),
  /**
   * `allow`: each user may store their own key for this provider; their calls use it (usage `key: user`).
   * Default `deny`.
   */
  user_keys: z.enum(['allow', 'deny']).optional(),
  /** Base URL; each kind has a default, `openai-compatible` must name one. */
  endpoint: httpUrlSchema.optional(),
  /** Ollama's spelling of `endpoint` (default `http://localhost:11434`). */
  host: httpUrlSchema.optional(),
  /** Extra headers sent upstream on every call (OpenRouter's `HTTP-Referer`, an org header, ...). */
  headers: z.record(z.string(), z.string()).optional(),
  /** List the provider's own models as `registered: false` (default: true for ollama, false otherwise). */
  discover: z.boolean().optional(),
  /** Bring the built-in catalogue's models of this kind (default true). */
  catalog: z.boolean().optional(),
  /** Upstream idle timeout in milliseconds (default 120,000); the connect timeout is the smaller of it and 10,000. */
  timeout_ms: z.int().positive().optional(),
  /**
   * Largest answer read into memory from this provider, in bytes (default 8 MiB): a non-streamed task
   * answer, a health probe, a model list. Past it the call fails with 502 `upstream_response_too_large`.
   */
  max_response_bytes: z.int().positive().optional(),
  registry: z.record(z.string().min(1), registryEntrySchema.nullable()).optional(),
});

/** `models:`: `defaults`, `allow_unregistered`, and one section per provider. */
export const modelsSchema = z
  .object({
    /** `<capability or task>: <model ID>`. */
    defaults: z.record(z.string(), modelIdSchema).optional(),
    /** Accept overrides naming models the config does not register (default true). */
    allow_unregistered: z.boolean().optional(),
    /**
     * Names a request's `model` may use instead of a model ID: `{ gpt-5: "openai:gpt-5" }`, so a client's
     * own model checks (reasoning models, context sizes) see the name they know. An alias wins over a
     * model ID and over a bare model name.
     */
    aliases: z
      .record(z.string().regex(/^[^\s]+$/, 'expected a name without spaces'), modelIdSchema)
      .optional(),
  })
  .catchall(providerSchema);

/**
 * `tasks.<name>.requires`: what the task's model must have beyond the capability. Checked at load (the
 * task's default and fallbacks), on preference and runtime default writes, in resolution and per request.
 * Replaces a built-in task's own requirements (`requires: {}` lifts them).
 */
export const taskRequirementsSchema = z.strictObject({
  /** Features the model must have: `tools`, `vision`, `pdf`, `json_schema`, `reasoning`, ... (`thinking` reads as `reasoning`). */
  features: z
    .array(
      z
        .string()
        .regex(
          /^[a-z][a-z0-9_]*$/,
          'expected a feature name like "tools" or "json_schema" (lower-case, "_")',
        ),
    )
    .optional(),
  /** Smallest context window in tokens, e.g. 100000. */
  min_context: z.int().positive().optional(),
  /** Highest input price in USD per 1M tokens. */
  max_input_price: nonNegative.optional(),
  /** Highest output price in USD per 1M tokens. */
  max_output_price: nonNegative.optional(),
});

/** `tasks.<name>`: change a built-in task or declare a new one (then `capability` is required). */
export const taskConfigSchema = z.strictObject({
  default: modelIdSchema.optional(),
  /** Tried in order when the resolved provider fails with a retryable error before any byte was sent. */
  fallbacks: z.array(modelIdSchema).optional(),
  capability: capabilityNameSchema.optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  category: z.string().optional(),
  requires: taskRequirementsSchema.optional(),
});

/** The most processes `server.workers` may ask for. */
export const MAX_SERVER_WORKERS = 64;

export const serverSchema = z.strictObject({
  /** Address to bind; anything but loopback needs `auth.mode: token`. Default 127.0.0.1. */
  host: z.string().min(1).optional(),
  /** Default 8787; env `PORT` wins. */
  port: z.int().min(0).max(65_535).optional(),
  /** Largest request body in bytes (default 10 MiB). */
  body_limit_bytes: z.int().positive().optional(),
  /**
   * Processes serving the one port (node:cluster): a count, or `auto` for one per CPU core. Default 1.
   * They share the database and the limits' counters; on SQLite the primary process relays each worker's
   * committed changes (preferences, defaults, limit rules) to the others. Needs a database file: an
   * in-memory SQLite (`sqlite::memory:`) would be one database per worker, and is refused.
   */
  workers: z.union([z.int().min(1).max(MAX_SERVER_WORKERS), z.literal('auto')]).optional(),
  /**
   * Web origins (`http://localhost:5173`) whose pages may call the gateway besides its own: in local mode
   * every other `Origin` is refused; in both modes these get CORS answers. Default none.
   */
  allowed_origins: z
    .array(
      z
        .string()
        .regex(
          /^https?:\/\/[^/?#\s]+$/,
          'expected an origin like "http://localhost:5173" (scheme, host and port; no path, no trailing slash)',
        ),
    )
    .optional(),
});

export const storageSchema = z.strictObject({
  /** `sqlite:<path>` (default `sqlite:./data/switchboard.db`) or `postgres://user@host/db`. */
  url: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'expected "sqlite:<path>" or "postgres://user@host/db"')
    .optional(),
  /**
   * `redis://host:6379` (or `rediss://`): keep the limits' counters in Redis, shared by every instance,
   * instead of the database. Default: none (counters live in the database).
   */
  redis: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a Redis URL like "redis://127.0.0.1:6379"')
    .optional(),
});

/** Windows of a limit: calendar periods in UTC (a `day` runs from 00:00 to 24:00 UTC). */
export const LIMIT_WINDOWS = ['minute', 'hour', 'day', 'month'] as const;
/** What a limit counts: calls, tokens (input + output) or US dollars. */
export const LIMIT_MEASURES = ['requests', 'tokens', 'usd'] as const;
/** What a limit can match on; absent means any, `"*"` one counter per distinct value. */
export const LIMIT_DIMENSIONS = ['user', 'task', 'provider', 'model', 'token'] as const;
/** Limit names: they appear in URLs (`/v1/limits/:name`), metrics and errors. */
export const LIMIT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const limitMatchValue = z.string().min(1, 'expected a value or "*" (one counter per distinct value)');

/**
 * One limit: whom it matches (`user`, `task`, `provider`, `model`, `token`; absent = any, `"*"` = one
 * counter per distinct value), exactly one measure (`requests`, `tokens`, `usd`) and a calendar window.
 */
export const limitRuleSchema = z
  .strictObject({
    user: limitMatchValue.optional(),
    task: limitMatchValue.optional(),
    provider: limitMatchValue.optional(),
    model: limitMatchValue.optional(),
    /** An API token's ID (as `switchboard tokens list` shows it). */
    token: limitMatchValue.optional(),
    requests: z.int().positive().optional(),
    /** Input plus output tokens. */
    tokens: z.int().positive().optional(),
    /** US dollars at the registry's prices. */
    usd: z.number().positive().optional(),
    per: z.enum(LIMIT_WINDOWS),
    /** A `task` rule only: once exhausted, serve the task's calls with this model instead of refusing. */
    on_exceeded: z.strictObject({ fallback: modelIdSchema }).optional(),
    /** `usd` rules only: a model with no known price is refused (default `refuse`) or let through uncounted (`allow`). */
    on_unpriced: z.enum(['refuse', 'allow']).optional(),
    /**
     * Calls a user makes with their own provider key (`user_keys: allow`) pay their own bill, so they are
     * outside the rule (default `exclude`); `include` counts and limits them like every other call.
     */
    user_keys: z.enum(['exclude', 'include']).optional(),
  })
  .superRefine((rule, ctx) => {
    const measures = LIMIT_MEASURES.filter((measure) => rule[measure] !== undefined);
    if (measures.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of requests, tokens, usd (found ${measures.length ? measures.join(', ') : 'none'})`,
      });
    }
    if (rule.on_exceeded && (rule.task === undefined || rule.task === '*')) {
      ctx.addIssue({
        code: 'custom',
        path: ['on_exceeded'],
        message: 'on_exceeded.fallback needs a rule on one task (task: <name>)',
      });
    }
    if (rule.on_unpriced && rule.usd === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['on_unpriced'],
        message: 'on_unpriced applies to usd rules only',
      });
    }
  });

/** `limits:`: rules by name. */
export const limitsSchema = z.record(
  z
    .string()
    .regex(LIMIT_NAME_PATTERN, 'expected a limit name of letters, digits, "_", "." or "-" (at most 64)'),
  limitRuleSchema,
);

export const authSchema = z.strictObject({
  /** `local`: loopback only, every caller is the admin `local`. `token`: Bearer tokens. Default local. */
  mode: z.enum(['local', 'token']).optional(),
  /** Requests per window per token (or per address in local mode). */
  rate_limit: z
    .strictObject({
      max: z.int().positive(),
      time_window_ms: z.int().positive().optional(),
    })
    .optional(),
});

/** Probability that a request without a sampled parent is traced, when `telemetry.sample` is unset. */
export const DEFAULT_TRACE_SAMPLE = 1;

/**
 * OpenTelemetry traces. Off unless `otlp` is set here or `OTEL_EXPORTER_OTLP_ENDPOINT` is in the
 * environment (this section wins over the variable).
 */
export const telemetrySchema = z.strictObject({
  /** The collector's OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318` (spans go to `<otlp>/v1/traces`). */
  otlp: httpUrlSchema.optional(),
  /** Share of new traces kept, 0 to 1; default 1. A caller's sampled `traceparent` is always followed. */
  sample: z.number().min(0).max(1).optional(),
  /** Record message contents on spans (`gen_ai.input.messages`, ...). Default false: they may be private. */
  capture_content: z.boolean().optional(),
  /** A link to a trace in your viewer, `{trace_id}` replaced, e.g. `http://jaeger:16686/trace/{trace_id}`. */
  trace_url_template: z
    .string()
    .refine((value) => value.includes('{trace_id}'), 'expected a URL containing "{trace_id}"')
    .optional(),
});

/** How often the background refresh reads `catalog.source` again when `refresh` is not set: a day. */
export const DEFAULT_CATALOG_REFRESH = '24h';

/** A duration like `30m`, `24h`, `7d`. */
export const CATALOG_REFRESH_PATTERN = /^[1-9][0-9]*(s|m|h|d)$/;

/**
 * `catalog:`: where imported model facts (models.dev's `api.json`) come from and which of its providers
 * each configured provider takes its models from.
 */
export const catalogSchema = z.strictObject({
  /** A file path or an http(s) URL of a models.dev `api.json`, re-read every `refresh`. Default: none. */
  source: z.string().min(1).optional(),
  /** How often to refresh from `source`: `30m`, `24h`, `7d` (default 24h); `off` only imports by hand. */
  refresh: z
    .union([
      z.literal('off'),
      z.string().regex(CATALOG_REFRESH_PATTERN, 'expected a duration like "24h", "30m", "7d", or "off"'),
    ])
    .optional(),
  /**
   * `<configured provider>: <models.dev provider ID>`: the provider also brings that catalogue provider's
   * models (`openrouter: openrouter`). Providers of kind openai, anthropic, google and xai take their
   * kind's without a mapping.
   */
  providers: z
    .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'expected a provider name of models:'), z.string().min(1))
    .optional(),
});

/** The whole file, version 2. */
export const configSchema = z.strictObject({
  version: z.literal(2).optional(),
  server: serverSchema.optional(),
  storage: storageSchema.optional(),
  auth: authSchema.optional(),
  telemetry: telemetrySchema.optional(),
  /** Capabilities beyond `chat`, `sql` and `embeddings`. */
  capabilities: z.array(capabilityNameSchema).optional(),
  models: modelsSchema,
  tasks: z
    .record(
      z
        .string()
        .regex(
          TASK_NAME_PATTERN,
          'expected a task name like "prd_generation" (lower-case letters, digits, "_")',
        ),
      taskConfigSchema,
    )
    .optional(),
  /** Requests, tokens and dollars per user, task, provider, model or token (see the README's "Limits"). */
  limits: limitsSchema.optional(),
  /** Imported model facts (models.dev): `switchboard catalog import`, refreshed from `source`. */
  catalog: catalogSchema.optional(),
});

export type SwitchboardConfig = z.output<typeof configSchema>;
export type ProviderConfig = z.output<typeof providerSchema>;
export type RegistryEntryConfig = z.output<typeof registryEntrySchema>;
export type TelemetryConfig = z.output<typeof telemetrySchema>;
export type TaskConfig = z.output<typeof taskConfigSchema>;
export type TaskRequirementsConfig = z.output<typeof taskRequirementsSchema>;
export type ModelCostConfig = z.output<typeof costSchema>;
export type CatalogConfig = z.output<typeof catalogSchema>;
export type LimitRuleConfig = z.output<typeof limitRuleSchema>;
export type LimitWindowName = (typeof LIMIT_WINDOWS)[number];
export type LimitMeasure = (typeof LIMIT_MEASURES)[number];
export type LimitDimension = (typeof LIMIT_DIMENSIONS)[number];

/** Keys of `models:` that are not provider sections. */
export const MODELS_RESERVED_KEYS = ['defaults', 'allow_unregistered', 'aliases'] as const;
