import { describe, expect, it } from 'vitest';
import { readServerSentEvents, type ServerSentEvent } from './read-server-sent-events.js';

/** A body that arrives in exactly these pieces (split anywhere: inside a line, a CRLF, a UTF-8 character). */
function bodyOf(pieces: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces)
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(body)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads named events whatever the chunking, joining data lines and skipping comments', async () => {
    const text =
      ': keep-alive\n\nevent: delta\ndata: {"text":"He"}\n\nevent: delta\ndata: {"text":"llo"}\n\ndata: a\ndata: b\n\n';
    const expected = [
      { event: 'delta', data: '{"text":"He"}' },
      { event: 'delta', data: '{"text":"llo"}' },
      { event: 'message', data: 'a\nb' },
    ];
    for (const size of [1, 2, 3, 7, text.length]) {
      const pieces: string[] = [];
      for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
      expect(await collect(bodyOf(pieces))).toEqual(expected);
    }
  });

  it('accepts CRLF and CR line ends, even a CRLF split across chunks, and drops one space after the colon', async () => {
    const events = await collect(
      bodyOf(['event:done\r', '\ndata:  two spaces\r\n\r', '\nevent: x\rdata: y\r\r']),
    );
    expect(events).toEqual([
      { event: 'done', data: ' two spaces' },
      { event: 'x', data: 'y' },
    ]);
  });

  it('decodes a UTF-8 character split across chunks, and drops an event the stream cut off', async () => {
    const bytes = new TextEncoder().encode('data: café ☕\n\ndata: cut');
    const events = await collect(bodyOf([bytes.slice(0, 10), bytes.slice(10, 13), bytes.slice(13)]));
    expect(events).toEqual([{ event: 'message', data: 'café ☕' }]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readServerSentEvents(body)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
