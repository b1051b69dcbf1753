import type { FastifyReply } from 'fastify';

export interface SseWriter {
  /** True until the client goes away or `end` is called. */
  readonly open: boolean;
  /** Aborted when the client goes away: pass it to the upstream call. */
  readonly signal: AbortSignal;
  /** Sends the headers (once); later calls are ignored. */
  start(headers: Record<string, string>): void;
  /** One event: `event: <name>` (omitted for OpenAI-style `data:`-only streams) and `data: <json>`. */
  send(data: unknown, event?: string): void;
  /** A raw `data:` line, for OpenAI's `[DONE]`. */
  sendRaw(data: string): void;
  end(): void;
}

/**
 * Takes over the reply for server-sent events. Headers are held until `start`, so that an error before the
 * first event (including every fallback attempt) can still be answered as a normal JSON error.
 */
export function openSse(reply: FastifyReply): SseWriter {
  const res = reply.raw;
  const controller = new AbortController();
  let ended = false;
  reply.hijack();
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
