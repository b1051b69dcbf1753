import { servedFields } from '../task-call-context.js';
import type { TextStreamFormat } from './text-stream-format.js';

/**
 * Switchboard's own event stream: `event: delta` `{ text }` per token, then `event: done` with the whole
 * text (and, when a schema was asked for, the validated `object`: the deltas are then its JSON text), the
 * model, source, usage and cost; or `event: error` `{ error: { code, message, details } }`.
 */
export const TASK_STREAM_FORMAT: TextStreamFormat = {
  delta: (sink, text) => sink.send({ text }, 'delta'),
  done: (sink, served) =>
    sink.send(
      {
        text: served.value,
        ...(served.object === undefined ? {} : { object: served.object }),
        ...servedFields(served),
      },
      'done',
    ),
  error: (sink, body) => sink.send(body, 'error'),
};
