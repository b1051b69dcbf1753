import type { TokenUsage } from '@switchboard/core';

/**
 * OpenAI's answer objects, for answers translated from another provider.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */

/** OpenAI's `usage`: reasoning tokens are part of `completion_tokens`, cached ones of `prompt_tokens`. */
export function toOpenAiUsage(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cacheReadTokens !== undefined
      ? { prompt_tokens_details: { cached_tokens: usage.cacheReadTokens } }
      : {}),
    ...(usage.reasoningTokens !== undefined
      ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }
      : {}),
  };
}

const FINISH_REASONS: Readonly<Record<string, string>> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
};

/** The AI SDK's finish reason as OpenAI names it; `stop` for the ones OpenAI has no name for. */
export function toOpenAiFinishReason(reason: string | undefined): string {
  return (reason && FINISH_REASONS[reason]) || 'stop';
}

/** A whole `chat.completion` answer. */
export function createChatCompletion(answer: {
  id: string;
  created: number;
  model: string;
  text: string;
  finishReason: string | undefined;
  usage: TokenUsage;
}) {
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.created,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.text, refusal: null },
        logprobs: null,
        finish_reason: toOpenAiFinishReason(answer.finishReason),
      },
    ],
    usage: toOpenAiUsage(answer.usage),
  };
}
