import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());
afterEach(() => gw.mock.clearFaults());

/** A frame the server sent. */
type Frame = {
  type: string;
  id?: string;
  text?: string;
  error?: { code: string; message: string };
  [key: string]: unknown;
};

/** A client socket that records every frame and can wait for one. */
interface ChatSocket {
  ws: WebSocket;
  frames: Frame[];
  send(message: unknown): void;
  /** The first frame (past or future) matching `predicate`. */
  next(predicate: (frame: Frame) => boolean): Promise<Frame>;
}

async function openChat(url: string, headers: Record<string, string> = {}): Promise<ChatSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/ws/chat`, { headers });
  const frames: Frame[] = [];
  const waiters: Array<{ predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next(predicate) {
      const found = frames.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

const chat = (id: string, content: string, extra: Record<string, unknown> = {}) => ({
  type: 'chat',
  id,
  messages: [{ role: 'user', content }],
  ...extra,
});
const ended = (id: string) => (frame: Frame) =>
  frame.id === id && ['done', 'error', 'cancelled'].includes(frame.type);
const textOf = (frames: Frame[], id: string) =>
  frames
    .filter((frame) => frame.type === 'delta' && frame.id === id)
    .map((frame) => frame.text)
    .join('');

describe('GET /v1/ws/chat', () => {
  it('serves two conversations at once on one socket, their frames interleaved, each ending in done', async () => {
    const socket = await openChat(gw.url);
    // Paced upstreams, so both conversations are mid-stream at the same time.
    gw.mock.setFault({ mode: 'paced', ms: 30, chunks: 5, times: 2 });
    socket.send(chat('a', 'first conversation here'));
    socket.send(chat('b', 'second one', { model: 'anthropic:claude-haiku-4-5-20251001' }));
    const [doneA, doneB] = await Promise.all([socket.next(ended('a')), socket.next(ended('b'))]);

    expect(doneA).toMatchObject({
      type: 'done',
      id: 'a',
      model: 'openai:gpt-4o-mini',
      source: 'config_default',
    });
    expect(doneB).toMatchObject({
      type: 'done',
      id: 'b',
      model: 'anthropic:claude-haiku-4-5-20251001',
      source: 'override',
    });
    for (const done of [doneA, doneB]) {
      expect(done).toMatchObject({
        usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
      });
      expect(done.cost).toBeGreaterThan(0);
    }
    expect(textOf(socket.frames, 'a')).toBe('Echo: first conversation here');
    expect(textOf(socket.frames, 'b')).toBe('Echo: second one');
    const order = socket.frames.filter((frame) => frame.type === 'delta').map((frame) => frame.id);
    const firstB = order.indexOf('b');
    expect(firstB).toBeGreaterThan(-1);
    expect(order.lastIndexOf('a')).toBeGreaterThan(firstB);
    socket.ws.close();
  });

  it('answers a bad message with an error frame and keeps the socket usable', async () => {
    const socket = await openChat(gw.url);
    socket.send('{ not json');
    socket.send({ type: 'chat', messages: [{ role: 'user', content: 'no id' }] });
    socket.send({ type: 'shout', id: 'x1' });
    socket.send(chat('x2', 'bad model', { model: 'no-colon-here' }));
    socket.send(chat('x3', 'unknown task', { task: 'no_such_task' }));
    socket.send({ type: 'cancel', id: 'never-started' });
    const errors = await Promise.all([
      socket.next((frame) => frame.type === 'error' && frame.error?.code === 'malformed_json'),
      socket.next(
        (frame) =>
          frame.type === 'error' && frame.id === undefined && frame.error?.code === 'invalid_request',
      ),
      socket.next((frame) => frame.type === 'error' && frame.id === 'x1'),
      socket.next((frame) => frame.type === 'error' && frame.id === 'x2'),
      socket.next((frame) => frame.type === 'error' && frame.id === 'x3'),
      socket.next((frame) => frame.type === 'error' && frame.id === 'never-started'),
    ]);
    expect(errors[0]?.id).toBeUndefined();
    expect(errors[1]?.error?.message).toContain('id');
    expect(errors[2]?.error?.message).toContain('shout');
    expect(errors[3]?.error?.code).toBe('invalid_model_id');
    expect(errors[4]?.error?.code).toBe('unknown_task');
    expect(errors[5]?.error?.code).toBe('not_found');

    expect(socket.ws.readyState).toBe(WebSocket.OPEN);
    socket.send(chat('ok', 'still here'));
    expect(await socket.next(ended('ok'))).toMatchObject({ type: 'done', id: 'ok' });
    expect(textOf(socket.frames, 'ok')).toBe('Echo: still here');
    socket.ws.close();
  });

  it("follows the user's preference for the task when the message names no model", async () => {
    const preference = `${gw.url}/api/users/local/model-preferences/chat`;
    const put = await fetch(preference, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'google:gemini-2.5-flash' }),
    });
    expect(put.status).toBe(200);
    const socket = await openChat(gw.url);
    try {
      gw.mock.clear();
      socket.send(chat('p', 'who answers?'));
      expect(await socket.next(ended('p'))).toMatchObject({
        type: 'done',
        model: 'google:gemini-2.5-flash',
        source: 'preference',
      });
      expect(gw.mock.requests.map((request) => request.kind)).toEqual(['google']);
    } finally {
      socket.ws.close();
      await fetch(preference, { method: 'DELETE' });
    }
  });

  it('cancel aborts that conversation upstream, and only that one', async () => {
    const socket = await openChat(gw.url);
    gw.mock.clear();
    gw.mock.setFault({ mode: 'hang', kind: 'anthropic', times: 1 });
    socket.send(chat('stuck', 'never answered', { model: 'anthropic:claude-haiku-4-5-20251001' }));
    await gw.mock.waitFor((request) => request.kind === 'anthropic');
    socket.send(chat('fine', 'answered'));
    socket.send({ type: 'cancel', id: 'stuck' });
    expect(await socket.next(ended('stuck'))).toEqual({ type: 'cancelled', id: 'stuck' });
    expect(await gw.mock.waitForAbort((event) => event.kind === 'anthropic')).toMatchObject({
      kind: 'anthropic',
    });
    expect(await socket.next(ended('fine'))).toMatchObject({ type: 'done', id: 'fine' });
    socket.ws.close();
  });

  it('closing the socket aborts every running conversation upstream', async () => {
    const socket = await openChat(gw.url);
    gw.mock.clear();
    gw.mock.setFault({ mode: 'paced', kind: 'openai', ms: 200, chunks: 50, times: 1 });
    socket.send(chat('long', 'a long answer'));
    await socket.next((frame) => frame.type === 'delta' && frame.id === 'long');
    socket.ws.close();
    expect(await gw.mock.waitForAbort((event) => event.kind === 'openai')).toMatchObject({ kind: 'openai' });
  });
});

describe('GET /v1/ws/chat in token mode', () => {
  let tokenGw: TestGateway;
  let secret = '';

  beforeAll(async () => {
    tokenGw = await startTestGateway({ config: () => ({ auth: { mode: 'token' } }) });
    secret = (await tokenGw.app.store.tokens.create({ userId: 'alice', role: 'user' })).secret;
  });
  afterAll(async () => tokenGw?.close());

  it('refuses the upgrade without a token', async () => {
    await expect(openChat(tokenGw.url)).rejects.toThrow(/401/);
  });

  it('accepts the token as a header, or as ?token= since a browser cannot set headers', async () => {
    const byHeader = await openChat(tokenGw.url, { authorization: `Bearer ${secret}` });
    byHeader.send(chat('h', 'by header'));
    expect(await byHeader.next(ended('h'))).toMatchObject({ type: 'done' });
    byHeader.ws.close();

    const ws = new WebSocket(
      `${tokenGw.url.replace(/^http/, 'ws')}/v1/ws/chat?token=${encodeURIComponent(secret)}`,
    );
    const done = new Promise<Frame>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Frame;
        if (frame.type === 'done') resolve(frame);
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify(chat('q', 'by query')));
    expect(await done).toMatchObject({ type: 'done', id: 'q' });
    ws.close();
    // The token went through a URL, and still reached no log line.
    expect(tokenGw.logs.some((line) => line.includes('/v1/ws/chat'))).toBe(true);
    expect(tokenGw.logs.join('\n')).not.toContain(secret);

    await tokenGw.app.store.usage.flush();
    const rows = await tokenGw.app.store.usage.summarize({ userId: 'alice', groupBy: ['user'] });
    expect(rows[0]).toMatchObject({ user: 'alice', calls: 2 });
  });

  it('takes ?token= on the WebSocket path only', async () => {
    const res = await fetch(`${tokenGw.url}/v1/models?token=${encodeURIComponent(secret)}`);
    expect(res.status).toBe(401);
  });
});
