import {
  apiErrorSchema,
  type TaskStreamDone,
  taskStreamDeltaSchema,
  taskStreamDoneSchema,
} from '@switchboard/core';
import { toInvalidResponseError } from './create-transport.js';
import { readServerSentEvents } from './read-server-sent-events.js';
import { SwitchboardApiError } from './switchboard-api-error.js';

/** One event of a task endpoint's stream: a piece of text, then the whole answer with its model and cost. */
export type TaskStreamEvent = { type: 'delta'; text: string } | ({ type: 'done' } & TaskStreamDone);

/**
 * Turns a task endpoint's event stream (`event: delta` `{ text }` ... `event: done` `{ text, model, source,
 * usage, cost }`) into typed events. An `event: error` is thrown as the `SwitchboardApiError` it describes;
 * a stream that ends without `done` is an error too, never a silently cut answer.
 */
export async function* readTaskStream(response: Response, what: string): AsyncGenerator<TaskStreamEvent> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (!response.body) {
    throw new SwitchboardApiError({
      status: response.status,
      code: 'invalid_response',
      message: `${what} answered no body`,
      requestId,
    });
  }
  for await (const { event, data } of readServerSentEvents(response.body)) {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch (error) {
      throw new SwitchboardApiError({
        status: response.status,
        code: 'invalid_response',
        message: `${what} sent an event that is not JSON: ${data.slice(0, 100)}`,
        requestId,
        cause: error,
      });
    }
    if (event === 'delta') {
      const parsed = taskStreamDeltaSchema.safeParse(json);
      if (!parsed.success)
        throw toInvalidResponseError(what, response.status, parsed.error.issues, requestId);
      yield { type: 'delta', text: parsed.data.text };
    } else if (event === 'done') {
      const parsed = taskStreamDoneSchema.safeParse(json);
      if (!parsed.success)
        throw toInvalidResponseError(what, response.status, parsed.error.issues, requestId);
      yield { type: 'done', ...parsed.data };
      return;
    } else if (event === 'error') {
      const parsed = apiErrorSchema.safeParse(json);
      const error = parsed.success
        ? parsed.data.error
        : { code: 'stream_error', message: data.slice(0, 500), details: {} };
      // The stream began with 200 and the event carries no status of its own: the status stays the answer's.
      throw new SwitchboardApiError({ status: response.status, ...error, requestId });
    }
  }
  throw new SwitchboardApiError({
    status: response.status,
    code: 'stream_incomplete',
    message: `${what}: the stream ended before the answer was complete`,
    requestId,
  });
}
