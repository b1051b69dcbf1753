import type { Generated } from 'kysely';

/**
 * Timestamps are ISO-8601 UTC text with milliseconds (`2025-11-21T18:18:00.123Z`), written by the
 * application, never by the database. Why text: SQLite has no date type, and PostgreSQL's `timestamptz`
 * comes back from `pg` as a `Date` with microseconds while SQLite would give back whatever was stored. One
 * fixed-width string is byte-for-byte the same on both dialects, sorts chronologically as plain text (so
 * `time >= ?` ranges and indexes work), and its first ten characters are the UTC day for grouping.
 */
export type IsoTimestamp = string;

/** `users`: one row per user who ever wrote a preference or holds a token. */
export interface UsersTable {
  id: string;
  created_at: IsoTimestamp;
  /** Bumped by every preference write; the HTTP layer's ETag. 0 for a user who never wrote. */
  preferences_version: Generated<number>;
}

/** `model_preferences`: (user, task) -> model ID. Deleted with the user. */
export interface ModelPreferencesTable {
  user_id: string;
  task: string;
  model_id: string;
  updated_at: IsoTimestamp;
}

/** `default_overrides`: runtime defaults set through `POST /v1/ai/models/primary`. */
export interface DefaultOverridesTable {
  /** A task name, or `capability:<name>` for a capability-wide default. */
  task: string;
  model_id: string;
  updated_at: IsoTimestamp;
  updated_by: string | null;
}

/** `api_tokens`: only the SHA-256 of the secret is stored. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  role: 'user' | 'admin';
  name: string | null;
  token_hash: string;
  created_at: IsoTimestamp;
  last_used_at: IsoTimestamp | null;
  revoked_at: IsoTimestamp | null;
}

/** `usage_events`: append-only, one row per served call. */
export interface UsageEventsTable {
  /** Assigned by the database (a sequence): never written by the application. */
  id: Generated<number>;
  time: IsoTimestamp;
  request_id: string | null;
  user_id: string | null;
  task: string | null;
  model_id: string | null;
  provider: string | null;
  endpoint: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
  /** NULL when the model's price is unknown: never 0 for "unknown". */
  cost_usd: number | null;
  latency_ms: number | null;
  status: string;
  error_code: string | null;
  /** The call's OpenTelemetry trace ID (32 hex), when tracing was on. */
  trace_id: string | null;
  /** The key that served: a pool key's label, `user` for the caller's own key; NULL without a key. */
  key_label: string | null;
}

/** `provider_keys`: keys added at runtime, encrypted (never the key in plain text). */
export interface ProviderKeysTable {
  provider: string;
  label: string;
  /** `security/key-cipher.ts`'s sealed form of the key. */
  ciphertext: string;
  weight: number;
  updated_at: IsoTimestamp;
  updated_by: string | null;
}

/** `user_provider_keys`: a user's own key per provider, encrypted. */
export interface UserProviderKeysTable {
  user_id: string;
  provider: string;
  ciphertext: string;
  updated_at: IsoTimestamp;
}

/** `limit_rules`: rules set at runtime (`PUT /v1/limits/:name`); the config's are never stored. */
export interface LimitRulesTable {
  name: string;
  /** The rule as written (JSON of the config shape). */
  rule: string;
  updated_at: IsoTimestamp;
  updated_by: string | null;
}

/** `limit_counters`: what each rule counted per subject and calendar window (UTC). */
export interface LimitCountersTable {
  rule: string;
  /** `""` for a rule without `"*"`, else its wildcard values (`user=alice`). */
  subject: string;
  window_start: IsoTimestamp;
  resets_at: IsoTimestamp;
  used: Generated<number>;
  /** The worst case of USD calls in flight, released when they settle. */
  reserved: Generated<number>;
}

/** `catalog_models`: the imported catalogue, one row per model of a models.dev provider. */
export interface CatalogModelsTable {
  /** The models.dev provider ID (`anthropic`, `openrouter`). */
  provider: string;
  name: string;
  /** `ModelFacts` as JSON. */
  facts: string;
}

/** `catalog_imports`: one row per import; the highest `version` is the catalogue in force. */
export interface CatalogImportsTable {
  version: number;
  /** The file or URL it was read from. */
  source: string;
  imported_at: IsoTimestamp;
  providers: number;
  models: number;
  prices_changed: number;
}

/** The whole schema, as Kysely sees it. */
export interface DatabaseSchema {
  users: UsersTable;
  model_preferences: ModelPreferencesTable;
  default_overrides: DefaultOverridesTable;
  api_tokens: ApiTokensTable;
  usage_events: UsageEventsTable;
  limit_rules: LimitRulesTable;
  limit_counters: LimitCountersTable;
  catalog_models: CatalogModelsTable;
  catalog_imports: CatalogImportsTable;
  provider_keys: ProviderKeysTable;
  user_provider_keys: UserProviderKeysTable;
}
