import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { statusForCode } from '../../errors/error-status.js';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { StreamSink } from '../../http/stream-sink.js';
import type { CallTarget } from '../call-target.js';
import { CUT_STREAM_MESSAGE, type OpenedStream, type RelayEnd } from '../opened-stream.js';
import { languageModelOf, prepareCall } from './prepare-call.js';
import { passOnHeaders } from './shared/pass-on-headers.js';
import { rethrowPromptError } from './shared/rethrow-prompt-error.js';
import { toTokenUsageV3 } from './shared/surface-usage.js';
import type { SurfaceCall } from './surface-call.js';
import type { SurfaceEvent, SurfaceStreamEncoder } from './surface-encoder.js';

/** Parts that mean the answer has begun: before one, a failure can still give way to a fallback. */
const CONTENT = new Set([
  'text-delta',
  'reasoning-start',
  'reasoning-delta',
  'tool-input-start',
  'tool-call',
  'file',
  'finish',
]);

function write(sink: StreamSink, events: SurfaceEvent[]): void {
  for (const event of events) {
    if (event.raw) sink.sendRaw(String(event.data));
    else sink.send(event.data, event.event);
  }
}

/**
 * Opens the internal stream on one candidate (`doStream` of the kind's AI SDK model with the decoded
 * call) and reads ahead to its first content, so a failure before it can still give way to a fallback.
 * Relaying hands each part to the surface's encoder as it arrives; the finish part is encoded last, by
 * `done`, once usage and cost are recorded.
 */
export async function openSurfaceStream(
  target: CallTarget,
  call: SurfaceCall,
  signal: AbortSignal,
  encoder: SurfaceStreamEncoder,
): Promise<OpenedStream & { headers: Record<string, string> }> {
  const model = await languageModelOf(target);
  const options = await prepareCall(target, model, call, signal);
  const result = await model
    .doStream(options)
    .then(undefined, (error: unknown) => rethrowPromptError(error, target.model));
  const reader = result.stream.getReader();
  const ahead: LanguageModelV3StreamPart[] = [];
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      if (next.value.type === 'error') throw next.value.error;
      ahead.push(next.value);
      if (CONTENT.has(next.value.type)) break;
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  }

  let finish: Extract<LanguageModelV3StreamPart, { type: 'finish' }> | undefined;
  return {
    headers: passOnHeaders(result.response?.headers),
    async relay(sink): Promise<RelayEnd> {
      const take = (part: LanguageModelV3StreamPart): RelayEnd | undefined => {
        if (part.type === 'error') return { ok: false, error: part.error };
        if (part.type === 'finish') finish = part;
        else write(sink, encoder.encode(part));
        return undefined;
      };
      try {
        for (const part of ahead) {
          const end = take(part);
          if (end) return end;
        }
        while (!finish) {
          if (!sink.open) {
            void reader.cancel().catch(() => {});
            break;
          }
          const next = await reader.read();
          if (next.done) break;
          const end = take(next.value);
          if (end) {
            void reader.cancel().catch(() => {});
            return end;
          }
        }
      } catch (error) {
        return { ok: false, error };
      }
      // No finish, or one the provider never announced (the AI SDK makes one up when the stream just ends):
      // a cut stream is an error event on every surface, never a quiet end.
      if (!finish || (finish.finishReason.raw === undefined && finish.finishReason.unified === 'other')) {
        return {
          ok: false,
          error: new UpstreamError('upstream_error', target.provider, 200, CUT_STREAM_MESSAGE),
        };
      }
      return {
        ok: true,
        text: '',
        usage: toTokenUsageV3(finish.usage),
        finishReason: finish.finishReason.unified,
      };
    },
    done(sink) {
      if (finish) write(sink, encoder.encode(finish));
    },
    error(sink, body) {
      write(sink, encoder.fail({ ...body.error, status: statusForCode(body.error.code) }));
    },
  };
}
