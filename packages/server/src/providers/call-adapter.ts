import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ProviderRuntime } from './provider-runtime.js';

/** How hard a model should think, as the request said it (OpenAI's effort or Anthropic's token budget). */
export interface ReasoningRequest {
  /** OpenAI's `reasoning_effort` / Responses' `reasoning.effort`. */
  effort?: ReasoningEffort | undefined;
  /** Anthropic's `thinking.budget_tokens`. */
  budgetTokens?: number | undefined;
  /** The request field that asked (`reasoning_effort`, `reasoning.effort`, `thinking`), for a refusal to name. */
  field: string;
}

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

/**
 * Controls a request sets that each provider kind spells in its own provider options: the kind module maps
 * them (`ProviderKindModule.adaptCall`), or refuses the ones it has no equivalent for.
 */
export interface CallControls {
  reasoning?: ReasoningRequest | undefined;
  /** Whether several tool calls may come in one turn, when the request said (`parallel_tool_calls`). */
  parallelToolCalls?: { allowed: boolean; field: string } | undefined;
}

/** The call options a surface's decoder builds; provider options and the abort signal come per target. */
export type SurfaceCallOptions = Omit<LanguageModelV3CallOptions, 'abortSignal' | 'providerOptions'>;

/**
 * A kind's own spelling of a request's controls: reasoning (effort or budget), parallel tool calls, and
 * JSON output without a schema, as AI SDK provider options (and, where the kind needs it, a changed
 * `responseFormat`). It throws a 400 naming the field for a control its provider has no equivalent for.
 */
export type CallAdapter = (
  call: SurfaceCallOptions,
  controls: CallControls,
  runtime: ProviderRuntime,
) => Pick<LanguageModelV3CallOptions, 'providerOptions' | 'responseFormat'>;
