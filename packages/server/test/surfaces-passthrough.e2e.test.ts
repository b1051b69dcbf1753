import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from './support/read-sse.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';
import { WEATHER_SCHEMA } from './support/surface-kinds.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

/** Ids and times the mock derives from its request sequence: equal in shape, not in value, across two calls. */
const VOLATILE = /^(call_|toolu_|chatcmpl-|msg_|resp_|fc_|rs_)[\w-]+$/;

function normalize(value: unknown, model: string): unknown {
  if (Array.isArray(value)) return value.map((item) => normalize(item, model));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        if (key === 'model') return [key, '<model>'];
        if (key === 'created' || key === 'created_at' || key === 'system_fingerprint') return [key, '<time>'];
        return [key, normalize(inner, model)];
      }),
    );
  }
  return typeof value === 'string' && VOLATILE.test(value) ? value.replace(/[_-][\w-]+$/, '_<id>') : value;
}

const OPENAI_LIKE = [
  {
    kind: 'openai',
    model: 'openai:gpt-4o-mini',
    name: 'gpt-4o-mini',
    path: '/chat/completions',
    key: UPSTREAM_KEYS.openai,
  },
  {
    kind: 'xai',
    model: 'xai:grok-4-fast',
    name: 'grok-4-fast',
    path: '/chat/completions',
    key: UPSTREAM_KEYS.xai,
  },
  {
    kind: 'ollama',
    model: 'ollama:llama3:latest',
    name: 'llama3:latest',
    path: '/v1/chat/completions',
    key: undefined,
  },
  {
    kind: 'compat',
    model: 'compat:acme/chat-1',
    name: 'acme/chat-1',
    path: '/chat/completions',
    key: UPSTREAM_KEYS.compat,
  },
] as const;

const tools = [{ type: 'function', function: { name: 'get_weather', parameters: WEATHER_SCHEMA } }];

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe.each(OPENAI_LIKE)('Chat Completions passed through to $kind', ({ kind, model, name, path, key }) => {
  const direct = (body: Record<string, unknown>) =>
    post(
      `${gw.mock.baseUrl(kind as 'openai')}${path}`,
      { ...body, model: name },
      key ? { authorization: `Bearer ${key}` } : {},
    );

  it.each([false, true])(
    'answers a tool call exactly as the provider does, field by field (stream: %s)',
    async (stream) => {
      const body = {
        messages: [{ role: 'user', content: 'Weather and the rest, in parallel' }],
        tools,
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      };
      const viaGateway = await post(`${gw.url}/v1/chat/completions`, { ...body, model });
      const fromProvider = await direct(body);
      expect(viaGateway.status).toBe(200);
      if (!stream) {
        const answer = (await viaGateway.json()) as { model: string };
        expect(answer.model).toBe(model);
        expect(normalize(answer, model)).toEqual(normalize(await fromProvider.json(), name));
        return;
      }
      const events = (await readSse(viaGateway)).map((event) =>
        event.data === '[DONE]' ? event.data : JSON.parse(event.data),
      );
      const expected = (await readSse(fromProvider)).map((event) =>
        event.data === '[DONE]' ? event.data : JSON.parse(event.data),
      );
      expect(events.length).toBeGreaterThan(2);
      expect(events.map((event) => normalize(event, model))).toEqual(
        expected.map((event) => normalize(event, name)),
      );
    },
  );
});

describe('Messages passed through to Anthropic', () => {
  const anthropicHeaders = { 'x-api-key': UPSTREAM_KEYS.anthropic, 'anthropic-version': '2023-06-01' };
  const body = {
    max_tokens: 512,
    messages: [
      {
        role: 'user',
        content: [{ type: 'text', text: 'Weather in Paris?', cache_control: { type: 'ephemeral' } }],
      },
    ],
    tools: [{ name: 'get_weather', input_schema: WEATHER_SCHEMA }],
    brand_new_field: { kept: true },
  };

  it.each([false, true])(
    'keeps the body as sent but for model, and answers as Anthropic does (stream: %s)',
    async (stream) => {
      gw.mock.clear();
      const request = { ...body, ...(stream ? { stream: true } : {}) };
      const viaGateway = await post(
        `${gw.url}/v1/messages`,
        { ...request, model: 'anthropic:claude-haiku-4-5-20251001' },
        { 'anthropic-version': '2023-06-01' },
      );
      const sent = gw.mock.requests[0];
      // The mock refuses unknown fields as Anthropic does: this one came back as Anthropic's 400, passed on.
      expect(sent?.body).toEqual({ ...request, model: 'claude-haiku-4-5-20251001' });
      expect(viaGateway.status).toBe(400);
      const error = (await viaGateway.json()) as { type: string; error: { type: string; message: string } };
      expect(error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect(error.error.message).toContain('brand_new_field');

      const { brand_new_field: _unknown, ...known } = request;
      const ok = await post(
        `${gw.url}/v1/messages`,
        { ...known, model: 'anthropic:claude-haiku-4-5-20251001' },
        { 'anthropic-version': '2023-06-01' },
      );
      const fromProvider = await post(
        `${gw.mock.baseUrl('anthropic')}/messages`,
        { ...known, model: 'claude-haiku-4-5-20251001' },
        anthropicHeaders,
      );
      expect(ok.status).toBe(200);
      if (!stream) {
        // Usage alone differs: the cache_control prefix the first call wrote, the second reads from the cache.
        const answer = await ok.json();
        expect(normalize(answer, '')).toEqual(
          normalize({ ...(await fromProvider.json()), usage: (answer as { usage: unknown }).usage }, ''),
        );
        return;
      }
      const events = await readSse(ok);
      const expected = await readSse(fromProvider);
      expect(events.map((event) => event.event)).toEqual(expected.map((event) => event.event));
      const parse = (event: { data: string }) => normalize(JSON.parse(event.data), '');
      const usageFree = (event: unknown) =>
        JSON.stringify(event).replace(
          /"(input_tokens|cache_\w+_input_tokens|ephemeral_\w+_input_tokens)":\d+/g,
          '"$1":0',
        );
      expect(events.map(parse).map(usageFree)).toEqual(expected.map(parse).map(usageFree));
    },
  );
});
