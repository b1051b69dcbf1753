import { UpstreamError } from '../../errors/upstream-error.js';
import type { StreamSink } from '../../http/stream-sink.js';
import { discardBody } from '../../providers/shared/discard-body.js';
import { OPENAI_STREAM_DONE, requestStreamWithUsage } from '../../providers/shared/openai-stream-framing.js';
import { createDocumentSplitter, documentFormatOf, type RawDocument } from '../../proxy/document-splitter.js';
import { asObject } from '../../util/as-object.js';
import type { CallTarget } from '../call-target.js';
import { CUT_STREAM_MESSAGE, type OpenedStream, type RelayEnd } from '../opened-stream.js';
import { passOnHeaders } from '../surfaces/shared/pass-on-headers.js';
import { requestOpenAiUpstream } from './request-openai-upstream.js';

/** Whether a chunk closes a choice: `choices[].finish_reason` set (the last content chunk of an answer). */
function hasFinishReason(chunk: Record<string, unknown>): boolean {
  const choices = chunk.choices;
  return (
    Array.isArray(choices) &&
    choices.some((choice) => {
      const reason = asObject(choice)?.finish_reason;
      return reason !== undefined && reason !== null;
    })
  );
}

/**
 * Opens a streamed Chat Completion on a kind that speaks OpenAI's API and passes its chunks through, event
 * by event as each completes: `model` is set to the Switchboard model ID, everything else is the
 * provider's. The body asks for the usage in the last chunk (`requestStreamWithUsage`); the kind's usage
 * reader reads it on the way, and the chunk reaches the client only if it asked for it; the kind's error
 * reader reads the message of an error event. The stream is read up to its first
 * event before anything is sent, so a provider that fails before it can still give way to a fallback.
 * A chunk that is not JSON, an error event or a broken connection ends the client's stream with an error
 * event (`data: {"error": ...}`, which OpenAI's clients raise), and the upstream request is dropped.
 */
export async function openPassthroughStream(
  target: CallTarget,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<OpenedStream> {
  const streamOptions = asObject(body.stream_options) ?? {};
  // The gateway always asks for the usage chunk (to record cost) but passes it on only when the client asked:
  // its `choices: []` breaks the canonical `chunk.choices[0]` loop of clients that did not.
  const clientWantsUsage = streamOptions.include_usage === true;
  const response = await requestOpenAiUpstream(
    target,
    'chatCompletions',
    requestStreamWithUsage(body),
    signal,
  );
  const contentType = response.headers['content-type'];
  if (documentFormatOf(contentType) !== 'sse') {
    discardBody(response.body);
    throw new UpstreamError(
      'upstream_error',
      target.provider,
      response.statusCode,
      `expected an event stream, got ${String(contentType)}`,
    );
  }
  const reader = target.kind.createUsageReader();
  // Whether the provider said the answer is complete (`[DONE]`, or a choice's `finish_reason`): a stream
  // that just ends without either was cut, and must not look complete to the client.
  let finished = false;
  const queue: RawDocument[] = [];
  const splitter = createDocumentSplitter('sse', (document) => queue.push(document));
  const chunks = response.body[Symbol.asyncIterator]();
  let ended = false;
  const pull = async () => {
    const next = await chunks.next();
    if (next.done) {
      splitter.end();
      ended = true;
    } else {
      splitter.write(next.value as Uint8Array);
    }
  };
  try {
    while (queue.length === 0 && !ended) await pull();
  } catch (error) {
    discardBody(response.body);
    throw error;
  }

  const fail = (detail: string) =>
    new UpstreamError('upstream_error', target.provider, response.statusCode, detail);
  /** Passes one event on; answers the error that ends the stream, if it is one. */
  const relayDocument = (sink: StreamSink, document: RawDocument): UpstreamError | undefined => {
    if (document.data === OPENAI_STREAM_DONE) {
      finished = true;
      sink.sendRaw(OPENAI_STREAM_DONE);
      return undefined;
    }
    let chunk: Record<string, unknown> | undefined;
    try {
      chunk = asObject(JSON.parse(document.data));
    } catch {}
    if (!chunk) return fail('the provider sent a stream event that is not a JSON object');
    if (chunk.error !== undefined && chunk.error !== null) {
      return fail(target.kind.readErrorMessage(chunk) ?? 'the provider sent an error event');
    }
    reader.read(chunk);
    if (!finished && hasFinishReason(chunk)) finished = true;
    if (!clientWantsUsage && Array.isArray(chunk.choices) && chunk.choices.length === 0) return undefined;
    if (!clientWantsUsage && chunk.usage === null) delete chunk.usage;
    if ('model' in chunk) chunk.model = target.model;
    sink.send(chunk, document.event);
    return undefined;
  };

  return {
    headers: passOnHeaders(response.headers),
    async relay(sink): Promise<RelayEnd> {
      try {
        for (;;) {
          for (let document = queue.shift(); document; document = queue.shift()) {
            const error = relayDocument(sink, document);
            if (error) {
              discardBody(response.body);
              return { ok: false, error };
            }
          }
          if (ended) break;
          await pull();
        }
        if (splitter.overflowed)
          return { ok: false, error: fail('the provider sent an oversized stream event') };
        if (!finished) return { ok: false, error: fail(CUT_STREAM_MESSAGE) };
      } catch (error) {
        discardBody(response.body);
        return { ok: false, error };
      }
      return { ok: true, text: '', usage: reader.result() };
    },
    // The provider's own last chunk (with the usage) and `[DONE]` have gone through already.
    done: () => {},
    error: (sink, errorBody) => sink.send(errorBody),
  };
}
