import { toOpenAiFinishReason, toOpenAiUsage } from './openai-chat-shapes.js';
import type { TextStreamFormat } from './text-stream-format.js';

/**
 * A translated answer framed as OpenAI streams it: `chat.completion.chunk` objects (the first delta with
 * the role), a final chunk with `finish_reason` and `usage`, then `data: [DONE]`. An error after the start
 * is one `data: {"error": {...}}` event, which OpenAI's clients raise as an API error. One per stream: it
 * remembers whether the role went out.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createOpenAiChunkFormat(id: string, created: number): TextStreamFormat {
  let roleSent = false;
  const chunk = (model: string, delta: Record<string, unknown>, finishReason: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  return {
    delta(sink, text, target) {
      sink.send(
        chunk(target.model, roleSent ? { content: text } : { role: 'assistant', content: text }, null),
      );
      roleSent = true;
    },
    done(sink, served) {
      const last = chunk(
        served.target.model,
        roleSent ? {} : { role: 'assistant', content: '' },
        toOpenAiFinishReason(served.finishReason),
      );
      sink.send({ ...last, usage: toOpenAiUsage(served.usage) });
      sink.sendRaw('[DONE]');
    },
    error: (sink, body) => sink.send(body),
  };
}
