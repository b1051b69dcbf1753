import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';

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
 * them (`ProviderKindModule.callProviderOptions`), or refuses the ones it has no equivalent for.
 */
export interface CallControls {
  reasoning?: ReasoningRequest | undefined;
  /** Whether several tool calls may come in one turn, when the request said (`parallel_tool_calls`). */
  parallelToolCalls?: { allowed: boolean; field: string } | undefined;
}

/** What a request needs of the model that serves it: candidates whose facts lack it are skipped. */
export type CallNeed = 'tools' | 'vision' | 'json';

/** The call options a surface's decoder builds; provider options and the abort signal come per target. */
export type SurfaceCallOptions = Omit<LanguageModelV3CallOptions, 'abortSignal' | 'providerOptions'>;

/**
 * One request of any surface (Chat Completions, Responses, Messages) as the one internal call: the AI
 * SDK's `LanguageModelV3CallOptions`, the controls the kind maps to its own options, what the request
 * needs of a model, and whether the client asked for a stream.
 */
export interface SurfaceCall {
  options: SurfaceCallOptions;
  controls: CallControls;
  needs: readonly CallNeed[];
  stream: boolean;
}

/** The needs a prompt and its settings imply: tools offered, images sent, JSON asked for. */
export function needsOf(options: SurfaceCallOptions): CallNeed[] {
  const needs: CallNeed[] = [];
  if (options.tools?.length) needs.push('tools');
  const hasImage = options.prompt.some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some((part) => part.type === 'file' && part.mediaType.startsWith('image/')),
  );
  if (hasImage) needs.push('vision');
  if (options.responseFormat?.type === 'json') needs.push('json');
  return needs;
}
