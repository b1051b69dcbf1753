import { type Ir, SwitchboardError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { createSwitchboardClient } from './create-switchboard-client.js';
import type { FetchFunction } from './create-transport.js';
import { SwitchboardApiError } from './switchboard-api-error.js';

interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const PREFERENCES = {
  userId: 'alice@example.com',
  updatedAt: null,
  version: 0,
  tasks: {
    chat: {
      id: 'ollama:llama3:latest',
      provider: 'ollama',
      model: 'llama3:latest',
      source: 'config_default',
      updatedAt: null,
    },
  },
};

/** A fetch that records what it was asked and answers with one canned response. */
function createFakeFetch(answer: () => Response | Promise<Response>) {
  const sent: SentRequest[] = [];
  const fetch: FetchFunction = async (url, init) => {
    sent.push({
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body as string | undefined,
    });
    return answer();
  };
  return { fetch, sent };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

describe('createSwitchboardClient', () => {
  it('joins paths to a base URL with a prefix, encodes user IDs and tasks, and sends the token', async () => {
    const { fetch, sent } = createFakeFetch(() => json(PREFERENCES, { headers: { etag: '"0"' } }));
    const client = createSwitchboardClient({
      baseURL: 'https://example.test/switchboard/',
      token: 'sb_secret',
      fetch,
    });

    const result = await client.getPreferences('alice@example.com');
    await client.resetPreference('alice@example.com', 'a/b', { ifMatch: '"0"' });

    expect(result).toEqual({ preferences: PREFERENCES, etag: '"0"' });
    expect(sent[0]).toMatchObject({
      url: 'https://example.test/switchboard/api/users/alice%40example.com/model-preferences',
      method: 'GET',
      headers: { authorization: 'Bearer sb_secret', accept: 'application/json' },
      body: undefined,
    });
    // No body: no content-type either (the server refuses an empty body that claims to be JSON).
    expect(sent[1]?.url).toBe(
      'https://example.test/switchboard/api/users/alice%40example.com/model-preferences/a%2Fb',
    );
    expect(sent[1]?.method).toBe('DELETE');
    expect(sent[1]?.headers).not.toHaveProperty('content-type');
    expect(sent[1]?.headers['if-match']).toBe('"0"');
  });

  it('sends the bodies the core schemas describe, as JSON', async () => {
    const { fetch, sent } = createFakeFetch(() => json(PREFERENCES, { headers: { etag: '"1"' } }));
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });

    await client.putPreferences('bob', {
      chat: { id: 'ollama:llama3:latest' },
      sql: { provider: 'ollama', model: 'sqlcoder:7b' },
    });
    await client.putPreference(
      'bob',
      'chat',
      { provider: 'ollama', model: 'llama3:latest' },
      { ifMatch: '"1"' },
    );

    expect(sent[0]?.headers['content-type']).toBe('application/json');
    expect(sent[0]?.headers).not.toHaveProperty('authorization');
    expect(sent[0]?.headers).not.toHaveProperty('if-match');
    expect(JSON.parse(sent[0]!.body!)).toEqual({
      tasks: { chat: { id: 'ollama:llama3:latest' }, sql: { provider: 'ollama', model: 'sqlcoder:7b' } },
    });
    expect(JSON.parse(sent[1]!.body!)).toEqual({ provider: 'ollama', model: 'llama3:latest' });
  });

  it('puts resolve and clearPrimary arguments in the query string, leaving out what is unset', async () => {
    const { fetch, sent } = createFakeFetch(() => json({}));
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });

    await client.resolve({ task: 'chat', user: 'bob' }).catch(() => {});
    await client.clearPrimary({ task: 'sql' }).catch(() => {});

    expect(sent[0]?.url).toBe('http://127.0.0.1:8787/v1/ai/resolve?task=chat&user=bob');
    expect(sent[1]?.url).toBe('http://127.0.0.1:8787/v1/ai/models/primary?task=sql');
    expect(sent[1]?.body).toBeUndefined();
  });

  it("throws the server's error as a SwitchboardApiError with status, code, message, details and request ID", async () => {
    const body = {
      error: {
        code: 'unknown_task',
        message: 'Unknown task "nope". Known tasks: chat.',
        details: { known_tasks: ['chat'] },
      },
    };
    const { fetch } = createFakeFetch(() =>
      json(body, { status: 400, headers: { 'x-request-id': 'req-1' } }),
    );
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });

    const error = await client
      .putPreference('bob', 'nope', { id: 'ollama:llama3:latest' })
      .catch((caught) => caught);

    expect(SwitchboardApiError.isInstance(error)).toBe(true);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      code: 'unknown_task',
      message: 'Unknown task "nope". Known tasks: chat.',
      details: { known_tasks: ['chat'] },
      requestId: 'req-1',
    });
  });

  it('reports an error answer that is not a Switchboard error body as http_error', async () => {
    const { fetch } = createFakeFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });

    await expect(client.listModels()).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'HTTP 502 Bad Gateway',
      details: { body: '<html>Bad gateway</html>' },
    });
  });

  it('reports a success body that does not match the shared schema as invalid_response, naming the field', async () => {
    const { fetch } = createFakeFetch(() => json({ ...PREFERENCES, version: '0' }));
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });

    const error = await client.getPreferences('bob').catch((caught) => caught);

    expect(error).toBeInstanceOf(SwitchboardApiError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response' });
    expect(error.message).toMatch(/version: /);
  });

  it('reports a request that got no answer as network_error with status 0, and lets an abort through', async () => {
    const refused = createSwitchboardClient({
      baseURL: 'http://127.0.0.1:8787',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(refused.listModels()).rejects.toMatchObject({ status: 0, code: 'network_error' });

    const controller = new AbortController();
    controller.abort();
    const aborted = createSwitchboardClient({
      baseURL: 'http://127.0.0.1:8787',
      fetch: (url, init) => globalThis.fetch(url, init),
    });
    await expect(aborted.listModels({ signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('createSwitchboardClient task endpoints', () => {
  const sse = (frames: string[], init: ResponseInit = {}) =>
    new Response(frames.join(''), {
      ...init,
      headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req-9' },
    });
  const DONE = {
    text: 'Hello',
    model: 'openai:gpt-4o-mini',
    source: 'config_default',
    usage: { input_tokens: 3, output_tokens: 2 },
    cost: 0.0000017,
  };

  it('streams a chat completion as typed delta events, then the done event', async () => {
    const { fetch, sent } = createFakeFetch(() =>
      sse([
        `event: delta\ndata: ${JSON.stringify({ text: 'Hel' })}\n\n`,
        `event: delta\ndata: ${JSON.stringify({ text: 'lo' })}\n\n`,
        `event: done\ndata: ${JSON.stringify(DONE)}\n\n`,
      ]),
    );
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', token: 'sb_t', fetch });

    const events = [];
    for await (const event of client.streamChatCompletion(
      { messages: [{ role: 'user', content: 'hi' }], model: 'openai:gpt-4o-mini' },
      { task: 'prd_generation' },
    )) {
      events.push(event);
    }

    expect(events).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'done', ...DONE },
    ]);
    expect(sent[0]).toMatchObject({
      url: 'http://127.0.0.1:8787/v1/ai/chat/completion?task=prd_generation',
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        authorization: 'Bearer sb_t',
        'content-type': 'application/json',
      },
    });
    expect(JSON.parse(sent[0]!.body!)).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      model: 'openai:gpt-4o-mini',
      stream: true,
    });
  });

  it("throws an error event as the server's error, and a stream cut before done as stream_incomplete", async () => {
    const error = {
      error: { code: 'upstream_error', message: 'Provider "openai" failed mid-answer', details: {} },
    };
    const failing = createSwitchboardClient({
      baseURL: 'http://127.0.0.1:8787',
      fetch: createFakeFetch(() =>
        sse([`event: delta\ndata: {"text":"Hi"}\n\n`, `event: error\ndata: ${JSON.stringify(error)}\n\n`]),
      ).fetch,
    });
    const seen: string[] = [];
    const caught = await (async () => {
      for await (const event of failing.streamChatCompletion({
        messages: [{ role: 'user', content: 'hi' }],
      })) {
        if (event.type === 'delta') seen.push(event.text);
      }
    })().catch((thrown) => thrown);
    expect(seen).toEqual(['Hi']);
    expect(SwitchboardApiError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'upstream_error',
      message: 'Provider "openai" failed mid-answer',
      requestId: 'req-9',
    });

    const cut = createSwitchboardClient({
      baseURL: 'http://127.0.0.1:8787',
      fetch: createFakeFetch(() => sse([`event: delta\ndata: {"text":"Hi"}\n\n`])).fetch,
    });
    await expect(
      (async () => {
        for await (const _event of cut.streamChatCompletion({
          messages: [{ role: 'user', content: 'hi' }],
        })) {
          // read to the end
        }
      })(),
    ).rejects.toMatchObject({ code: 'stream_incomplete' });
  });

  it('throws a refusal before the stream as a normal API error, on the first read', async () => {
    const body = {
      error: { code: 'no_model_configured', message: 'No model for task "chat".', details: {} },
    };
    const client = createSwitchboardClient({
      baseURL: 'http://127.0.0.1:8787',
      fetch: createFakeFetch(() => json(body, { status: 400 })).fetch,
    });
    const iterator = client
      .streamChatCompletion({ messages: [{ role: 'user', content: 'hi' }] })
      [Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ status: 400, code: 'no_model_configured' });
  });

  it('posts IR builds and SQL, and reads usage with its query, all checked against the core schemas', async () => {
    const ir: Ir = {
      intent: 'list',
      entities: ['orders'],
      measures: [],
      filters: [],
      group_by: [],
      order_by: [],
      limit: null,
    };
    const served = {
      model: 'openai:gpt-4o-mini',
      source: 'config_default',
      usage: { input_tokens: 1, output_tokens: 1 },
      cost: null,
    };
    const answers = [
      json({ ir, ...served }),
      json({ sql: 'select 1', dialect: 'sqlite', ...served }),
      json({
        group_by: ['day', 'task'],
        rows: [],
        totals: {
          calls: 0,
          failed_calls: 0,
          refused_calls: 0,
          input_tokens: 0,
          output_tokens: 0,
          cached_input_tokens: 0,
          reasoning_tokens: 0,
          cost_usd: null,
          unpriced_calls: 0,
        },
      }),
      json({ ir: { ...ir, intent: 'dance' }, ...served }),
    ];
    const { fetch, sent } = createFakeFetch(() => answers.shift()!);
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });

    await expect(client.buildIr({ question: 'all orders' })).resolves.toMatchObject({ ir });
    await expect(
      client.generateSql({ ir, dialect: 'sqlite', model: 'ollama:sqlcoder:7b' }),
    ).resolves.toMatchObject({
      sql: 'select 1',
    });
    await expect(client.getUsage({ group_by: 'day,task', from: '2025-01-01' })).resolves.toMatchObject({
      rows: [],
    });
    await expect(client.buildIr({ question: 'x' })).rejects.toMatchObject({ code: 'invalid_response' });

    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST http://127.0.0.1:8787/v1/ir/build',
      'POST http://127.0.0.1:8787/v1/sql',
      'GET http://127.0.0.1:8787/v1/usage?from=2025-01-01&group_by=day%2Ctask',
      'POST http://127.0.0.1:8787/v1/ir/build',
    ]);
    expect(JSON.parse(sent[1]!.body!)).toEqual({ ir, dialect: 'sqlite', model: 'ollama:sqlcoder:7b' });
  });

  it('reads the recent calls with their trace IDs, checked against the core schema', async () => {
    const call = {
      time: '2025-01-01T00:00:00.000Z',
      request_id: 'req-1',
      user: 'local',
      task: 'chat',
      model: 'openai:gpt-4o-mini',
      endpoint: '/v1/ai/chat/completion',
      status: 'ok',
      error_code: null,
      input_tokens: 3,
      output_tokens: 2,
      cost_usd: null,
      latency_ms: 12,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      trace_url: null,
    };
    const answers = [json({ calls: [call] }), json({ calls: [{ ...call, trace_id: 7 }] })];
    const { fetch, sent } = createFakeFetch(() => answers.shift()!);
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });
    await expect(client.getRecentCalls({ limit: 5 })).resolves.toEqual({ calls: [call] });
    await expect(client.getRecentCalls()).rejects.toMatchObject({ code: 'invalid_response' });
    expect(sent.map((request) => request.url)).toEqual([
      'http://127.0.0.1:8787/v1/usage/calls?limit=5',
      'http://127.0.0.1:8787/v1/usage/calls',
    ]);
  });

  it('asks for fresh health with refresh: true only when told to', async () => {
    const { fetch, sent } = createFakeFetch(() => json({}));
    const client = createSwitchboardClient({ baseURL: 'http://127.0.0.1:8787', fetch });
    await client.getModelsStatus().catch(() => {});
    await client.getModelsStatus({ refresh: true }).catch(() => {});
    expect(sent.map((request) => request.url)).toEqual([
      'http://127.0.0.1:8787/v1/ai/models/status',
      'http://127.0.0.1:8787/v1/ai/models/status?refresh=true',
    ]);
  });
});
