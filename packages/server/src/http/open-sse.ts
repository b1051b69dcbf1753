import type { FastifyReply } from 'fastify';
import type { StreamSink } from './stream-sink.js';

/** A `StreamSink` writing server-sent events to an HTTP response. */
export type SseWriter = StreamSink;

/**
 * Takes over the reply for server-sent events. Headers are held until `start`, so that an error before the
 * first event (including every fallback attempt) can still be answered as a normal JSON error.
 */
export function openSse(reply: FastifyReply): SseWriter {
  const res = reply.raw;
  const controller = new AbortController();
  let ended = false;
  // Hijacked only at `start`: until then the error handler can still answer a failure as JSON.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const writer: SseWriter = {
    get open() {
      return !ended && !controller.signal.aborted;
    },
    signal: controller.signal,
    start(headers) {
      if (res.headersSent) return;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
        'x-request-id': String(reply.request.id),
        ...headers,
      });
    },
    send(data, event) {
      if (!writer.open) return;
      res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    },
    sendRaw(data) {
      if (writer.open) res.write(`data: ${data}\n\n`);
    },
    end() {
      if (ended) return;
      ended = true;
      if (!res.writableEnded) res.end();
    },
  };
  return writer;
}
