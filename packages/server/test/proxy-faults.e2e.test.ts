import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, testConfig } from './support/start-test-gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    config: (base) => ({
      models: {
        ...gwConfigModels(base),
        slow: {
          kind: 'openai',
          endpoint: base('openai'),
          api_key: 'sk-upstream-openai-0123456789',
          timeout_ms: 300,
        },
        down: { kind: 'openai', endpoint: 'http://127.0.0.1:9/v1', api_key: 'k' },
      },
    }),
  });
});
afterAll(async () => {
  await gw?.close();
});

function gwConfigModels(base: (kind: string) => string) {
  return (testConfig(base) as { models: object }).models;
}

const chat = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'one two three four five six' }],
    ...extra,
  });

function post(path: string, body: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal,
  });
}

describe('the proxy passes upstream faults through as the client should see them', () => {
  it('latency: the answer still arrives', async () => {
    const res = await post('/api/ai/openai/chat/completions', chat(), { 'x-mock-fault': 'latency;ms=50' });
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toContain('one two');
  });

  it('paced chunks reach the client while the upstream is still sending (no buffering)', async () => {
    const res = await post('/api/ai/openai/chat/completions', chat({ stream: true }), {
      'x-mock-fault': 'paced;ms=40;chunks=6',
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: /);
    // The first chunk is here while the mock is still writing the rest: it was not held back.
    expect(gw.mock.inFlight).toBeGreaterThan(0);
    let reads = 1;
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      text += new TextDecoder().decode(value);
    }
    expect(reads).toBeGreaterThanOrEqual(6);
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('rate limits: 429, the retry-after header and the provider error body', async () => {
    const res = await post(
      '/api/ai/anthropic/v1/messages',
      JSON.stringify({
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
      {
        'x-mock-fault': 'rate_limit;retryAfter=7',
      },
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('server errors: 500 with the provider body', async () => {
    const res = await post('/api/ai/openai/chat/completions', chat(), { 'x-mock-fault': 'server_error' });
    expect(res.status).toBe(500);
    expect((await res.json()).error).toMatchObject({ message: expect.any(String) });
  });

  it('a reset mid-stream ends the client stream with an error', async () => {
    const res = await post('/api/ai/openai/chat/completions', chat({ stream: true }), {
      'x-mock-fault': 'reset;after=2',
    });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('malformed upstream JSON is passed through untouched, not repaired or swallowed', async () => {
    const res = await post('/api/ai/openai/chat/completions', chat(), { 'x-mock-fault': 'malformed' });
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('a client that gives up on a hanging upstream aborts the upstream request', async () => {
    gw.mock.clear();
    const controller = new AbortController();
    const pending = post(
      '/api/ai/openai/chat/completions',
      chat(),
      { 'x-mock-fault': 'hang' },
      controller.signal,
    );
    await gw.mock.waitFor((request) => request.headers['x-mock-fault'] === 'hang');
    controller.abort();
    await expect(pending).rejects.toThrow();
    const aborted = await gw.mock.waitForAbort();
    expect(aborted.requestId).toBeDefined();
  });

  it('a client that disconnects mid-stream ends the upstream request at once', async () => {
    gw.mock.clear();
    const controller = new AbortController();
    const res = await post(
      '/api/ai/openai/chat/completions',
      chat({ stream: true }),
      { 'x-mock-fault': 'paced;ms=200;chunks=50' },
      controller.signal,
    );
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await gw.mock.waitForAbort();
    expect(gw.mock.aborted.length).toBe(1);
  });

  it('an unreachable upstream answers 502 upstream_unreachable', async () => {
    const res = await post('/api/ai/down/chat/completions', chat());
    expect(res.status).toBe(502);
    expect((await res.json()).error).toMatchObject({
      code: 'upstream_unreachable',
      details: { provider: 'down' },
    });
  });

  it('an upstream silent past the idle timeout answers 504 upstream_timeout', async () => {
    const res = await post('/api/ai/slow/chat/completions', chat(), { 'x-mock-fault': 'hang' });
    expect(res.status).toBe(504);
    expect((await res.json()).error.code).toBe('upstream_timeout');
  });
});
