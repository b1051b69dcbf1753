import type { Dispatcher } from 'undici';
import { UpstreamError } from '../../errors/upstream-error.js';
import { createDocumentSplitter, documentFormatOf, type RawDocument } from '../../proxy/document-splitter.js';
import { asObject } from '../../util/as-object.js';
import type { CallTarget } from '../call-target.js';
import type { OpenedStream, RelayEnd } from '../opened-stream.js';
import { passOnHeaders } from '../surfaces/shared/pass-on-headers.js';

/** What a surface does with one upstream event: pass it on (changed or not), drop it, or end with an error. */
export type NativeEventStep = { send: Record<string, unknown> } | { drop: true } | { fail: string };

/**
 * Relays a kind's own event stream to a client of the same format, event by event as each completes,
 * under the same names. `step` decides per event (set `model`, drop what the client did not ask for,
 * end on an error event); the kind's usage reader reads every event on the way. The stream is read up to
 * its first event before anything is sent, so a provider that fails before it can still give way to a
 * fallback. An event that is not JSON or a broken connection ends the stream with the surface's error.
 */
export async function openNativeEventStream(
  target: CallTarget,
  response: Dispatcher.ResponseData,
  step: (event: Record<string, unknown>, name: string | undefined) => NativeEventStep,
  fail: OpenedStream['error'],
): Promise<OpenedStream> {
  const contentType = response.headers['content-type'];
  if (documentFormatOf(contentType) !== 'sse') {
    response.body.destroy();
    throw new UpstreamError(
      'upstream_error',
      target.provider,
      response.statusCode,
      `expected an event stream, got ${String(contentType)}`,
    );
  }
  const reader = target.kind.createUsageReader();
  const queue: RawDocument[] = [];
  const splitter = createDocumentSplitter('sse', (document) => queue.push(document));
  const chunks = response.body[Symbol.asyncIterator]();
  let ended = false;
  const pull = async () => {
    const next = await chunks.next();
    if (next.done) {
      splitter.end();
      ended = true;
    } else splitter.write(next.value as Uint8Array);
  };
  try {
    while (queue.length === 0 && !ended) await pull();
  } catch (error) {
    response.body.destroy();
    throw error;
  }
  const broken = (detail: string) =>
    new UpstreamError('upstream_error', target.provider, response.statusCode, detail);

  return {
    headers: passOnHeaders(response.headers),
    async relay(sink): Promise<RelayEnd> {
      try {
        for (;;) {
          for (let document = queue.shift(); document; document = queue.shift()) {
            let event: Record<string, unknown> | undefined;
            try {
              event = asObject(JSON.parse(document.data));
            } catch {}
            if (!event) {
              response.body.destroy();
              return {
                ok: false,
                error: broken('the provider sent a stream event that is not a JSON object'),
              };
            }
            reader.read(event);
            const next = step(event, document.event);
            if ('fail' in next) {
              response.body.destroy();
              return { ok: false, error: broken(next.fail) };
            }
            if ('send' in next) sink.send(next.send, document.event);
          }
          if (ended || !sink.open) break;
          await pull();
        }
        if (splitter.overflowed)
          return { ok: false, error: broken('the provider sent an oversized stream event') };
      } catch (error) {
        response.body.destroy();
        return { ok: false, error };
      }
      if (!ended) response.body.destroy();
      return { ok: true, text: '', usage: reader.result() };
    },
    // The provider's own last events have gone through already.
    done: () => {},
    error: fail,
  };
}
