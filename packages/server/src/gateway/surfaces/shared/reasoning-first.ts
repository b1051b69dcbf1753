import type { LanguageModelV3Content } from '@ai-sdk/provider';

/**
 * A whole answer's content with its reasoning first, as Anthropic and OpenAI put it (and as a next turn
 * must send it back). Some AI SDK providers list the text before the reasoning of a whole answer (xAI's
 * `reasoning_content`); the order among the other parts is kept.
 */
export function reasoningFirst(content: readonly LanguageModelV3Content[]): LanguageModelV3Content[] {
  return [
    ...content.filter((part) => part.type === 'reasoning'),
    ...content.filter((part) => part.type !== 'reasoning'),
  ];
}
