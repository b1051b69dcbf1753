import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockKind, type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders({
    apiKeys: {
      openai: 'sk-good-key-123',
      anthropic: 'ant-good-key-123',
      google: 'g-good-key-123',
      xai: 'xai-good-key-123',
      ollama: 'ol-good-key-123',
      'openai-compatible': ['c-good-key-123', 'c-other-key-456'],
    },
  });
});
afterAll(() => mock.close());

/** A request to each kind, with its key put where the real API wants it. */
const requests: Record<MockKind, (key?: string) => Promise<Response>> = {
  openai: (key) => get('openai', '/models', key && { authorization: `Bearer ${key}` }),
  xai: (key) => get('xai', '/models', key && { authorization: `Bearer ${key}` }),
  compat: (key) => get('compat', '/models', key && { authorization: `Bearer ${key}` }),
  ollama: (key) => get('ollama', '/api/tags', key && { authorization: `Bearer ${key}` }),
  anthropic: (key) =>
    get('anthropic', '/models', { 'anthropic-version': '2023-06-01', ...(key && { 'x-api-key': key }) }),
  google: (key) => get('google', '/models', key && { 'x-goog-api-key': key }),
};

function get(kind: MockKind, path: string, headers?: Record<string, string> | '') {
  return fetch(`${mock.baseUrl(kind)}${path}`, { headers: headers || {} });
}

/** Each kind's 401 body, in its own shape. */
const shapes: Record<MockKind, unknown> = {
  openai: { error: { message: expect.any(String), type: 'invalid_request_error', param: null } },
  compat: { error: { message: expect.any(String), type: 'invalid_request_error' } },
  xai: { code: expect.any(String), error: expect.any(String) },
  anthropic: { type: 'error', error: { type: 'authentication_error', message: expect.any(String) } },
  google: { error: { code: 401, message: expect.any(String), status: 'UNAUTHENTICATED' } },
  ollama: { error: expect.any(String) },
};

const good: Record<MockKind, string> = {
  openai: 'sk-good-key-123',
  anthropic: 'ant-good-key-123',
  google: 'g-good-key-123',
  xai: 'xai-good-key-123',
  ollama: 'ol-good-key-123',
  compat: 'c-other-key-456',
};

describe.each(Object.keys(requests) as MockKind[])('%s auth', (kind) => {
  it('answers 401 in its own shape without a key', async () => {
    const response = await requests[kind]();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject(shapes[kind] as object);
  });

  it('answers 401 for a wrong key, without echoing the key', async () => {
    const response = await requests[kind]('wrong-key-999999');
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject(shapes[kind] as object);
    expect(text).not.toContain('wrong-key-999999');
  });

  it('answers 200 for a configured key', async () => {
    expect((await requests[kind](good[kind])).status).toBe(200);
  });
});

describe('auth through the official SDKs', () => {
  it('openai: AuthenticationError with code invalid_api_key', async () => {
    const client = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-bad-bad-bad', maxRetries: 0 });
    await expect(client.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('anthropic: AuthenticationError', async () => {
    const client = new Anthropic({ baseURL: `${mock.url}/anthropic`, apiKey: 'bad-bad-bad', maxRetries: 0 });
    await expect(client.models.list()).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('google: also accepts the key in ?key=', async () => {
    expect((await fetch(`${mock.baseUrl('google')}/models?key=g-good-key-123`)).status).toBe(200);
  });
});
