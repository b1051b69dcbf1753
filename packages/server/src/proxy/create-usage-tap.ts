import type { TokenUsage } from '@switchboard/core';
import type { UsageReader } from '../providers/usage-reader.js';
import { createDocumentSplitter, documentFormatOf } from './document-splitter.js';

/** A JSON body is kept up to this size to read its usage at the end; a larger one passes unread. */
export const MAX_JSON_BODY_BYTES = 8 * 1024 * 1024;

/** Watches an answer go by and reads the usage it reports. */
export interface UsageTap {
  /** Sees one chunk, after it was passed on. Never throws: a tap must not break the stream it watches. */
  write(chunk: Uint8Array): void;
  /** The answer ended or broke off: what it reported up to there. */
  end(): TokenUsage | undefined;
}

/**
 * A tap for an answer of `contentType`, feeding the kind's reader document by document: each event of an
 * event stream and each line of NDJSON as it completes, a JSON body once whole (a JSON array, as Gemini
 * streams without `alt=sse`, element by element). Documents without one of the reader's markers are not
 * parsed. Undefined for bodies that hold no JSON.
 */
export function createUsageTap(
  contentType: string | string[] | undefined,
  reader: UsageReader,
): UsageTap | undefined {
  const format = documentFormatOf(contentType);
  if (!format) return undefined;
  const readDocument = (data: string) => {
    if (reader.markers && !reader.markers.some((marker) => data.includes(marker))) return;
    let document: unknown;
    try {
      document = JSON.parse(data);
    } catch {
      return;
    }
    if (Array.isArray(document)) for (const item of document) reader.read(item);
    else reader.read(document);
  };
  const guard = (write: (chunk: Uint8Array) => void) => (chunk: Uint8Array) => {
    try {
      write(chunk);
    } catch {
      // A reader bug costs the call its usage, never the caller its answer.
    }
  };

  if (format === 'json') {
    let chunks: Uint8Array[] = [];
    let size = 0;
    return {
      write: guard((chunk) => {
        if (size > MAX_JSON_BODY_BYTES) return;
        size += chunk.length;
        if (size > MAX_JSON_BODY_BYTES) chunks = [];
        else chunks.push(chunk);
      }),
      end() {
        if (chunks.length > 0) readDocument(Buffer.concat(chunks).toString('utf8'));
        chunks = [];
        return reader.result();
      },
    };
  }
  const splitter = createDocumentSplitter(format, (document) => {
    // OpenAI's end marker is not JSON.
    if (document.data !== '[DONE]') readDocument(document.data);
  });
  return {
    write: guard((chunk) => splitter.write(chunk)),
    end() {
      try {
        splitter.end();
      } catch {}
      return reader.result();
    },
  };
}
