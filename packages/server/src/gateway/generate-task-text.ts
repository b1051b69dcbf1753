import type { CallTarget } from './call-target.js';
import { loadAiSdk } from './load-ai-sdk.js';
import type { TargetAnswer, TargetCall } from './run-task-call.js';
import { sdkCallOptions } from './sdk-call-options.js';
import type { TextCallInput } from './text-call-input.js';
import { toTokenUsage } from './to-token-usage.js';

/** A whole text answer: the text and why the model stopped (the AI SDK's finish reason). */
export interface TextAnswer {
  text: string;
  finishReason: string;
}

/** One text call on one model through the AI SDK. */
export async function generateTaskText(
  target: CallTarget,
  input: TextCallInput,
  signal: AbortSignal,
): Promise<TargetAnswer<TextAnswer>> {
  const { generateText } = await loadAiSdk();
  const result = await generateText(await sdkCallOptions(target, input, signal));
  return {
    value: { text: result.text, finishReason: result.finishReason },
    usage: toTokenUsage(result.totalUsage),
  };
}

/** `generateTaskText` as the call `runTaskCall` runs per candidate. */
export function callText(input: TextCallInput, signal: AbortSignal): TargetCall<TextAnswer> {
  return (target) => generateTaskText(target, input, signal);
}
