import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/**
 * A chunked body past the limit gets its 413, and the connection is closed (`connection: close`) instead
 * of being left with the rest of the body unread: a client that sent its next request on it would wait
 * forever for an answer.
 */

const LIMIT = 2048;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ config: () => ({ server: { body_limit_bytes: LIMIT } }) });
});
afterAll(async () => gw?.close());

/** Writes a chunked request whose body keeps coming, then a second request; answers all the socket got. */
async function overLimitThenNext(path: string): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(gw.url);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString('latin1');
  });
  const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
  socket.write(
    `POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
  );
  const piece = `{"pad":"${'x'.repeat(1000)}"}`;
  // Twice the limit, in pieces, as a client streaming a large upload would.
  for (let sent = 0; sent < LIMIT * 2 && !socket.destroyed; sent += piece.length) {
    socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // A second request on the same connection: it must not be left hanging unanswered.
  if (!socket.destroyed) socket.write(`0\r\n\r\nGET /healthz HTTP/1.1\r\nhost: ${hostname}\r\n\r\n`);
  const ended = await Promise.race([
    closed,
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]);
  socket.destroy();
  return { text, closed: ended };
}

describe.each([
  ['the proxy', '/api/ai/openai/chat/completions'],
  ['a JSON route', '/v1/ai/chat/completion'],
])('%s, sent a chunked body past the limit', (_name, path) => {
  it('answers 413 in our error shape with connection: close, and closes the connection', async () => {
    const { text, closed } = await overLimitThenNext(path);
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(body).toContain('"code":"body_too_large"');
    // Closed by the server rather than left wedged with the rest of the body unread.
    expect(closed).toBe(true);
    // Nothing for the second request: it was sent on a connection the server had given up on.
    expect(text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });
});
