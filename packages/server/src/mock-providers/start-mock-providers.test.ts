import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders({ models: { 'openai-compatible': ['only/one'] } });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

describe('startMockProviders', () => {
  it('gives each kind its base URL', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.baseUrl('openai')).toBe(`${mock.url}/openai/v1`);
    expect(mock.baseUrl('anthropic')).toBe(`${mock.url}/anthropic/v1`);
    expect(mock.baseUrl('google')).toBe(`${mock.url}/google/v1beta`);
    expect(mock.baseUrl('xai')).toBe(`${mock.url}/xai/v1`);
    expect(mock.baseUrl('ollama')).toBe(`${mock.url}/ollama`);
    expect(mock.baseUrl('compat')).toBe(`${mock.url}/compat/v1`);
    expect(mock.baseUrl('openai-compatible')).toBe(mock.baseUrl('compat'));
  });

  it('records every request: kind, method, path, query, headers, parsed and raw body, status', async () => {
    const raw = '{ "contents": [{"parts": [{"text": "hi"}]}] }';
    await fetch(`${mock.baseUrl('google')}/models/gemini-2.5-flash:generateContent?alt=sse&x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-trace': 't1' },
      body: raw,
    });
    expect(mock.requests).toEqual([
      expect.objectContaining({
        id: expect.any(Number),
        kind: 'google',
        method: 'POST',
        path: '/v1beta/models/gemini-2.5-flash:generateContent',
        url: '/google/v1beta/models/gemini-2.5-flash:generateContent?alt=sse&x=1',
        query: { alt: 'sse', x: '1' },
        headers: expect.objectContaining({ 'x-trace': 't1' }),
        body: { contents: [{ parts: [{ text: 'hi' }] }] },
        rawBody: raw,
        time: expect.any(Number),
        status: 200,
      }),
    ]);
  });

  it('waitFor resolves with a request that has not come yet, and times out otherwise', async () => {
    const waiting = mock.waitFor((request) => request.path === '/v1/models' && request.kind === 'xai');
    await fetch(`${mock.baseUrl('xai')}/models`);
    expect((await waiting).kind).toBe('xai');
    await expect(mock.waitFor(() => false, 20)).rejects.toThrow(/no request matched/);
  });

  it('clear() forgets requests and the usage tally', async () => {
    await fetch(`${mock.baseUrl('ollama')}/api/embed`, {
      method: 'POST',
      body: '{"model":"e","input":"a b"}',
    });
    expect(mock.reportedUsage.total).toMatchObject({ responses: 1, inputTokens: 2 });
    const usage = await (await fetch(`${mock.url}/_mock/usage`)).json();
    expect(usage).toMatchObject({ byKind: { ollama: { inputTokens: 2 } } });
    mock.clear();
    expect(mock.requests).toEqual([]);
    expect(mock.reportedUsage.total).toEqual({
      responses: 0,
      inputTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('lists the configured models', async () => {
    const listing = (await (await fetch(`${mock.baseUrl('compat')}/models`)).json()) as {
      data: { id: string }[];
    };
    expect(listing.data.map((model) => model.id)).toEqual(['only/one']);
  });

  it('answers unknown routes 404 and bad JSON 400, in the kind’s shape', async () => {
    const unknown = await fetch(`${mock.baseUrl('openai')}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const badJson = await fetch(`${mock.baseUrl('anthropic')}/messages`, {
      method: 'POST',
      headers: { 'anthropic-version': '2023-06-01' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(mock.requests.at(-1)?.body).toBeUndefined();
    expect((await fetch(`${mock.url}/nowhere`)).status).toBe(404);
  });

  it('answers the same request the same way', async () => {
    const ask = async () => {
      const response = await fetch(`${mock.baseUrl('anthropic')}/messages`, {
        method: 'POST',
        headers: { 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 9,
          messages: [{ role: 'user', content: 'same' }],
        }),
      });
      const { id: _id, ...rest } = (await response.json()) as Record<string, unknown>;
      return rest;
    };
    expect(await ask()).toEqual(await ask());
  });
});
