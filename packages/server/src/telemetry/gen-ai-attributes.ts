/**
 * Attribute names of OpenTelemetry's GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/). They are still "development" there,
 * so, as the conventions package advises for unstable names, they are copied here rather than imported from
 * its `incubating` entry point, which may change them in a minor release.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  reasoningOutputTokens: 'gen_ai.usage.reasoning.output_tokens',
  finishReasons: 'gen_ai.response.finish_reasons',
  inputMessages: 'gen_ai.input.messages',
  systemInstructions: 'gen_ai.system_instructions',
} as const;

/** Switchboard's own attributes: why this model answered, and what it cost. */
export const SWITCHBOARD = {
  task: 'switchboard.task',
  /** `override`, `preference`, `default`, ... (the resolution's source). */
  source: 'switchboard.source',
  /** The full model ID, `<provider>:<name>`. */
  model: 'switchboard.model',
  fallbackFrom: 'switchboard.fallback.from',
  /** Which attempt of the call this is, from 0 (the resolved model), then its fallbacks. */
  attempt: 'switchboard.attempt',
  costUsd: 'switchboard.cost_usd',
  /** The name of the limit that refused the call. */
  limit: 'switchboard.limit',
  endpoint: 'switchboard.endpoint',
  requestId: 'switchboard.request_id',
} as const;

/** `gen_ai.operation.name` values used here. */
export type GenAiOperation = 'chat' | 'embeddings';
