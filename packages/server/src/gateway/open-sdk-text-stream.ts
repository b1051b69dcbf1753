import type { TextStreamPart, ToolSet } from 'ai';
import { UpstreamError } from '../errors/upstream-error.js';
import type { CallTarget } from './call-target.js';
import type { TextStreamFormat } from './formats/text-stream-format.js';
import { loadAiSdk } from './load-ai-sdk.js';
import { CUT_STREAM_MESSAGE, type OpenedStream } from './opened-stream.js';
import { toInvalidObjectError } from './rethrow-invalid-object.js';
import { sdkCallOptions } from './sdk-call-options.js';
import type { TextCallInput } from './text-call-input.js';
import { toTokenUsage } from './to-token-usage.js';

type Part = TextStreamPart<ToolSet>;

/**
 * A finish the provider never announced: the AI SDK still emits one when the upstream stream just ends,
 * but with no raw finish reason (no `finish_reason`, `stop_reason` or `finishReason` was ever sent).
 */
function isCutFinish(part: Extract<Part, { type: 'finish' }>): boolean {
  return part.rawFinishReason === undefined && part.finishReason === 'other';
}

/**
 * Opens an AI SDK text stream and reads up to the first token (an error before it is thrown, so a fallback
 * can run); relaying then hands each token to `format` as it arrives. With a schema in `input.output` the
 * tokens are the object's JSON as the model writes it, and the end carries the parsed, validated object
 * (output that does not validate ends the stream with `invalid_model_output`).
 */
export async function openSdkTextStream(
  target: CallTarget,
  input: TextCallInput,
  signal: AbortSignal,
  format: TextStreamFormat,
): Promise<OpenedStream> {
  const { streamText } = await loadAiSdk();
  const result = streamText({
    ...(await sdkCallOptions(target, input, signal)),
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
      if (failed || !finish || isCutFinish(finish)) {
        return {
          ok: false,
          error: failed ?? new UpstreamError('upstream_error', target.provider, 200, CUT_STREAM_MESSAGE),
        };
      }
      let object: unknown;
      if (input.output?.schema) {
        try {
          object = await result.output;
        } catch (error) {
          return { ok: false, error: await toInvalidObjectError(error, target.model) };
        }
      }
      return {
        ok: true,
        text,
        usage: toTokenUsage(finish.totalUsage),
        finishReason: finish.finishReason,
        ...(object === undefined ? {} : { object }),
      };
    },
    done: (sink, served) => format.done(sink, served),
    error: (sink, body) => format.error(sink, body),
  };
}
