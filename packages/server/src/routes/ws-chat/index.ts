import type { FastifyPluginAsync } from 'fastify';
import { createChatSession } from './create-chat-session.js';

/**
 * `GET /v1/ws/chat`: chat over a WebSocket. Auth is the usual one, checked on the upgrade request; in token
 * mode a browser, which cannot set headers on a WebSocket, may put its token in the URL as `?token=`
 * (accepted on this path only, and taken off the URL before anything logs it). Protocol: see
 * `createChatSession`.
 */
export const wsChatRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/ws/chat',
    {
      websocket: true,
      schema: { tags: ['chat'], summary: 'WebSocket chat: interleaved conversations, cancel, usage' },
    },
    (socket, request) => createChatSession(app, socket, request),
  );
};
