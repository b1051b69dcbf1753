/** One server-sent event: its `event:` name (`message` when it has none) and its `data:` lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body event by event, as each arrives (never the whole body first), following
 * the WHATWG rules the browser's `EventSource` uses: events end at a blank line; `data:` lines join with
 * `\n`; one space after the colon is dropped; lines starting with `:` are comments; CRLF, LF and CR all end
 * a line. https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A CR at the very end may be the first half of a CRLF: keep it until more arrives.
      for (let end = findLineEnd(buffer, done); end !== -1; end = findLineEnd(buffer, done)) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(buffer[end] === '\r' && buffer[end + 1] === '\n' ? end + 2 : end + 1);
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      // An event not ended by a blank line when the stream closes is dropped, as the spec says.
      if (done) return;
    }
  } finally {
    // Stops the download when the caller stops reading early (break, throw, abort).
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

function findLineEnd(buffer: string, done: boolean): number {
  for (let index = 0; index < buffer.length; index += 1) {
    const char = buffer[index];
    if (char === '\n') return index;
    if (char === '\r') return index + 1 < buffer.length || done ? index : -1;
  }
  return -1;
}
