import type { StreamSink } from '../http/stream-sink.js';
import type { TextStreamFormat } from './formats/text-stream-format.js';
import { openSdkTextStream } from './open-sdk-text-stream.js';
import { streamWithFallbacks } from './stream-with-fallbacks.js';
import type { TaskCallContext } from './task-call-context.js';
import type { TextCallInput } from './text-call-input.js';

/**
 * Streams a text answer through the AI SDK to a sink (server-sent events, a WebSocket conversation) in a
 * route's format. See `streamWithFallbacks`: nothing is sent until the first token, so a failing model can
 * still give way to a fallback, and a failure of every model is thrown to be answered as a plain error.
 */
export function streamTaskText(
  context: TaskCallContext,
  sink: StreamSink,
  input: TextCallInput,
  format: TextStreamFormat,
): Promise<void> {
  return streamWithFallbacks(context, sink, (target, signal) =>
    openSdkTextStream(target, input, signal, format),
  );
}
