import { z } from 'zod';
import { providerKeyStateSchema } from './provider-key-schemas.js';

const priceFields = {
  input: z.number(),
  output: z.number(),
  cache_read: z.number().optional(),
  cache_write: z.number().optional(),
  reasoning: z.number().optional(),
};

/** Prices in USD per 1M tokens, with the long-context tiers a call may reach. */
export const modelCostSchema = z.object({
  ...priceFields,
  tiers: z.array(z.object({ above_input_tokens: z.number(), ...priceFields })).optional(),
});

/** One model as `GET /v1/ai/models` lists it. */
export const modelSchema = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  kind: z.string(),
  label: z.string().optional(),
  capabilities: z.array(z.string()),
  registered: z.boolean(),
  origin: z.enum(['config', 'catalog', 'discovered']),
  context_window: z.number().nullable(),
  max_input_tokens: z.number().optional(),
  max_output_tokens: z.number().nullable(),
  cost: modelCostSchema.nullable(),
  features: z.array(z.string()),
  embedding_dimensions: z.number().optional(),
  modalities: z.object({ input: z.array(z.string()), output: z.array(z.string()) }).optional(),
  knowledge_cutoff: z.string().optional(),
  release_date: z.string().optional(),
  status: z.enum(['alpha', 'beta', 'deprecated']).optional(),
});

/** One provider: never its key, only whether it has one. */
export const providerSchema = z.object({
  name: z.string(),
  kind: z.string(),
  endpoint: z.string(),
  configured: z.boolean(),
  unconfigured_reason: z.string().optional(),
  has_api_key: z.boolean(),
  /** `models.<name>.user_keys: allow`: a user may store their own key for it. */
  user_keys: z.boolean().optional(),
});

/** What a task needs of its model beyond the capability; decide a model's fit with core's `checkModelFit`. */
export const taskRequirementsApiSchema = z.object({
  features: z.array(z.string()).optional(),
  min_context: z.number().optional(),
  max_input_price: z.number().optional(),
  max_output_price: z.number().optional(),
});

/** One task with the model it resolves to when nobody chose one. */
export const taskSchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  category: z.string(),
  capability: z.string(),
  built_in: z.boolean(),
  default: z.string().nullable(),
  default_source: z.enum(['runtime_default', 'config_default', 'none']),
  /**
   * The config's own default, which applies again when the runtime default is cleared. Optional: a server
   * that does not send it leaves the config default unknown while a runtime default hides it.
   */
  config_default: z.string().nullable().optional(),
  fallbacks: z.array(z.string()),
  /** Optional: a server from before requirements sends none, which means nothing beyond the capability. */
  requires: taskRequirementsApiSchema.optional(),
});

export const modelsResponseSchema = z.object({
  /** Effective defaults by capability and task: the config's, with runtime defaults on top. */
  defaults: z.record(z.string(), z.string()),
  tasks: z.array(taskSchema),
  providers: z.array(providerSchema),
  models: z.array(modelSchema),
});

export const providerHealthSchema = z.object({
  status: z.enum(['ok', 'unauthorized', 'unreachable', 'unconfigured', 'unknown', 'error']),
  latency_ms: z.number().nullable(),
  checked_at: z.string().nullable(),
  error: z.string().nullable(),
  /** Models the provider listed on its last check (discovery). */
  discovered_models: z.number().nullable().optional(),
});

export const modelsStatusResponseSchema = modelsResponseSchema.extend({
  health: z.record(z.string(), providerHealthSchema),
  /** Each provider's key pool: labels, last four characters and status, never a key. */
  keys: z.record(z.string(), z.array(providerKeyStateSchema)).optional(),
});

/** `POST /v1/ai/models/primary`: exactly one of `capability` or `task`. */
export const setPrimaryBodySchema = z
  .strictObject({
    capability: z.string().min(1).optional(),
    task: z.string().min(1).optional(),
    model: z.string().min(1),
  })
  .refine((body) => (body.capability === undefined) !== (body.task === undefined), {
    message: 'expected exactly one of "capability" or "task"',
  });

/** `DELETE /v1/ai/models/primary`: exactly one of `capability` or `task` (query string or body). */
export const clearPrimarySchema = z
  .strictObject({ capability: z.string().min(1).optional(), task: z.string().min(1).optional() })
  .refine((body) => (body.capability === undefined) !== (body.task === undefined), {
    message: 'expected exactly one of "capability" or "task"',
  });

export const primaryResponseSchema = z.object({
  key: z.object({ capability: z.string().optional(), task: z.string().optional() }),
  model: z.string().nullable(),
  defaults: z.record(z.string(), z.string()),
});

export type ApiModel = z.infer<typeof modelSchema>;
export type ApiProvider = z.infer<typeof providerSchema>;
export type ApiTask = z.infer<typeof taskSchema>;
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;
export type ProviderHealth = z.infer<typeof providerHealthSchema>;
export type ModelsStatusResponse = z.infer<typeof modelsStatusResponseSchema>;
export type SetPrimaryBody = z.infer<typeof setPrimaryBodySchema>;
export type ClearPrimaryBody = z.infer<typeof clearPrimarySchema>;
export type PrimaryResponse = z.infer<typeof primaryResponseSchema>;
