import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockProviders, parseFaultHeaders, startMockProviders } from './index.js';

let mock: MockProviders;
let openai: OpenAI;

beforeAll(async () => {
  mock = await startMockProviders();
  openai = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.clear();
  mock.clearFaults();
});

const chatBody = (stream = false, model = 'gpt-4o-mini') =>
  JSON.stringify({
    model,
    stream,
    messages: [{ role: 'user', content: 'one two three four five six' }],
  });

const postChat = (fault: string, stream = false, init: RequestInit = {}) =>
  fetch(`${mock.baseUrl('openai')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mock-fault': fault },
    body: chatBody(stream),
    ...init,
  });

describe('fault header syntax', () => {
  it('reads modes, inline parameters and parameter headers', () => {
    const specs = parseFaultHeaders({
      'x-mock-fault': 'paced;ms=20;chunks=5, reset;after=3, bogus',
      'x-mock-fault-retry-after': '9',
    });
    expect(specs).toEqual([
      { mode: 'paced', ms: 20, chunks: 5, retryAfter: 9 },
      { mode: 'reset', after: 3, retryAfter: 9 },
    ]);
  });
});

describe('latency', () => {
  it('delays the answer: a later request without latency finishes first', async () => {
    const finished: string[] = [];
    const slow = postChat('latency;ms=300').then(async (response) => {
      await response.text();
      finished.push('slow');
    });
    await mock.waitFor((request) => request.headers['x-mock-fault'] === 'latency;ms=300');
    const fast = postChat('none').then(async (response) => {
      await response.text();
      finished.push('fast');
    });
    await Promise.all([slow, fast]);
    expect(finished).toEqual(['fast', 'slow']);
  });
});

describe('paced', () => {
  it('sends each frame as its own read, `chunks` content deltas in order', async () => {
    const response = await postChat('paced;ms=25;chunks=6', true);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const reads: string[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read())
      reads.push(decoder.decode(read.value));
    // role delta, 6 content deltas, finish delta, [DONE]: one frame per read.
    expect(reads).toHaveLength(9);
    for (const read of reads) expect(read.match(/data: /g)).toHaveLength(1);
    const contents = reads.slice(1, 7).map((read) => JSON.parse(read.slice(6)).choices[0].delta.content);
    expect(contents.join('')).toBe('Echo: one two three four five six');
    expect(reads.at(-1)).toBe('data: [DONE]\n\n');
  });
});

describe('rate_limit', () => {
  it('answers 429 with retry-after and the OpenAI error body', async () => {
    const error = await openai.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] },
        { headers: { 'x-mock-fault': 'rate_limit;retry_after=7' } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.headers.get('retry-after')).toBe('7');
    expect(rateLimit.code).toBe('rate_limit_exceeded');
  });

  it('answers in each kind’s own error shape', async () => {
    const google = await fetch(`${mock.baseUrl('google')}/models/g:generateContent`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'rate_limit;retryAfter=3' },
      body: '{"contents":[]}',
    });
    expect(google.status).toBe(429);
    expect(await google.json()).toMatchObject({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' }],
      },
    });
    const xai = await fetch(`${mock.baseUrl('xai')}/chat/completions`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'rate_limit' },
      body: chatBody(),
    });
    expect(await xai.json()).toMatchObject({
      code: 'Some resource has been exhausted',
      error: expect.any(String),
    });
    const ollama = await fetch(`${mock.baseUrl('ollama')}/api/chat`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'rate_limit' },
      body: chatBody(),
    });
    expect(ollama.headers.get('retry-after')).toBe('1');
    expect(await ollama.json()).toEqual({ error: expect.any(String) });
  });

  it('applies a programmatic fault `times` times, so a retrying client then succeeds', async () => {
    mock.setFault({ kind: 'openai', mode: 'rate_limit', times: 1, retryAfter: 0 });
    const retrying = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'k', maxRetries: 1 });
    const completion = await retrying.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: x');
    expect(mock.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(mock.faults).toEqual([]);
  });
});

describe('server_error', () => {
  it('answers 500 (or the status asked) in the Anthropic error shape', async () => {
    const anthropic = new Anthropic({ baseURL: `${mock.url}/anthropic`, apiKey: 'k', maxRetries: 0 });
    const send = (fault: string) =>
      anthropic.messages
        .create(
          { model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] },
          { headers: { 'x-mock-fault': fault } },
        )
        .then(
          () => undefined,
          (caught: unknown) => caught as InstanceType<typeof Anthropic.APIError>,
        );
    const internal = await send('server_error');
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
    expect(internal?.status).toBe(500);
    expect(internal?.error).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    const overloaded = await send('server_error;status=529');
    expect(overloaded?.status).toBe(529);
    expect(overloaded?.error).toMatchObject({ error: { type: 'overloaded_error' } });
  });
});

describe('reset', () => {
  it('breaks a stream after `after` frames: the client errors mid-stream', async () => {
    const stream = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'a b c d' }], stream: true },
      { headers: { 'x-mock-fault': 'reset;after=3' } },
    );
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) received.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(received).toHaveLength(3);
    expect(mock.aborted).toEqual([]);
  });

  it('resets before any answer with after=0', async () => {
    await expect(postChat('reset;after=0')).rejects.toThrow(TypeError);
  });
});

describe('malformed', () => {
  it('cuts one SSE data line in half: the SDK fails to parse it', async () => {
    const stream = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true },
      { headers: { 'x-mock-fault': 'malformed;after=1' } },
    );
    const consume = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow(SyntaxError);
  });

  it('cuts a JSON body in half', async () => {
    const response = await postChat('malformed');
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
    expect(mock.reportedUsage.total.responses).toBe(0);
  });

  it('cuts an NDJSON line in half', async () => {
    const response = await fetch(`${mock.baseUrl('ollama')}/api/chat`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'malformed;after=0' },
      body: chatBody(false, 'llama3'),
    });
    const [first = ''] = (await response.text()).split('\n');
    expect(() => JSON.parse(first)).toThrow(SyntaxError);
  });
});

describe('hang', () => {
  it('never answers; a client that gives up is recorded as aborted', async () => {
    const controller = new AbortController();
    const pending = postChat('hang', false, { signal: controller.signal });
    const request = await mock.waitFor((seen) => seen.headers['x-mock-fault'] === 'hang');
    expect(mock.inFlight).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    const aborted = await mock.waitForAbort((event) => event.requestId === request.id);
    expect(aborted).toMatchObject({ type: 'aborted', kind: 'openai', path: '/v1/chat/completions' });
    expect(mock.inFlight).toBe(0);
  });

  it('ends hung requests on close()', async () => {
    const own = await startMockProviders();
    own.setFault({ mode: 'hang' });
    const pending = fetch(`${own.baseUrl('google')}/models`).catch((caught: unknown) => caught);
    await own.waitFor(() => true);
    await own.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });
});

describe('faults over HTTP', () => {
  it('POST /_mock/faults sets a fault for the next request of a kind', async () => {
    const set = await fetch(`${mock.url}/_mock/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'google', mode: 'server_error', times: 1 }),
    });
    expect(await set.json()).toEqual({ faults: [{ kind: 'google', mode: 'server_error', times: 1 }] });
    const models = () => fetch(`${mock.baseUrl('google')}/models`);
    expect((await models()).status).toBe(500);
    expect((await models()).status).toBe(200);
    const rejected = await fetch(`${mock.url}/_mock/faults`, { method: 'POST', body: '{"mode":"explode"}' });
    expect(rejected.status).toBe(400);
    await fetch(`${mock.url}/_mock/faults`, { method: 'POST', body: '[{"mode":"latency","ms":1}]' });
    expect(mock.faults).toHaveLength(1);
    await fetch(`${mock.url}/_mock/faults`, { method: 'DELETE' });
    expect(mock.faults).toEqual([]);
  });
});
