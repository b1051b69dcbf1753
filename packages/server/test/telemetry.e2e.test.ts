import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './support/start-otlp-receiver.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

let receiver: OtlpReceiver;
let gw: TestGateway;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  gw = await startTestGateway({
    config: () => ({
      telemetry: {
        otlp: receiver.url,
        sample: 1,
        trace_url_template: 'http://traces.example/trace/{trace_id}',
      },
      tasks: {
        prd_generation: { default: 'compat:acme/chat-1', fallbacks: ['anthropic:claude-haiku-4-5-20251001'] },
      },
    }),
  });
});
afterAll(async () => {
  await gw?.close();
  await receiver?.close();
});

/** A caller's W3C trace context: a fresh trace ID and the caller's span, sampled. */
function callerContext() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/** The spans of one trace, once the gateway has exported what it buffered. */
async function spansOf(traceId: string): Promise<ReceivedSpan[]> {
  await gw.app.tracing?.flush();
  return receiver.spans.filter((span) => span.traceId === traceId);
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('traces over OTLP/HTTP', () => {
  it('traces a proxied stream: the caller’s trace continued, one client span, traceparent passed upstream', async () => {
    gw.mock.clear();
    const caller = callerContext();
    const res = await post(
      '/api/ai/openai/chat/completions',
      {
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'secret proxied words' }],
      },
      { traceparent: caller.traceparent },
    );
    expect(res.status).toBe(200);
    await res.text();

    const spans = await spansOf(caller.traceId);
    const server = spans.find((span) => span.kind === SERVER);
    const client = spans.find((span) => span.kind === CLIENT);
    expect(spans).toHaveLength(2);
    expect(server).toMatchObject({
      parentSpanId: caller.spanId,
      name: 'POST /api/ai/:provider/*',
      attributes: expect.objectContaining({
        'http.response.status_code': 200,
        'gen_ai.operation.name': 'chat',
      }),
      resource: expect.objectContaining({ 'service.name': 'switchboard' }),
    });
    expect(client?.parentSpanId).toBe(server?.spanId);
    const reported = gw.mock.reportedUsage.total;
    expect(client).toMatchObject({
      name: 'chat gpt-4o-mini',
      attributes: expect.objectContaining({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': reported.inputTokens,
        'gen_ai.usage.output_tokens': reported.outputTokens,
        'switchboard.model': 'openai:gpt-4o-mini',
        'switchboard.cost_usd': expect.any(Number),
      }),
    });
    // The upstream was called as a child of the attempt, in the caller's trace.
    expect(gw.mock.requests[0]?.headers.traceparent).toBe(`00-${caller.traceId}-${client?.spanId}-01`);
    // Contents stay out of the trace unless `telemetry.capture_content` is on.
    expect(JSON.stringify(spans)).not.toContain('secret proxied words');
  });

  it('traces a task call that falls back: a failed attempt, then the one that answered, both children', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'server_error', kind: 'compat', times: 1 });
    const caller = callerContext();
    const res = await post(
      '/v1/tasks/prd_generation/generate',
      { prompt: 'write a private PRD' },
      { traceparent: caller.traceparent },
    );
    expect(res.status).toBe(200);
    const body = await res.json();

    const spans = await spansOf(caller.traceId);
    const server = spans.find((span) => span.kind === SERVER);
    const attempts = spans
      .filter((span) => span.kind === CLIENT)
      .sort(
        (a, b) => Number(a.attributes['switchboard.attempt']) - Number(b.attributes['switchboard.attempt']),
      );
    expect(spans).toHaveLength(3);
    expect(server?.parentSpanId).toBe(caller.spanId);
    for (const attempt of attempts) expect(attempt.parentSpanId).toBe(server?.spanId);

    expect(attempts[0]).toMatchObject({
      name: 'chat acme/chat-1',
      status: { code: ERROR },
      attributes: expect.objectContaining({
        'gen_ai.provider.name': 'compat',
        'gen_ai.request.model': 'acme/chat-1',
        'error.type': 'upstream_error',
        'switchboard.attempt': 0,
      }),
    });
    const served = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5-20251001',
      'gen_ai.response.model': 'claude-haiku-4-5-20251001',
      'gen_ai.usage.input_tokens': body.usage.input_tokens,
      'gen_ai.usage.output_tokens': body.usage.output_tokens,
      'gen_ai.response.finish_reasons': ['stop'],
      'switchboard.task': 'prd_generation',
      'switchboard.source': body.source,
      'switchboard.fallback.from': 'compat:acme/chat-1',
      'switchboard.cost_usd': body.cost,
    };
    expect(attempts[1]).toMatchObject({
      name: 'chat claude-haiku-4-5-20251001',
      attributes: expect.objectContaining({ ...served, 'switchboard.attempt': 1 }),
    });
    expect(attempts[1]?.status.code).not.toBe(ERROR);
    expect(server).toMatchObject({
      name: 'POST /v1/tasks/:task/generate',
      attributes: expect.objectContaining(served),
    });
    // Each upstream call carried its own attempt's span as parent.
    expect(gw.mock.requests.map((request) => request.headers.traceparent)).toEqual(
      attempts.map((attempt) => `00-${caller.traceId}-${attempt.spanId}-01`),
    );
    expect(JSON.stringify(spans)).not.toContain('private PRD');

    // The usage event carries the trace ID, and the recent calls link to it.
    const recent = await (await fetch(`${gw.url}/v1/usage/calls?limit=1`)).json();
    expect(recent.calls).toEqual([
      expect.objectContaining({
        task: 'prd_generation',
        model: 'anthropic:claude-haiku-4-5-20251001',
        status: 'ok',
        trace_id: caller.traceId,
        trace_url: `http://traces.example/trace/${caller.traceId}`,
      }),
    ]);
  });

  it('starts a trace of its own when the caller sends none, and still passes it upstream', async () => {
    gw.mock.clear();
    const res = await post('/v1/ai/chat/completion', {
      stream: true,
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(res.status).toBe(200);
    await res.text();
    const traceparent = String(gw.mock.requests[0]?.headers.traceparent);
    const [, traceId, parentId] = traceparent.split('-');
    const spans = await spansOf(traceId ?? '');
    const server = spans.find((span) => span.kind === SERVER);
    const client = spans.find((span) => span.kind === CLIENT);
    expect(server?.parentSpanId).toBeUndefined();
    expect(client?.spanId).toBe(parentId);
    expect(client?.parentSpanId).toBe(server?.spanId);
    expect(server?.attributes).toMatchObject({
      'switchboard.task': 'chat',
      'gen_ai.response.finish_reasons': ['stop'],
    });
  });
});

describe('WebSocket chat', () => {
  it('gives each conversation of a socket its own span, with its attempt under it, in the caller’s trace', async () => {
    gw.mock.clear();
    const caller = callerContext();
    const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/v1/ws/chat`, {
      headers: { traceparent: caller.traceparent },
    });
    const done = new Set<string>();
    const finished = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'done') done.add(frame.id);
        if (done.size === 2) resolve();
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    for (const id of ['a', 'b']) {
      ws.send(
        JSON.stringify({ type: 'chat', id, messages: [{ role: 'user', content: `conversation ${id}` }] }),
      );
    }
    await finished;
    ws.close();

    const spans = await spansOf(caller.traceId);
    const conversations = spans.filter((span) => span.name === 'ws chat conversation');
    expect(conversations).toHaveLength(2);
    for (const conversation of conversations) {
      const attempts = spans.filter((span) => span.parentSpanId === conversation.spanId);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({
        kind: CLIENT,
        attributes: expect.objectContaining({ 'gen_ai.provider.name': 'openai', 'switchboard.task': 'chat' }),
      });
      expect(conversation.attributes).toMatchObject({
        'switchboard.task': 'chat',
        'gen_ai.usage.output_tokens': expect.any(Number),
      });
    }
    expect(
      new Set(gw.mock.requests.map((request) => request.headers.traceparent?.toString().split('-')[1])),
    ).toEqual(new Set([caller.traceId]));
  });
});

describe('a refused call', () => {
  let limited: TestGateway;
  beforeAll(async () => {
    limited = await startTestGateway({
      mock: gw.mock,
      config: () => ({
        auth: { rate_limit: { max: 1, time_window_ms: 60_000 } },
        telemetry: { otlp: receiver.url, capture_content: true },
      }),
    });
  });
  afterAll(async () => limited?.close());

  it('has a server span with the limit that refused it and error.type, and no upstream attempt', async () => {
    gw.mock.clear();
    const first = callerContext();
    const ok = await fetch(`${limited.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: first.traceparent },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'captured words' }] }),
    });
    expect(ok.status).toBe(200);
    const caller = callerContext();
    const refused = await fetch(`${limited.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: caller.traceparent },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect(gw.mock.requests).toHaveLength(1);

    await limited.app.tracing?.flush();
    const spans = receiver.spans.filter((span) => span.traceId === caller.traceId);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({
      kind: SERVER,
      parentSpanId: caller.spanId,
      status: { code: ERROR },
      attributes: expect.objectContaining({
        'http.response.status_code': 429,
        'error.type': 'rate_limited',
        'switchboard.limit': 'auth.rate_limit',
      }),
    });
    // With `capture_content: true`, the first call's input is on its attempt span.
    const attempt = receiver.spans.find((span) => span.traceId === first.traceId && span.kind === CLIENT);
    expect(JSON.parse(String(attempt?.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', content: 'captured words' },
    ]);
  });
});

describe('tracing off', () => {
  it('has no tracing, no request trace and sends no traceparent upstream', async () => {
    const plain = await startTestGateway({ mock: gw.mock });
    try {
      gw.mock.clear();
      expect(plain.app.tracing).toBeUndefined();
      const res = await fetch(`${plain.url}/v1/ai/chat/completion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.status).toBe(200);
      expect(gw.mock.requests[0]?.headers.traceparent).toBeUndefined();
      const recent = await (await fetch(`${plain.url}/v1/usage/calls`)).json();
      expect(recent.calls).toEqual([
        expect.objectContaining({ status: 'ok', trace_id: null, trace_url: null }),
      ]);
    } finally {
      await plain.close();
    }
  });
});
