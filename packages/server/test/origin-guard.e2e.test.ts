import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hostnameOf, isLoopbackName } from '../src/plugins/origin-guard-plugin.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

const MINE = 'http://localhost:5173';
const chat = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });

let local: TestGateway;
let token: TestGateway;

beforeAll(async () => {
  local = await startTestGateway({ config: () => ({ server: { allowed_origins: [MINE] } }) });
  token = await startTestGateway({
    mock: local.mock,
    config: () => ({ server: { allowed_origins: [MINE] }, auth: { mode: 'token' } }),
  });
});
afterAll(async () => {
  await token?.close();
  await local?.close();
});

function inject(
  gw: TestGateway,
  headers: Record<string, string>,
  method = 'POST',
  url = '/api/ai/openai/chat/completions',
) {
  return gw.app.inject({
    method: method as 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: method === 'POST' ? chat : undefined,
  });
}

describe('loopback names', () => {
  it.each([
    ['localhost:8787', true],
    ['LOCALHOST', true],
    ['127.0.0.1:8787', true],
    ['127.1.2.3', true],
    ['[::1]:8787', true],
    ['app.localhost:8787', true],
    ['evil.example:8787', false],
    ['localhost.evil.example', false],
    ['127.0.0.1.nip.io:8787', false],
    ['[::ffff:7f00:1]:8787', false],
    ['0.0.0.0:8787', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackName(host)).toBe(loopback);
  });
  it('takes the port off, brackets and all', () => {
    expect(hostnameOf('[::1]:8787')).toBe('::1');
    expect(hostnameOf('Example.COM:1')).toBe('example.com');
  });
});

describe('local mode', () => {
  it('refuses a foreign Origin on every kind of route, before anything is sent upstream', async () => {
    local.mock.clear();
    for (const [method, url] of [
      ['POST', '/api/ai/openai/chat/completions'],
      ['GET', '/v1/usage'],
      ['GET', '/healthz'],
      ['GET', '/settings'],
    ]) {
      const res = await inject(local, { origin: 'http://evil.example' }, method, url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('origin_not_allowed');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    const nullOrigin = await inject(local, { origin: 'null' });
    expect(nullOrigin.json().error.code).toBe('origin_not_allowed');
    expect(local.mock.requests).toEqual([]);
  });

  it('refuses another port of the same machine: an origin is scheme, host and port', async () => {
    const res = await inject(local, { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:9999' });
    expect(res.statusCode).toBe(403);
  });

  it('serves its own origin and the allowed ones (with CORS for those)', async () => {
    const own = await inject(local, { host: 'localhost:8787', origin: 'http://localhost:8787' });
    expect(own.statusCode).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    const listed = await inject(local, { origin: MINE });
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe(MINE);
    expect(listed.headers['access-control-expose-headers']).toContain('x-switchboard-model');
  });

  it('answers the preflight of an allowed origin itself, the proxy included', async () => {
    local.mock.clear();
    const res = await local.app.inject({
      method: 'OPTIONS',
      url: '/api/ai/openai/chat/completions',
      headers: {
        origin: MINE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(MINE);
    expect(res.headers['access-control-allow-headers']).toBe('content-type');
    expect(local.mock.requests).toEqual([]);
  });

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const res = await inject(local, { host: 'evil.example:8787' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'host_not_allowed',
      details: { host: 'evil.example:8787' },
    });
  });

  it('refuses the WebSocket upgrade from a foreign Origin, and accepts it from its own', async () => {
    const url = `${local.url.replace(/^http/, 'ws')}/v1/ws/chat`;
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(url, { origin: 'http://evil.example' });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => reject(new Error('the socket opened')));
    });
    expect(refused).toBe(403);
    const opened = new WebSocket(url, { origin: local.url });
    await new Promise<void>((resolve, reject) => {
      opened.once('open', () => resolve());
      opened.once('error', reject);
    });
    opened.close();
  });

  it('takes JSON only on the JSON routes, and JSON or multipart on the proxy', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await inject(local, { 'content-type': type });
      expect(res.statusCode, type).toBe(415);
      const put = await local.app.inject({
        method: 'PUT',
        url: '/api/users/local/model-preferences/chat',
        headers: { 'content-type': type },
        payload: '{"id":"openai:gpt-4o"}',
      });
      expect(put.statusCode, type).toBe(415);
      expect(put.json().error.code).toBe('unsupported_media_type');
    }
    const untyped = await local.app.inject({
      method: 'POST',
      url: '/api/ai/openai/chat/completions',
      payload: chat,
    });
    expect(untyped.statusCode).toBe(415);
    const typed = await inject(local, { 'content-type': 'application/json; charset=utf-8' });
    expect(typed.statusCode).toBe(200);
  });
});

describe('token mode', () => {
  it('gives CORS answers to the allowed origins only, and leaves refusing to the token', async () => {
    const foreign = await inject(token, { origin: 'http://evil.example', host: 'gateway.example.com' });
    expect(foreign.statusCode).toBe(401);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const listed = await inject(token, { origin: MINE, host: 'gateway.example.com' });
    expect(listed.headers['access-control-allow-origin']).toBe(MINE);
    const preflight = await token.app.inject({
      method: 'OPTIONS',
      url: '/v1/ai/chat/completion',
      headers: {
        origin: MINE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    const foreignPreflight = await token.app.inject({
      method: 'OPTIONS',
      url: '/v1/ai/chat/completion',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreignPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
