import { asObject } from '../../util/as-object.js';

/**
 * The data of the event that ends a Chat Completions stream; it is not JSON, and clients wait for it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export const OPENAI_STREAM_DONE = '[DONE]';

/**
 * A Chat Completions body as sent upstream to be streamed: `stream: true`, and
 * `stream_options.include_usage` on, so the last chunk carries the usage (a chunk OpenAI's clients know;
 * without it an OpenAI-format stream reports none). The client's other stream options are kept.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options
 */
export function requestStreamWithUsage(body: Record<string, unknown>): Record<string, unknown> {
  const streamOptions = asObject(body.stream_options) ?? {};
  return { ...body, stream: true, stream_options: { ...streamOptions, include_usage: true } };
}
