import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/**
 * A WebSocket is one request but many calls: each chat counts against `auth.rate_limit` (200 chats went
 * through one socket past a limit of 5), and a token revoked while its socket is open ends the socket.
 */

const LIMIT = 5;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    config: () => ({ auth: { mode: 'token', rate_limit: { max: LIMIT, time_window_ms: 600_000 } } }),
  });
});
afterAll(async () => gw?.close());

type Frame = { type: string; id?: string; error?: { code: string; details?: Record<string, unknown> } };

async function openSocket(secret: string) {
  const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/v1/ws/chat`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const chat = (id: string) =>
    ws.send(JSON.stringify({ type: 'chat', id, messages: [{ role: 'user', content: `chat ${id}` }] }));
  const ended = (id: string) =>
    new Promise<Frame>((resolve) => {
      const check = () => {
        const frame = frames.find((f) => f.id === id && (f.type === 'done' || f.type === 'error'));
        if (frame) resolve(frame);
        else setTimeout(check, 10);
      };
      check();
    });
  return { ws, frames, chat, ended };
}

describe('chats on one socket', () => {
  it('count against the rate limit with the upgrade request: past it, rate_limited with retry_after', async () => {
    const { secret } = await gw.app.store.tokens.create({ userId: 'alice', role: 'user' });
    const socket = await openSocket(secret);
    const ids = Array.from({ length: 12 }, (_, index) => `c${index}`);
    for (const id of ids) socket.chat(id);
    const ends = await Promise.all(ids.map((id) => socket.ended(id)));
    const done = ends.filter((frame) => frame.type === 'done');
    const limited = ends.filter((frame) => frame.error?.code === 'rate_limited');
    // The upgrade took one of the five.
    expect(done).toHaveLength(LIMIT - 1);
    expect(limited).toHaveLength(ids.length - (LIMIT - 1));
    expect(limited[0]?.error?.details?.retry_after).toBeDefined();
    // The same budget as HTTP: the caller's next request is refused too.
    const res = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(429);
    socket.ws.close();
  });
});

describe('a token revoked while its socket is open', () => {
  it('ends the socket (close 1008) with an unauthorized frame, with no chat needed to notice', async () => {
    const token = await gw.app.store.tokens.create({ userId: 'bob', role: 'user' });
    const socket = await openSocket(token.secret);
    socket.chat('before');
    expect(await socket.ended('before')).toMatchObject({ type: 'done' });
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    expect(await gw.app.store.tokens.revoke(token.id)).toBe(true);
    expect(await closed).toBe(1008);
    expect(socket.frames.at(-1)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
  });

  it('refuses a chat sent right after the revocation, before the periodic check', async () => {
    const token = await gw.app.store.tokens.create({ userId: 'carol', role: 'user' });
    const socket = await openSocket(token.secret);
    await gw.app.store.tokens.revoke(token.id);
    gw.mock.clear();
    socket.chat('after');
    expect(await socket.ended('after')).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    expect(gw.mock.requests).toEqual([]);
  });
});
