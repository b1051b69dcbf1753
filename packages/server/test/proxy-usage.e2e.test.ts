import { request as httpRequest, type IncomingMessage } from 'node:http';
import { computeCost } from '@switchboard/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';
import { snapshotUsage, usageSince } from './support/usage-deltas.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());
afterEach(() => gw.mock.clearFaults());

/** A proxied call: the path under `/api/ai/`, a body, and the model ID its usage is recorded under. */
interface ProxyCall {
  name: string;
  path: string;
  body?: unknown;
  model: string;
}

const chatBody = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'count these five words please' }],
  ...extra,
});
const anthropicBody = (extra: Record<string, unknown> = {}) => ({
  model: 'claude-haiku-4-5-20251001',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'count these five words please' }],
  ...extra,
});
const geminiBody = { contents: [{ role: 'user', parts: [{ text: 'count these five words please' }] }] };
const ollamaChat = (extra: Record<string, unknown> = {}) => ({
  model: 'llama3:latest',
  messages: [{ role: 'user', content: 'count these five words please' }],
  ...extra,
});
const INCLUDE_USAGE = { stream: true, stream_options: { include_usage: true } };

/** Every kind, every body shape that reports usage: JSON, SSE, NDJSON and Gemini's JSON-array stream. */
const CALLS: ProxyCall[] = [
  {
    name: 'openai chat',
    path: 'openai/chat/completions',
    body: chatBody('gpt-4o-mini'),
    model: 'openai:gpt-4o-mini',
  },
  {
    name: 'openai chat stream',
    path: 'openai/chat/completions',
    body: chatBody('gpt-4o-mini', INCLUDE_USAGE),
    model: 'openai:gpt-4o-mini',
  },
  {
    name: 'openai responses',
    path: 'openai/responses',
    body: { model: 'gpt-4o', input: 'count these words' },
    model: 'openai:gpt-4o',
  },
  {
    name: 'openai responses stream',
    path: 'openai/responses',
    body: { model: 'gpt-4o', input: 'count these words', stream: true },
    model: 'openai:gpt-4o',
  },
  {
    name: 'openai embeddings',
    path: 'openai/embeddings',
    body: { model: 'text-embedding-3-small', input: ['one two', 'three four five'] },
    model: 'openai:text-embedding-3-small',
  },
  {
    name: 'anthropic messages',
    path: 'anthropic/v1/messages',
    body: anthropicBody(),
    model: 'anthropic:claude-haiku-4-5-20251001',
  },
  {
    name: 'anthropic messages stream',
    path: 'anthropic/v1/messages',
    body: anthropicBody({ stream: true }),
    model: 'anthropic:claude-haiku-4-5-20251001',
  },
  {
    name: 'gemini generate',
    path: 'google/models/gemini-2.5-flash:generateContent',
    body: geminiBody,
    model: 'google:gemini-2.5-flash',
  },
  {
    name: 'gemini stream (SSE)',
    path: 'google/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    body: geminiBody,
    model: 'google:gemini-2.5-flash',
  },
  {
    name: 'gemini stream (JSON array)',
    path: 'google/models/gemini-2.5-pro:streamGenerateContent',
    body: geminiBody,
    model: 'google:gemini-2.5-pro',
  },
  {
    name: 'xai chat (reasoning tokens)',
    path: 'xai/chat/completions',
    body: chatBody('grok-4-fast'),
    model: 'xai:grok-4-fast',
  },
  {
    name: 'xai chat stream',
    path: 'xai/chat/completions',
    body: chatBody('grok-4-fast', INCLUDE_USAGE),
    model: 'xai:grok-4-fast',
  },
  {
    name: 'ollama chat (NDJSON stream)',
    path: 'ollama/api/chat',
    body: ollamaChat(),
    model: 'ollama:llama3:latest',
  },
  {
    name: 'ollama chat (JSON)',
    path: 'ollama/api/chat',
    body: ollamaChat({ stream: false }),
    model: 'ollama:llama3:latest',
  },
  {
    name: 'ollama generate, untagged model',
    path: 'ollama/api/generate',
    body: { model: 'llama3', prompt: 'count these words' },
    model: 'ollama:llama3:latest',
  },
  {
    name: 'ollama embed',
    path: 'ollama/api/embed',
    body: { model: 'llama3:latest', input: ['a b', 'c'] },
    model: 'ollama:llama3:latest',
  },
  {
    name: 'ollama /v1 chat stream',
    path: 'ollama/v1/chat/completions',
    body: ollamaChat(INCLUDE_USAGE),
    model: 'ollama:llama3:latest',
  },
  {
    name: 'compat chat',
    path: 'compat/chat/completions',
    body: chatBody('acme/chat-1'),
    model: 'compat:acme/chat-1',
  },
  {
    name: 'compat chat stream',
    path: 'compat/chat/completions',
    body: chatBody('acme/chat-1', INCLUDE_USAGE),
    model: 'compat:acme/chat-1',
  },
];

async function proxy(path: string, body?: unknown, init: RequestInit = {}) {
  const res = await fetch(`${gw.url}/api/ai/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    ...init,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

async function priceOf(model: string) {
  const models = (await (await fetch(`${gw.url}/v1/ai/models`)).json()).models as Array<{
    id: string;
    cost: unknown;
  }>;
  return models.find((entry) => entry.id === model)?.cost as Parameters<typeof computeCost>[0];
}

describe.each(CALLS)('proxied $name', (call) => {
  it('records one usage event (endpoint proxy, no task) with exactly the tokens the provider reported', async () => {
    gw.mock.clear();
    const before = await snapshotUsage(gw);
    const answer = await proxy(call.path, call.body);
    expect(answer.status).toBe(200);
    const reported = gw.mock.reportedUsage.total;
    expect(reported.responses).toBe(1);
    const deltas = await usageSince(gw, before);
    expect(deltas).toEqual([
      expect.objectContaining({
        model: call.model,
        calls: 1,
        inputTokens: reported.inputTokens,
        outputTokens: reported.outputTokens,
      }),
    ]);
    const price = await priceOf(call.model);
    expect(price).toBeTruthy();
    expect(deltas[0]?.cost).toBeCloseTo(
      computeCost(price, { inputTokens: reported.inputTokens, outputTokens: reported.outputTokens }) ??
        Number.NaN,
      12,
    );
    expect(deltas[0]?.unpricedCalls).toBe(0);
  });
});

describe('proxy usage accounting', () => {
  it('streams pass unchanged: the usage is read from the answer without altering a byte', async () => {
    const answer = await proxy('openai/chat/completions', chatBody('gpt-4o-mini', INCLUDE_USAGE));
    expect(answer.contentType).toContain('text/event-stream');
    expect(answer.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(answer.text).toContain('"model":"gpt-4o-mini"');
  });

  it('records tasks as null', async () => {
    await proxy('openai/chat/completions', chatBody('gpt-4o-mini'));
    await gw.app.store.usage.flush();
    const rows = await gw.app.store.usage.summarize({ groupBy: ['task', 'model'] });
    expect(rows.find((row) => row.model === 'openai:gpt-4o-mini')).toMatchObject({ task: null });
  });

  it('counts a served model with no known price as unpriced, never as $0; a failed call is not unpriced', async () => {
    gw.mock.clear();
    const before = await snapshotUsage(gw);
    // The mock serves grok-3-mini; the built-in catalogue has no price for it.
    await proxy('xai/chat/completions', chatBody('grok-3-mini'));
    expect(await usageSince(gw, before)).toEqual([
      expect.objectContaining({ model: 'xai:grok-3-mini', calls: 1, unpricedCalls: 1, cost: 0 }),
    ]);
    // A model the upstream does not have fails (404): a failed call, with no price to know.
    const beforeFailure = await snapshotUsage(gw);
    await proxy('openai/chat/completions', chatBody('gpt-unheard-of'));
    expect(await usageSince(gw, beforeFailure)).toEqual([
      expect.objectContaining({ model: 'openai:gpt-unheard-of', calls: 1, unpricedCalls: 0, cost: 0 }),
    ]);
  });

  it('reads the top-level model, not a nested one, and a model in the first megabyte of a large body', async () => {
    const before = await snapshotUsage(gw);
    const padding = 'x'.repeat(1_500_000);
    await proxy('openai/chat/completions', {
      metadata: { model: 'not-this-one' },
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `hello ${padding}` }],
    });
    expect(await usageSince(gw, before)).toEqual([
      expect.objectContaining({ model: 'openai:gpt-4o-mini', calls: 1 }),
    ]);
  });

  it('records calls that name no model, and failed calls, with no tokens', async () => {
    const before = await snapshotUsage(gw);
    expect((await proxy('openai/models')).status).toBe(200);
    gw.mock.setFault({ mode: 'rate_limit', kind: 'anthropic', times: 1 });
    expect((await proxy('anthropic/v1/messages', anthropicBody())).status).toBe(429);
    const deltas = await usageSince(gw, before, 2);
    expect(deltas).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ model: null, calls: 1, inputTokens: 0, outputTokens: 0 }),
        expect.objectContaining({
          model: 'anthropic:claude-haiku-4-5-20251001',
          calls: 1,
          inputTokens: 0,
          outputTokens: 0,
        }),
      ]),
    );
  });

  it('records a stream the client abandoned, and aborts it upstream', async () => {
    gw.mock.clear();
    const before = await snapshotUsage(gw);
    gw.mock.setFault({ mode: 'paced', kind: 'compat', ms: 200, chunks: 40, times: 1 });
    // A plain request without a connection pool: the client's pool may open a spare connection that
    // never sends a request, which the server's close would then wait out.
    const { hostname, port } = new URL(gw.url);
    const req = httpRequest({
      host: hostname,
      port,
      method: 'POST',
      path: '/api/ai/compat/chat/completions',
      headers: { 'content-type': 'application/json' },
      agent: false,
    });
    req.end(JSON.stringify(chatBody('acme/chat-1', INCLUDE_USAGE)));
    const res = await new Promise<IncomingMessage>((resolve) => req.once('response', resolve));
    await new Promise((resolve) => res.once('data', resolve));
    req.destroy();
    await gw.mock.waitForAbort();
    expect(await usageSince(gw, before)).toEqual([
      expect.objectContaining({ model: 'compat:acme/chat-1', calls: 1 }),
    ]);
  });
});
