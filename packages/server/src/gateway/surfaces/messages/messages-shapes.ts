import type { LanguageModelV3FinishReason, LanguageModelV3Usage } from '@ai-sdk/provider';

/**
 * Anthropic's `usage`: `input_tokens` counts only what was neither read from nor written to the cache,
 * which `cache_read_input_tokens` and `cache_creation_input_tokens` count.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function toMessagesUsage(usage: LanguageModelV3Usage) {
  const read = usage.inputTokens.cacheRead ?? 0;
  const written = usage.inputTokens.cacheWrite ?? 0;
  return {
    input_tokens: Math.max(0, (usage.inputTokens.total ?? 0) - read - written),
    output_tokens: usage.outputTokens.total ?? 0,
    cache_read_input_tokens: read,
    cache_creation_input_tokens: written,
  };
}

const STOP_REASONS: Readonly<Record<LanguageModelV3FinishReason['unified'], string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
  error: 'end_turn',
  other: 'end_turn',
};

/** The finish reason as Anthropic names it (OpenAI's `length` is `max_tokens`, `content_filter` `refusal`). */
export function toStopReason(reason: LanguageModelV3FinishReason): string {
  return STOP_REASONS[reason.unified] ?? 'end_turn';
}

/** Anthropic's error type for an HTTP status, for `{ "type": "error", "error": { "type", "message" } }`. */
export function anthropicErrorType(status: number): string {
  if (status === 400 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  if (status === 504) return 'timeout_error';
  return 'api_error';
}
