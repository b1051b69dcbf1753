import type { CallAdapter } from './call-adapter.js';
import { reasoningBudget } from './shared/reasoning-budget.js';

/** Any JSON object: what `json_object` asks for, as the input schema of the AI SDK's JSON tool. */
const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * Anthropic's controls: reasoning as extended thinking with a token budget (an effort maps to one);
 * `parallel_tool_calls: false` as `disable_parallel_tool_use`; JSON without a schema through a forced
 * JSON tool that takes any object, since Messages has no plain JSON mode.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#parallel-tool-use
 */
export const adaptAnthropicCall: CallAdapter = (call, controls) => {
  const options: Record<string, unknown> = {};
  if (controls.reasoning) {
    options.thinking = { type: 'enabled', budgetTokens: reasoningBudget(controls.reasoning) };
    options.sendReasoning = true;
  }
  if (controls.parallelToolCalls && !controls.parallelToolCalls.allowed)
    options.disableParallelToolUse = true;
  const format = call.responseFormat;
  const schemaless = format?.type === 'json' && !format.schema;
  if (schemaless) options.structuredOutputMode = 'jsonTool';
  return {
    ...(Object.keys(options).length ? { providerOptions: { anthropic: options as never } } : {}),
    ...(schemaless ? { responseFormat: { ...format, schema: ANY_OBJECT } } : {}),
  };
};
