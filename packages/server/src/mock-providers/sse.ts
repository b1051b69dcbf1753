/**
 * The one stream writer every kind shares: server-sent events (OpenAI, xAI, Anthropic, Gemini) or
 * newline-delimited JSON (Ollama), with the stream faults applied on the way out (`paced`, `reset`,
 * `malformed`). Kinds only build their frames.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FaultPlan } from './faults.js';
import type { TokenUsage } from './tokens.js';

/** `sse`: `event: <name>\ndata: <json>\n\n` (or bare `data:`); `ndjson`: one JSON document per line. */
export type StreamFormat = 'sse' | 'ndjson';

/** One frame of a stream: its data (already JSON), an SSE event name, and the usage it reports, if any. */
export interface StreamFrame {
  data: string;
  event?: string;
  /** Counted in `mock.reportedUsage` when this frame goes out intact. */
  usage?: TokenUsage;
}

const CONTENT_TYPES: Record<StreamFormat, string> = {
  sse: 'text/event-stream; charset=utf-8',
  ndjson: 'application/x-ndjson',
};

/** Default pause between frames under the `paced` fault. */
export const DEFAULT_PACED_MS = 20;

/** What a stream or body write needs besides the response. */
export interface WriteOptions {
  faults: FaultPlan | undefined;
  headers: OutgoingHttpHeaders;
  onUsage: (usage: TokenUsage) => void;
  /** Called right before the mock resets the socket itself, so it is not taken for a client abort. */
  onReset: () => void;
}

/** Cuts a JSON document in half: never valid JSON again, since its outer bracket is never closed. */
export function cutInHalf(data: string): string {
  return data.slice(0, Math.max(1, Math.ceil(data.length / 2)));
}

/** Resets the connection (RST, so the client sees ECONNRESET), as a crashed upstream would. */
export function resetConnection(res: ServerResponse, onReset: () => void): void {
  onReset();
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else res.destroy();
}

function serialize(format: StreamFormat, frame: StreamFrame, data: string): string {
  if (format === 'ndjson') return `${data}\n`;
  return frame.event ? `event: ${frame.event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}

/**
 * Writes `frames` as a 200 stream. Without faults every frame is written at once; `paced` spaces them by
 * `ms` (timers are cleared if the client leaves); `reset` resets the socket after `after` frames;
 * `malformed` cuts frame number `after` in half and goes on.
 */
export function writeStream(
  res: ServerResponse,
  format: StreamFormat,
  frames: readonly StreamFrame[],
  options: WriteOptions,
) {
  const { faults, onUsage, onReset } = options;
  const resetAt = faults?.reset ? (faults.reset.after ?? 1) : -1;
  const malformedAt = faults?.malformed ? (faults.malformed.after ?? 1) : -1;
  const paceMs = faults?.paced ? (faults.paced.ms ?? DEFAULT_PACED_MS) : 0;
  if (resetAt === 0) return resetConnection(res, onReset);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    'cache-control': 'no-cache',
    ...options.headers,
  });
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    timer = undefined;
    if (res.destroyed) return;
    while (index < frames.length) {
      const frame = frames[index] as StreamFrame;
      const broken = index === malformedAt;
      const text = serialize(format, frame, broken ? cutInHalf(frame.data) : frame.data);
      if (frame.usage && !broken) onUsage(frame.usage);
      index += 1;
      if (index === resetAt) {
        // Reset once this write reached the kernel, so the client surely reads `after` frames first.
        res.write(text, () => resetConnection(res, onReset));
        return;
      }
      res.write(text);
      if (paceMs > 0 && index < frames.length) {
        timer = setTimeout(step, paceMs);
        return;
      }
    }
    if (resetAt > frames.length) return resetConnection(res, onReset);
    res.end();
  };
  if (paceMs > 0) {
    res.once('close', () => timer && clearTimeout(timer));
    return step();
  }
  // Unpaced, every frame is written in this tick: cork so they leave in one writev, not one syscall each.
  res.cork();
  step();
  res.uncork();
}

/**
 * Writes a JSON body. `malformed` sends the first half of it; `reset` resets the socket before the
 * answer (`after: 0`) or after sending headers and half the body.
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: WriteOptions,
): boolean {
  const { faults } = options;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (faults?.reset) {
    if ((faults.reset.after ?? 1) === 0) {
      resetConnection(res, options.onReset);
      return false;
    }
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...options.headers,
    });
    res.write(cutInHalf(text), () => resetConnection(res, options.onReset));
    return false;
  }
  const out = faults?.malformed ? cutInHalf(text) : text;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(out),
    ...options.headers,
  });
  res.end(out);
  return !faults?.malformed;
}
