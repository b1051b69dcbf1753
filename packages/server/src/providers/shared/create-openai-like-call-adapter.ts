import type { JSONValue } from '@ai-sdk/provider';
import type { CallAdapter, ReasoningEffort } from '../call-adapter.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import { reasoningEffort } from './reasoning-budget.js';

export interface OpenAiLikeCallOptions {
  /** The key of the AI SDK provider's options: `openai`, `xai`, or the provider's own name. */
  optionsKey(runtime: ProviderRuntime): string;
  /** The option that says whether several tool calls may come at once. */
  parallelToolCallsOption: string;
  /** The effort as the provider spells it, where its levels differ from OpenAI's. */
  effort?(effort: ReasoningEffort): string;
}

/**
 * The controls of a kind that speaks OpenAI's API: reasoning as `reasoning_effort` (a budget maps to the
 * nearest effort), parallel tool calls as the provider's own option. JSON without a schema is OpenAI's
 * `json_object`, which the AI SDK sends as it is.
 */
export function createOpenAiLikeCallAdapter(config: OpenAiLikeCallOptions): CallAdapter {
  return (_call, controls, runtime) => {
    const options: Record<string, JSONValue> = {};
    if (controls.reasoning) {
      const effort = reasoningEffort(controls.reasoning);
      options.reasoningEffort = config.effort ? config.effort(effort) : effort;
    }
    if (controls.parallelToolCalls)
      options[config.parallelToolCallsOption] = controls.parallelToolCalls.allowed;
    return Object.keys(options).length ? { providerOptions: { [config.optionsKey(runtime)]: options } } : {};
  };
}
