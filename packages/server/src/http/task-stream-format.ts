import type { TextStreamFormat } from '../gateway/stream-task-text.js';
import { servedFields } from '../gateway/task-call-context.js';

/**
 * Switchboard's own event stream: `event: delta` `{ text }` per token, then `event: done` with the model,
 * source, usage and cost, or `event: error` `{ error: { code, message, details } }`.
 */
export const TASK_STREAM_FORMAT: TextStreamFormat = {
  delta: (sink, text) => sink.send({ text }, 'delta'),
  done: (sink, served) => sink.send({ text: served.value, ...servedFields(served) }, 'done'),
  error: (sink, body) => sink.send(body, 'error'),
};
