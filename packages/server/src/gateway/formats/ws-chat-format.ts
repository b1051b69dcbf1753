import { servedFields } from '../task-call-context.js';
import type { TextStreamFormat } from './text-stream-format.js';

/**
 * One WebSocket conversation's frames: `{ type: "delta", id, text }` per token, then `{ type: "done", id,
 * model, source, usage, cost }`, or `{ type: "error", id, error }` when the stream broke off after it
 * started. Every frame carries the conversation's `id`, so several can interleave on one socket.
 */
export function createWsChatFormat(id: string): TextStreamFormat {
  return {
    delta: (sink, text) => sink.send({ type: 'delta', id, text }),
    done: (sink, served) => sink.send({ type: 'done', id, ...servedFields(served) }),
    error: (sink, body) => sink.send({ type: 'error', id, error: body.error }),
  };
}
