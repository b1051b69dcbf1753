import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from './support/read-sse.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    config: () => ({
      tasks: {
        prd_generation: { default: 'compat:acme/chat-1', fallbacks: ['anthropic:claude-haiku-4-5-20251001'] },
      },
    }),
  });
});
afterAll(async () => gw?.close());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const MODELS = [
  ['openai', 'openai:gpt-4o-mini'],
  ['anthropic', 'anthropic:claude-haiku-4-5-20251001'],
  ['google', 'google:gemini-2.5-flash'],
  ['xai', 'xai:grok-4-fast'],
  ['ollama', 'ollama:llama3:latest'],
  ['openai-compatible', 'compat:acme/chat-1'],
] as const;

describe.each(MODELS)('POST /v1/ai/chat/completion on %s', (_kind, model) => {
  it('answers the message, the model, its source, usage and cost, with the x-switchboard headers', async () => {
    gw.mock.clear();
    const res = await post('/v1/ai/chat/completion', {
      model,
      messages: [{ role: 'user', content: 'hello task endpoint' }],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      message: { role: 'assistant', content: expect.stringContaining('hello task endpoint') },
      model,
      source: 'override',
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
    expect(res.headers.get('x-switchboard-model')).toBe(model);
    expect(res.headers.get('x-switchboard-source')).toBe('override');
    expect(Number(res.headers.get('x-switchboard-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(gw.mock.requests).toHaveLength(1);
  });

  it('streams deltas, then a final event with usage', async () => {
    gw.mock.clear();
    const res = await post('/v1/ai/chat/completion', {
      model,
      stream: true,
      messages: [{ role: 'user', content: 'stream the task endpoint' }],
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('x-switchboard-model')).toBe(model);
    const events = await readSse(res);
    const deltas = events.filter((event) => event.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((event) => JSON.parse(event.data).text).join('')).toContain('stream the task endpoint');
    const done = JSON.parse(events.at(-1)!.data);
    expect(events.at(-1)!.event).toBe('done');
    expect(done).toMatchObject({ model, usage: { output_tokens: expect.any(Number) } });
    expect(gw.mock.requests).toHaveLength(1);
  });
});

describe('task resolution and fallbacks', () => {
  it("uses the user's preference for the task, which changes the model the mock receives", async () => {
    await fetch(`${gw.url}/api/users/local/model-preferences/chat`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'anthropic:claude-haiku-4-5-20251001' }),
    });
    gw.mock.clear();
    const res = await post('/v1/ai/chat/completion', {
      messages: [{ role: 'user', content: 'who answers?' }],
    });
    expect((await res.json()).source).toBe('preference');
    expect(gw.mock.requests[0]).toMatchObject({ kind: 'anthropic' });
    await fetch(`${gw.url}/api/users/local/model-preferences/chat`, { method: 'DELETE' });
  });

  it('falls back on a retryable error before any byte was sent, and says so', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'server_error', kind: 'compat', times: 1 });
    const res = await post('/v1/tasks/prd_generation/generate', { prompt: 'write a PRD' });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.model).toBe('anthropic:claude-haiku-4-5-20251001');
    expect(body.fallback).toMatchObject({
      from: 'compat:acme/chat-1',
      attempts: [{ code: 'upstream_error' }],
    });
    expect(res.headers.get('x-switchboard-fallback-from')).toBe('compat:acme/chat-1');
    expect(gw.mock.requests.map((request) => request.kind)).toEqual(['compat', 'anthropic']);
  });

  it('answers a stream whose model fails before its first token with a plain JSON error', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'rate_limit', kind: 'openai', times: 1 });
    const res = await post('/v1/ai/chat/completion', {
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await res.json()).error.code).toBe('upstream_rate_limited');
    expect(gw.mock.requests).toHaveLength(1);
  });

  it('does not fall back on an error the caller must fix, and makes exactly one upstream call', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'server_error', kind: 'compat', status: 400, times: 1 });
    const res = await post('/v1/tasks/prd_generation/generate', { prompt: 'write a PRD' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('upstream_rejected');
    expect(gw.mock.requests).toHaveLength(1);
  });
});

describe('generate, IR and SQL', () => {
  it('generates an object for a JSON Schema', async () => {
    const res = await post('/v1/tasks/insight_extraction/generate', {
      model: 'openai:gpt-4o-mini',
      prompt: 'extract insights',
      schema: {
        type: 'object',
        properties: { themes: { type: 'array', items: { type: 'string' } }, score: { type: 'number' } },
        required: ['themes', 'score'],
        additionalProperties: false,
      },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.object).toMatchObject({ themes: expect.any(Array), score: expect.any(Number) });
  });

  it('streams the object for a JSON Schema as JSON text deltas, with the validated object at the end', async () => {
    gw.mock.clear();
    const res = await post('/v1/tasks/insight_extraction/generate', {
      model: 'openai:gpt-4o-mini',
      prompt: 'extract insights',
      stream: true,
      schema: {
        type: 'object',
        properties: { themes: { type: 'array', items: { type: 'string' } }, score: { type: 'number' } },
        required: ['themes', 'score'],
        additionalProperties: false,
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = await readSse(res);
    const deltas = events.filter((event) => event.event === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    const done = events.find((event) => event.event === 'done');
    const final = JSON.parse(done?.data ?? '{}');
    const streamed = deltas.map((event) => JSON.parse(event.data).text).join('');
    expect(JSON.parse(streamed)).toEqual(final.object);
    expect(final).toMatchObject({
      text: streamed,
      object: { themes: expect.any(Array), score: expect.any(Number) },
      model: 'openai:gpt-4o-mini',
    });
    // The schema went upstream: the provider was asked for structured output, not plain text.
    expect(JSON.stringify(gw.mock.requests[0]?.body)).toContain('"themes"');
  });

  it.each([
    ['/v1/ir/build', { question: 'revenue by month', model: 'openai:gpt-4o-mini' }, 'openai'],
    [
      '/v1/sql',
      { question: 'revenue by month', dialect: 'postgresql', model: 'ollama:sqlcoder:7b' },
      'ollama',
    ],
  ] as const)(
    '%s: a client that gives up on a hanging provider aborts the upstream call',
    async (path, body, kind) => {
      gw.mock.clear();
      gw.mock.setFault({ mode: 'hang', kind, times: 1 });
      const controller = new AbortController();
      const pending = fetch(`${gw.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      }).catch((caught: unknown) => caught);
      await gw.mock.waitFor((request) => request.kind === kind);
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
      expect(await gw.mock.waitForAbort((event) => event.kind === kind)).toMatchObject({ kind });
    },
  );

  it('builds a validated IR, and turns it into SQL', async () => {
    const ir = await post('/v1/ir/build', { question: 'revenue by month', model: 'openai:gpt-4o-mini' });
    expect(ir.status).toBe(200);
    const body = await ir.json();
    expect(body.ir).toMatchObject({
      intent: expect.any(String),
      entities: expect.any(Array),
      group_by: expect.any(Array),
    });
    expect(body.ir).toHaveProperty('limit');
    const sql = await post('/v1/sql', { ir: body.ir, dialect: 'postgresql', model: 'ollama:sqlcoder:7b' });
    expect(sql.status).toBe(200);
    expect(await sql.json()).toMatchObject({
      sql: expect.any(String),
      dialect: 'postgresql',
      model: 'ollama:sqlcoder:7b',
    });
  });

  it('answers 502 when the provider answer is broken, never a half object', async () => {
    gw.mock.setFault({ mode: 'malformed', kind: 'openai', times: 1 });
    const res = await post('/v1/ir/build', { question: 'q', model: 'openai:gpt-4o-mini' });
    const body = await res.json();
    // A cut-off envelope is the provider's fault: 502 upstream_error, and still no half object.
    expect(res.status).toBe(502);
    expect(body.error.code).toBe('upstream_error');
    expect(body).not.toHaveProperty('ir');
  });

  it('answers 502 invalid_model_output with the raw text when the model ignores the schema, never a half IR', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'off_schema', kind: 'openai', times: 1 });
    const res = await post('/v1/ir/build', { question: 'revenue by month', model: 'openai:gpt-4o-mini' });
    const body = await res.json();
    expect(res.status).toBe(502);
    expect(body.error).toMatchObject({
      code: 'invalid_model_output',
      details: { model: 'openai:gpt-4o-mini' },
    });
    // The mock's plain-text echo of the prompt, exactly as the model sent it.
    expect(body.error.details.raw).toMatch(/^Echo: .*revenue by month/);
    expect(body).not.toHaveProperty('ir');
    expect(gw.mock.requests).toHaveLength(1);
  });
});

describe('GET /v1/usage', () => {
  it('groups calls, tokens and cost, counting unpriced calls apart', async () => {
    const res = await fetch(`${gw.url}/v1/usage?group_by=model`);
    const body = await res.json();
    expect(body.rows.length).toBeGreaterThan(0);
    const compat = body.rows.find((row: { model: string }) => row.model === 'compat:acme/chat-1');
    expect(compat.cost_usd).toBeGreaterThan(0);
    const google = body.rows.find((row: { model: string }) => row.model === 'google:gemini-2.5-flash');
    expect(google.calls).toBeGreaterThan(0);
    expect(body.totals.calls).toBeGreaterThan(10);
  });
});
