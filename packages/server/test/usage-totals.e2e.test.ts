import { computeCost } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MODELS, type MockProviders, startMockProviders } from '../src/mock-providers/index.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

const CALLS = 1_000;
const CONCURRENCY = 8;

let gw: TestGateway;
let mock: MockProviders;
let socket: WebSocket;
const pendingConversations = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();

beforeAll(async () => {
  // The upstream lists a model the catalogue has no price for (a model newer than the catalogue); the
  // mock, like OpenAI, refuses models it does not list.
  mock = await startMockProviders({
    apiKeys: UPSTREAM_KEYS,
    models: { openai: [...DEFAULT_MODELS.openai, 'gpt-unheard-of'] },
  });
  gw = await startTestGateway({ mock });
  socket = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/v1/ws/chat`);
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; id: string; error?: { message: string } };
    const pending = pendingConversations.get(frame.id);
    if (!pending || frame.type === 'delta') return;
    pendingConversations.delete(frame.id);
    if (frame.type === 'done') pending.resolve();
    else pending.reject(new Error(`conversation ${frame.id}: ${frame.type} ${frame.error?.message ?? ''}`));
  });
  await new Promise((resolve) => socket.once('open', resolve));
});
afterAll(async () => {
  socket?.close();
  await gw?.close();
  await mock?.close();
});

/** Sends a JSON body and reads the whole answer (a stream to its end), failing on anything but 200. */
async function call(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
  if (
    res.headers.get('content-type')?.includes('event-stream') &&
    /"error"/.test(text.split('\n\n').at(-2) ?? '')
  ) {
    throw new Error(`${path}: the stream ended in an error: ${text}`);
  }
}

function converse(id: string, model: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    pendingConversations.set(id, { resolve, reject });
    socket.send(
      JSON.stringify({
        type: 'chat',
        id,
        model,
        messages: [{ role: 'user', content: `socket conversation ${id}` }],
      }),
    );
  });
}

const MODELS = [
  'openai:gpt-4o-mini',
  'anthropic:claude-haiku-4-5-20251001',
  'google:gemini-2.5-flash',
  'xai:grok-4-fast',
  'ollama:llama3:latest',
  'compat:acme/chat-1',
];
const messages = (i: number) => [{ role: 'user', content: `call number ${i} with ${'word '.repeat(i % 7)}` }];
const INCLUDE_USAGE = { stream: true, stream_options: { include_usage: true } };

/** One call each; `unpriced` when its model has no known price. Every call is one upstream request. */
const VARIANTS: Array<{ name: string; unpriced?: boolean; run: (i: number) => Promise<void> }> = [
  ...MODELS.flatMap((model) => [
    {
      name: `task chat ${model}`,
      run: (i: number) => call('/v1/ai/chat/completion', { model, messages: messages(i) }),
    },
    {
      name: `task chat stream ${model}`,
      run: (i: number) => call('/v1/ai/chat/completion', { model, stream: true, messages: messages(i) }),
    },
    {
      name: `openai-compatible ${model}`,
      run: (i: number) => call('/v1/chat/completions', { model, messages: messages(i) }),
    },
    {
      name: `openai-compatible stream ${model}`,
      run: (i: number) => call('/v1/chat/completions', { model, stream: true, messages: messages(i) }),
    },
    { name: `socket ${model}`, run: (i: number) => converse(`c${i}`, model) },
  ]),
  {
    name: 'generate an object',
    run: (i) =>
      call('/v1/tasks/insight_extraction/generate', {
        model: 'google:gemini-2.5-flash',
        prompt: `insights ${i}`,
        schema: {
          type: 'object',
          properties: { themes: { type: 'array', items: { type: 'string' } } },
          required: ['themes'],
        },
      }),
  },
  {
    name: 'sql',
    run: (i) => call('/v1/sql', { question: `how many orders in month ${i}?`, dialect: 'postgresql' }),
  },
  {
    name: 'embeddings passthrough',
    run: (i) => call('/v1/embeddings', { model: 'task:embeddings', input: [`text ${i}`, 'two words'] }),
  },
  {
    name: 'embeddings translated, unpriced',
    unpriced: true,
    run: (i) => call('/v1/embeddings', { model: 'google:gemini-embedding-001', input: `text ${i}` }),
  },
  {
    name: 'an unregistered model, unpriced',
    unpriced: true,
    run: (i) =>
      call('/v1/chat/completions', { model: 'compat:mock/chat-small', stream: true, messages: messages(i) }),
  },
  {
    name: 'proxy openai stream',
    run: (i) =>
      call('/api/ai/openai/chat/completions', {
        model: 'gpt-4o-mini',
        messages: messages(i),
        ...INCLUDE_USAGE,
      }),
  },
  {
    name: 'proxy anthropic stream',
    run: (i) =>
      call('/api/ai/anthropic/v1/messages', {
        model: 'claude-haiku-4-5-20251001',
        max_tokens: 64,
        stream: true,
        messages: messages(i),
      }),
  },
  {
    name: 'proxy gemini stream',
    run: (i) =>
      call('/api/ai/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse', {
        contents: [{ role: 'user', parts: [{ text: `call ${i}` }] }],
      }),
  },
  {
    name: 'proxy ollama NDJSON',
    run: (i) => call('/api/ai/ollama/api/chat', { model: 'llama3:latest', messages: messages(i) }),
  },
  {
    name: 'proxy xai',
    run: (i) => call('/api/ai/xai/chat/completions', { model: 'grok-4-fast', messages: messages(i) }),
  },
  {
    name: 'proxy compat',
    run: (i) => call('/api/ai/compat/chat/completions', { model: 'acme/chat-1', messages: messages(i) }),
  },
  {
    name: 'proxy embeddings',
    run: (i) =>
      call('/api/ai/openai/embeddings', { model: 'text-embedding-3-small', input: `embed ${i} please` }),
  },
  {
    name: 'proxy, unpriced',
    unpriced: true,
    run: (i) => call('/api/ai/openai/chat/completions', { model: 'gpt-unheard-of', messages: messages(i) }),
  },
];

async function usage(query = '') {
  const res = await fetch(`${gw.url}/v1/usage${query}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe(`usage totals over ${CALLS} mixed calls`, () => {
  it('equal the tokens the providers reported, exactly; cost is summed over priced models only', async () => {
    gw.mock.clear();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < CALLS; i = next++) await VARIANTS[i % VARIANTS.length]!.run(i);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    // One call, one upstream request: no retries, no fallbacks, nothing extra.
    expect(gw.mock.requests).toHaveLength(CALLS);
    // A proxied stream is recorded once it has ended, a moment after the client read its last byte.
    let body = await usage('?group_by=model');
    for (let attempt = 0; body.totals.calls < CALLS && attempt < 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      body = await usage('?group_by=model');
    }
    const reported = gw.mock.reportedUsage.total;
    expect(body.totals).toMatchObject({
      calls: CALLS,
      input_tokens: reported.inputTokens,
      output_tokens: reported.outputTokens,
      reasoning_tokens: reported.reasoningTokens,
    });
    expect(reported.inputTokens).toBeGreaterThan(CALLS);

    const unpricedCalls = Array.from({ length: CALLS }, (_, i) => VARIANTS[i % VARIANTS.length]!).filter(
      (v) => v.unpriced,
    ).length;
    expect(body.totals.unpriced_calls).toBe(unpricedCalls);

    const prices = new Map<string, Parameters<typeof computeCost>[0]>(
      (
        (await (await fetch(`${gw.url}/v1/ai/models`)).json()).models as Array<{ id: string; cost: never }>
      ).map((model) => [model.id, model.cost]),
    );
    let pricedTotal = 0;
    for (const row of body.rows as Array<{
      model: string;
      calls: number;
      input_tokens: number;
      output_tokens: number;
      cost_usd: number | null;
      unpriced_calls: number;
    }>) {
      const price = prices.get(row.model);
      if (!price) {
        expect(row).toMatchObject({ cost_usd: null, unpriced_calls: row.calls });
        continue;
      }
      expect(row.unpriced_calls).toBe(0);
      const expected =
        computeCost(price, { inputTokens: row.input_tokens, outputTokens: row.output_tokens }) ?? Number.NaN;
      // Each call's cost is rounded to 1e-10 USD; the sum of a few dozen stays well within 1e-8.
      expect(row.cost_usd).toBeCloseTo(expected, 8);
      pricedTotal += row.cost_usd ?? 0;
    }
    expect(pricedTotal).toBeGreaterThan(0);
    expect(body.totals.cost_usd).toBeCloseTo(pricedTotal, 10);
    // A thousand calls through every surface take ~20 s on a loaded two-core machine, near the 30 s default.
  }, 120_000);
});
