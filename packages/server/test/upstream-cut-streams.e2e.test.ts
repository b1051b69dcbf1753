import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type HostileKind, type HostileUpstream, startHostileUpstream } from './support/hostile-upstream.js';
import { readSse } from './support/read-sse.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/**
 * An upstream stream cut cleanly mid-answer (a clean EOF: no finish reason, no `[DONE]`, no
 * `message_stop`) must end every surface with an error event, never a quiet end a client takes for a
 * complete answer.
 */

const WIRES: Record<HostileKind, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5-20251001',
  google: 'gemini-2.5-flash',
};

let gw: TestGateway;
let hostile: HostileUpstream;

beforeAll(async () => {
  hostile = await startHostileUpstream();
  gw = await startTestGateway({
    config: () => ({
      models: Object.fromEntries(
        Object.keys(WIRES).map((wire) => [
          `c-${wire}`,
          {
            kind: wire,
            endpoint: hostile.endpoint('cut', wire as HostileKind),
            api_key: `cut-key-${wire}-0123456789`,
          },
        ]),
      ),
    }),
  });
});
afterAll(async () => {
  await gw?.close();
  await hostile?.close();
});

const messages = [{ role: 'user', content: 'tell me everything' }];

async function stream(path: string, body: unknown) {
  const res = await fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...(body as object), stream: true }),
  });
  expect(res.status).toBe(200);
  return readSse(res);
}

describe.each(Object.entries(WIRES))('a %s stream cut mid-answer', (wire, name) => {
  const model = `c-${wire}:${name}`;

  it('/v1/chat/completions ends with an error event, not [DONE]', async () => {
    const events = await stream('/v1/chat/completions', { model, messages });
    // The part that came is passed on, then the error.
    expect(events.some((event) => event.data.includes('Half an ans'))).toBe(true);
    const last = events.at(-1)!;
    expect(last.data).not.toBe('[DONE]');
    expect(JSON.parse(last.data).error.code).toBe('upstream_error');
    expect(JSON.parse(last.data).error.message).toContain('ended before');
  });

  it('the task endpoints end with event: error, not done', async () => {
    for (const [path, body] of [
      ['/v1/ai/chat/completion', { model, messages }],
      ['/v1/tasks/chat/generate', { model, prompt: 'tell me everything' }],
    ] as const) {
      const events = await stream(path, body);
      expect(events.map((event) => event.event)).not.toContain('done');
      const last = events.at(-1)!;
      expect(last.event, path).toBe('error');
      expect(JSON.parse(last.data).error.message).toContain('ended before');
    }
  });

  it('the WebSocket ends the conversation with an error frame', async () => {
    const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/v1/ws/chat`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const end = await new Promise<{ type: string; error?: { message: string } }>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'done' || frame.type === 'error') resolve(frame);
      });
      ws.send(JSON.stringify({ type: 'chat', id: 'c1', model, messages }));
    });
    ws.close();
    expect(end.type).toBe('error');
    expect(end.error?.message).toContain('ended before');
  });
});
