import type { CallTarget } from './call-target.js';
import { loadAiSdk } from './load-ai-sdk.js';
import { rethrowInvalidObject } from './rethrow-invalid-object.js';
import type { TargetAnswer, TargetCall } from './run-task-call.js';
import { sdkCallOptions } from './sdk-call-options.js';
import type { TextCallInput } from './text-call-input.js';
import { toTokenUsage } from './to-token-usage.js';

/** A text call whose answer is an object for a schema. */
export type ObjectCallInput = TextCallInput & { output: NonNullable<TextCallInput['output']> };

/**
 * One structured call on one model (`generateText` with `Output.object`, the AI SDK 6 way): the parsed,
 * validated object. Output that does not parse or validate is the model's fault, a 502 with its text.
 */
export async function generateTaskObject<T = unknown>(
  target: CallTarget,
  input: ObjectCallInput,
  signal: AbortSignal,
): Promise<TargetAnswer<T>> {
  try {
    const { generateText } = await loadAiSdk();
    const result = await generateText(await sdkCallOptions(target, input, signal));
    return { value: result.output as T, usage: toTokenUsage(result.totalUsage) };
  } catch (error) {
    return await rethrowInvalidObject(error, target.model);
  }
}

/** `generateTaskObject` as the call `runTaskCall` runs per candidate. */
export function callObject<T = unknown>(input: ObjectCallInput, signal: AbortSignal): TargetCall<T> {
  return (target) => generateTaskObject<T>(target, input, signal);
}
