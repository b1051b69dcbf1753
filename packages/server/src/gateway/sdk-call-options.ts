import { jsonSchema, Output } from 'ai';
import type { CallTarget } from './call-target.js';
import type { TextCallInput } from './stream-task-text.js';

/** The AI SDK `output` setting for a `TextCallInput`. */
export function toSdkOutput(output: TextCallInput['output']) {
  if (!output) return undefined;
  return output.schema
    ? Output.object({
        schema: jsonSchema(output.schema as Parameters<typeof jsonSchema>[0]),
        name: output.name,
      })
    : Output.json({ name: output.name });
}

/**
 * What every AI SDK text call of the gateway passes: the target's model, the input, and no retries of the
 * SDK's own (each attempt is exactly one upstream call; fallbacks are the gateway's decision).
 */
export function sdkCallOptions(target: CallTarget, input: TextCallInput, abortSignal?: AbortSignal) {
  return {
    model: target.kind.languageModel(target.runtime, target.name),
    system: input.system,
    ...(input.messages ? { messages: input.messages } : { prompt: input.prompt ?? '' }),
    temperature: input.temperature,
    maxOutputTokens: input.maxOutputTokens,
    ...input.settings,
    ...(input.output ? { output: toSdkOutput(input.output) } : {}),
    maxRetries: 0,
    abortSignal,
  };
}
