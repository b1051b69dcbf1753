import type { LanguageModelV3FinishReason, LanguageModelV3Usage } from '@ai-sdk/provider';

/**
 * OpenAI's `usage`: `prompt_tokens` count cached ones (`prompt_tokens_details.cached_tokens`),
 * `completion_tokens` count reasoning ones (`completion_tokens_details.reasoning_tokens`).
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function toChatUsage(usage: LanguageModelV3Usage) {
  const input = usage.inputTokens.total ?? 0;
  const output = usage.outputTokens.total ?? 0;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    prompt_tokens_details: { cached_tokens: usage.inputTokens.cacheRead ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.outputTokens.reasoning ?? 0 },
  };
}

const FINISH_REASONS: Readonly<Record<LanguageModelV3FinishReason['unified'], string>> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  error: 'stop',
  other: 'stop',
};

/** The finish reason as OpenAI names it (Anthropic's `max_tokens` is `length`, Gemini's `SAFETY` `content_filter`). */
export function toChatFinishReason(reason: LanguageModelV3FinishReason): string {
  return FINISH_REASONS[reason.unified] ?? 'stop';
}
