import { createParser } from 'eventsource-parser';

/** How an answer is cut into JSON documents: server-sent events, one JSON document per line, or one whole body. */
export type DocumentFormat = 'sse' | 'ndjson' | 'json';

/** One document: an event's data (with its `event:` name, if any) or one NDJSON line. */
export interface RawDocument {
  data: string;
  event?: string | undefined;
}

/** Cuts a byte stream into documents as it arrives; whole documents only, in order. */
export interface DocumentSplitter {
  write(chunk: Uint8Array): void;
  /** The stream ended: an NDJSON line without its final newline is still a line. */
  end(): void;
  /** True once a document outgrew `MAX_DOCUMENT_CHARS`: it was dropped, and so is the rest. */
  readonly overflowed: boolean;
}

/** A document (an event or a line) longer than this is dropped rather than held: no answer has one. */
export const MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

/** The format of a body from its content type; undefined for anything that holds no JSON (audio, images). */
export function documentFormatOf(contentType: string | string[] | undefined): DocumentFormat | undefined {
  const type = (Array.isArray(contentType) ? contentType[0] : contentType)
    ?.split(';')[0]
    ?.trim()
    .toLowerCase();
  if (!type) return undefined;
  if (type === 'text/event-stream') return 'sse';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl')
    return 'ndjson';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  return undefined;
}

/**
 * A splitter for a stream format. SSE is parsed by `eventsource-parser` (the spec's rules for `data:`
 * lines, comments, CRLF and multi-line data); NDJSON is split at newlines. Bytes are decoded with a
 * streaming decoder, so a character cut between two chunks is put back together.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function createDocumentSplitter(
  format: 'sse' | 'ndjson',
  onDocument: (document: RawDocument) => void,
): DocumentSplitter {
  const decoder = new TextDecoder();
  let overflowed = false;
  if (format === 'sse') {
    const parser = createParser({
      onEvent: (event) => onDocument({ data: event.data, event: event.event }),
      maxBufferSize: MAX_DOCUMENT_CHARS,
      // Unknown fields and bad `retry:` values are ignored, as browsers do; only an overflow stops parsing.
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') overflowed = true;
      },
    });
    const feed = (text: string) => {
      // A parser that overflowed throws on every later feed.
      if (!overflowed) parser.feed(text);
    };
    return {
      write: (chunk) => feed(decoder.decode(chunk, { stream: true })),
      end: () => feed(decoder.decode()),
      get overflowed() {
        return overflowed;
      },
    };
  }
  let pending = '';
  const flushLines = (text: string, last: boolean) => {
    if (overflowed) return;
    pending += text;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).trim();
      if (line) onDocument({ data: line });
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (last && pending.trim()) onDocument({ data: pending.trim() });
    if (pending.length > MAX_DOCUMENT_CHARS) overflowed = true;
    if (last || overflowed) pending = '';
  };
  return {
    write: (chunk) => flushLines(decoder.decode(chunk, { stream: true }), false),
    end: () => flushLines(decoder.decode(), true),
    get overflowed() {
      return overflowed;
    },
  };
}
