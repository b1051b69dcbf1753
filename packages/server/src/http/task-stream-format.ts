import type { TextStreamFormat } from '../gateway/stream-task-text.js';
import { servedFields } from '../gateway/task-call-context.js';

/**
 * Switchboard's own event stream: `event: delta` `{ text }` per token, then `event: done` with the model,
 * source, usage and cost, or `event: error` `{ error: { code, message, details } }`.
 */
export const TASK_STREAM_FORMAT: TextStreamFormat = {
  delta: (sse, text) => sse.send({ text }, 'delta'),
  done: (sse, served) => sse.send({ text: served.value, ...servedFields(served) }, 'done'),
  error: (sse, body) => sse.send(body, 'error'),
};
