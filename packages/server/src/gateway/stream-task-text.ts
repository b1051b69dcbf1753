import type { ApiErrorBody } from '@switchboard/core';
import type { ModelMessage, TextStreamPart, ToolSet } from 'ai';
import { streamText } from 'ai';
import type { CallTarget } from './call-target.js';
import type { OpenedStream, StreamServed } from './opened-stream.js';
import { sdkCallOptions } from './sdk-call-options.js';
import type { StreamSink } from './stream-sink.js';
import { streamWithFallbacks } from './stream-with-fallbacks.js';
import type { TaskCallContext } from './task-call-context.js';
import { toTokenUsage } from './to-token-usage.js';

export interface TextCallInput {
  system?: string | undefined;
  messages?: ModelMessage[] | undefined;
  prompt?: string | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
  /** Further AI SDK call settings (`topP`, `stopSequences`, `seed`, penalties), for the OpenAI-compatible route. */
  settings?: Partial<
    Pick<
      Parameters<typeof streamText>[0],
      'topP' | 'stopSequences' | 'seed' | 'presencePenalty' | 'frequencyPenalty'
    >
  >;
  /**
   * Structured output (OpenAI's `response_format`): the answer's text is JSON, for this JSON Schema when one
   * is given. Each provider does it its own way (Anthropic's JSON tool, Gemini's `responseSchema`).
   */
  output?: { schema?: Record<string, unknown> | undefined; name?: string | undefined } | undefined;
}

/** How a route frames the stream: its own events (`delta`/`done`), OpenAI's chunks, or WebSocket frames. */
export interface TextStreamFormat {
  delta(sink: StreamSink, text: string, target: CallTarget): void;
  done(sink: StreamSink, served: StreamServed): void;
  error(sink: StreamSink, body: ApiErrorBody): void;
}

type Part = TextStreamPart<ToolSet>;

/**
 * Streams a text answer through the AI SDK to a sink (server-sent events, a WebSocket conversation) in a
 * route's format. See `streamWithFallbacks`: nothing is sent until the first token, so a failing model can
 * still give way to a fallback, and a failure of every model is thrown to be answered as a plain error.
 */
export function streamTaskText(
  context: TaskCallContext,
  sink: StreamSink,
  input: TextCallInput,
  format: TextStreamFormat,
): Promise<void> {
  return streamWithFallbacks(context, sink, (target, signal) =>
    openSdkTextStream(target, input, signal, format),
  );
}

/**
 * Opens an AI SDK text stream and reads up to the first token (an error before it is thrown, so a fallback
 * can run); relaying then hands each token to `format` as it arrives.
 */
export async function openSdkTextStream(
  target: CallTarget,
  input: TextCallInput,
  signal: AbortSignal,
  format: TextStreamFormat,
): Promise<OpenedStream> {
  const result = streamText({
    ...sdkCallOptions(target, input, signal),
    // Errors arrive as stream parts and are answered; the default handler would also print them.
    onError: () => {},
  });
  const iterator = result.fullStream[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let finish: Extract<Part, { type: 'finish' }> | undefined;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const part = next.value;
    if (part.type === 'error') throw part.error;
    if (part.type === 'text-delta') {
      buffered.push(part.text);
      break;
    }
    if (part.type === 'finish') {
      finish = part;
      break;
    }
  }

  return {
    async relay(sink) {
      let text = '';
      for (const delta of buffered) {
        text += delta;
        format.delta(sink, delta, target);
      }
      let failed: unknown;
      try {
        while (!finish) {
          const next = await iterator.next();
          if (next.done) break;
          const part = next.value;
          if (part.type === 'text-delta') {
            text += part.text;
            format.delta(sink, part.text, target);
          } else if (part.type === 'error') {
            failed = part.error;
            break;
          } else if (part.type === 'finish') {
            finish = part;
          }
        }
      } catch (error) {
        failed = error;
      }
      if (failed || !finish)
        return { ok: false, error: failed ?? new Error('the stream ended without finishing') };
      return { ok: true, text, usage: toTokenUsage(finish.totalUsage), finishReason: finish.finishReason };
    },
    done: (sink, served) => format.done(sink, served),
    error: (sink, body) => format.error(sink, body),
  };
}
