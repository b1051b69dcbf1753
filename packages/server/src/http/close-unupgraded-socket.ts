import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * An `onResponse` hook for requests that asked to upgrade (a WebSocket) but were answered over HTTP instead:
 * refused by auth, rate-limited, or sent to a path without a WebSocket. Node hands such a socket over
 * without reading it further, and @fastify/websocket closes only the ones its own hook saw, so it would stay
 * open (and hold the server's close) until the client gave up. It is closed once the answer is out.
 */
export function closeUnupgradedSocket(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  if (request.headers.upgrade !== undefined) {
    const socket = request.raw.socket;
    if (socket && !socket.destroyed) socket.destroySoon();
  }
  done();
}
