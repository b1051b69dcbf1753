import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

let gw: TestGateway;
let small: TestGateway;
const JSON_HEADERS = { 'content-type': 'application/json' };

beforeAll(async () => {
  gw = await startTestGateway();
  small = await startTestGateway({ mock: gw.mock, config: () => ({ server: { body_limit_bytes: 2048 } }) });
});
afterAll(async () => {
  await small?.close();
  await gw?.close();
});

function expectNoKeys(text: string): void {
  for (const key of Object.values(UPSTREAM_KEYS)) expect(text).not.toContain(key);
}

describe('the proxy refuses paths it must not forward, and sends nothing upstream', () => {
  it.each([
    ['traversal', 'POST', '/api/ai/openai/chat/../../../etc/passwd'],
    ['traversal through the endpoint path', 'GET', '/api/ai/openai/v1/../models'],
    ['encoded traversal', 'GET', '/api/ai/openai/%2e%2e/%2e%2e/models'],
    ['encoded slash', 'POST', '/api/ai/openai/chat%2fcompletions'],
    ['double slash', 'GET', '/api/ai/openai//evil.example/models'],
    ['absolute URL', 'GET', '/api/ai/openai/http://evil.example/v1/models'],
    ['backslash', 'GET', '/api/ai/openai/models\\..\\x'],
    ['a path the kind does not list', 'POST', '/api/ai/openai/files'],
    ['a listed path with the wrong method', 'DELETE', '/api/ai/openai/chat/completions'],
    ["another kind's path", 'POST', '/api/ai/anthropic/chat/completions'],
  ])('%s: %s %s', async (_name, method, path) => {
    gw.mock.clear();
    const res = await rawRequest(
      gw.url,
      method === 'POST' ? { method, path, headers: JSON_HEADERS, body: '{}' } : { method, path },
    );
    expect(res.body).toContain('path_not_allowed');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('path_not_allowed');
    expect(gw.mock.requests).toHaveLength(0);
  });

  it('ignores Host and X-Forwarded-Host: the request goes to the configured endpoint only', async () => {
    const rebound = await rawRequest(gw.url, {
      path: '/api/ai/openai/models',
      headers: { host: 'evil.example' },
    });
    expect(rebound.status).toBe(403);
    gw.mock.clear();
    const res = await rawRequest(gw.url, {
      path: '/api/ai/openai/models',
      // A loopback name (local mode refuses any other Host), still not the upstream's own.
      headers: { host: 'app.localhost', 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example' },
    });
    expect(res.status).toBe(200);
    const seen = gw.mock.requests.at(-1)!;
    expect(seen.headers.host).toBe(new URL(gw.mock.url).host);
    expect(seen.headers['x-forwarded-host']).toBeUndefined();
    expect(seen.headers.forwarded).toBeUndefined();
  });

  it('drops the caller credentials and cookies; puts the provider key on; never answers it', async () => {
    gw.mock.clear();
    const res = await rawRequest(gw.url, {
      method: 'POST',
      path: '/api/ai/google/v1beta/models/gemini-2.5-flash:generateContent?key=client-key',
      headers: {
        ...JSON_HEADERS,
        'x-goog-api-key': 'client-key',
        cookie: 'session=1',
        authorization: 'Bearer client',
      },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi google' }] }] }),
    });
    expect(res.status).toBe(200);
    const seen = gw.mock.requests.at(-1)!;
    expect(seen.headers['x-goog-api-key']).toBe(UPSTREAM_KEYS.google);
    expect(seen.query).not.toContain('client-key');
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers.authorization).toBeUndefined();
    expectNoKeys(JSON.stringify(res.headers) + res.body);
  });

  it('answers 400 for an unknown provider and 503 for a provider without a key', async () => {
    const unknown = await rawRequest(gw.url, { path: '/api/ai/mistral/models' });
    expect([unknown.status, JSON.parse(unknown.body).error.code]).toEqual([400, 'unknown_provider']);
    const nokey = await rawRequest(gw.url, { path: '/api/ai/nokey/models' });
    expect([nokey.status, JSON.parse(nokey.body).error.code]).toEqual([503, 'upstream_unconfigured']);
  });

  it('limits body size, declared or chunked', async () => {
    const big = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x'.repeat(5000) }],
    });
    const declared = await rawRequest(small.url, {
      method: 'POST',
      path: '/api/ai/openai/chat/completions',
      headers: JSON_HEADERS,
      body: big,
    });
    expect([declared.status, JSON.parse(declared.body).error.code]).toEqual([413, 'body_too_large']);
    const chunked = await rawRequest(small.url, {
      method: 'POST',
      path: '/api/ai/openai/chat/completions',
      headers: { ...JSON_HEADERS, 'transfer-encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
  });
});
