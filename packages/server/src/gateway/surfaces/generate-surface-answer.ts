import type { TokenUsage } from '@switchboard/core';
import type { CallTarget } from '../call-target.js';
import { languageModelOf, prepareCall } from './prepare-call.js';
import { passOnHeaders } from './shared/pass-on-headers.js';
import { rethrowPromptError } from './shared/rethrow-prompt-error.js';
import { toTokenUsageV3 } from './shared/surface-usage.js';
import type { SurfaceCall } from './surface-call.js';
import type { SurfaceAnswer } from './surface-encoder.js';

/** A whole answer of one candidate, with the headers to pass on and the usage to record. */
export interface GeneratedAnswer {
  value: { answer: SurfaceAnswer; headers: Record<string, string> };
  usage: TokenUsage | undefined;
}

/** Calls one candidate for a whole answer: `doGenerate` of the kind's AI SDK model with the decoded call. */
export async function generateSurfaceAnswer(
  target: CallTarget,
  call: SurfaceCall,
  signal: AbortSignal,
): Promise<GeneratedAnswer> {
  const model = await languageModelOf(target);
  const options = await prepareCall(target, model, call, signal);
  const result = await model
    .doGenerate(options)
    .then(undefined, (error: unknown) => rethrowPromptError(error, target.model));
  return {
    value: { answer: result, headers: passOnHeaders(result.response?.headers) },
    usage: toTokenUsageV3(result.usage),
  };
}
