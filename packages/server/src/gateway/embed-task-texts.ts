import type { CallTarget } from './call-target.js';
import { loadAiSdk } from './load-ai-sdk.js';
import type { TargetAnswer } from './run-task-call.js';
import { sdkEmbedOptions } from './sdk-call-options.js';

/**
 * Embeds texts on one model through the AI SDK: one vector per text, in order. A provider that reports no
 * token count for embeddings (Gemini) is counted as 0 input tokens, as before.
 */
export async function embedTaskTexts(
  target: CallTarget,
  values: string[],
  signal: AbortSignal,
): Promise<TargetAnswer<{ embeddings: number[][]; tokens: number }>> {
  const { embedMany } = await loadAiSdk();
  const result = await embedMany(await sdkEmbedOptions(target, values, signal));
  const tokens = Number.isFinite(result.usage?.tokens) ? result.usage.tokens : 0;
  return {
    value: { embeddings: result.embeddings, tokens },
    usage: { inputTokens: tokens, outputTokens: 0 },
  };
}
