import type { WebSocket } from '@fastify/websocket';
import type { StreamSink } from '../../http/stream-sink.js';

/** `WebSocket.OPEN`, without importing `ws` for one number. */
const OPEN = 1;

/**
 * A stream sink for one conversation on a socket: frames go out as JSON text while the socket is open and
 * the conversation was not cancelled (`controller` aborts the upstream call). There are no headers on a
 * socket: the model and its source come in the `done` frame.
 */
export function createConversationSink(socket: WebSocket, controller: AbortController): StreamSink {
  let ended = false;
  const sink: StreamSink = {
    get open() {
      return !ended && !controller.signal.aborted && socket.readyState === OPEN;
    },
    signal: controller.signal,
    start() {},
    send(data) {
      if (sink.open) socket.send(JSON.stringify(data));
    },
    sendRaw(data) {
      if (sink.open) socket.send(data);
    },
    end() {
      ended = true;
    },
  };
  return sink;
}
