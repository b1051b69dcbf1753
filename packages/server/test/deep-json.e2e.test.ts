import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/** JSON nested 10,000 deep (a body, a JSON Schema on generate, a WebSocket message) is the caller's 400. */

const DEPTH = 10_000;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());

/** A JSON Schema nested `depth` deep, as text (JSON.stringify of it would itself overflow). */
const deepSchema = (depth: number) =>
  `${'{"type":"object","properties":{"a":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}"hi"${']'.repeat(depth)}`;

function expectDepth400(status: number, body: { error: { code: string; message: string } }) {
  expect(status).toBe(400);
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.message).toContain('nested deeper than 128 levels');
}

describe('deeply nested JSON', () => {
  it.each([
    ['/v1/tasks/chat/generate', `{"prompt":"hi","schema":${deepSchema(DEPTH)}}`],
    ['/v1/ai/chat/completion', `{"messages":[{"role":"user","content":${deepArray(DEPTH)}}]}`],
    [
      '/v1/chat/completions',
      `{"model":"openai:gpt-4o-mini","messages":[{"role":"user","content":${deepArray(DEPTH)}}]}`,
    ],
  ])('%s: a 400 naming the depth limit, and nothing sent upstream', async (path, body) => {
    gw.mock.clear();
    const res = await fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expectDepth400(res.status, await res.json());
    expect(gw.mock.requests).toEqual([]);
  });

  it('a JSON Schema nested a few levels still works', async () => {
    // Every property required: strict structured output (what the AI SDK sends) refuses optional ones.
    const schema = `${'{"type":"object","required":["a"],"additionalProperties":false,"properties":{"a":'.repeat(10)}{"type":"string"}${'}}'.repeat(10)}`;
    const res = await fetch(`${gw.url}/v1/tasks/chat/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"prompt":"hi","schema":${schema}}`,
    });
    expect(res.status).toBe(200);
  });

  it('a WebSocket message: an error frame, and the socket stays open', async () => {
    const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/v1/ws/chat`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const frame = await new Promise<{ type: string; error: { code: string; message: string } }>((resolve) => {
      ws.once('message', (data) => resolve(JSON.parse(String(data))));
      ws.send(`{"type":"chat","id":"d","messages":${deepArray(DEPTH)}}`);
    });
    expect(frame.type).toBe('error');
    expectDepth400(400, { error: frame.error });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
