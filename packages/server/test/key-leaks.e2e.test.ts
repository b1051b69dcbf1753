import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FAULT_MODES } from '../src/mock-providers/index.js';
import { type HostileKind, type HostileUpstream, startHostileUpstream } from './support/hostile-upstream.js';
import {
  startTestGateway,
  type TestGateway,
  testConfig,
  UPSTREAM_KEYS,
} from './support/start-test-gateway.js';

/**
 * Every configured key, scanned for in every answer (status line, headers, body, WebSocket frames) and
 * every log line at debug level, after every fault mode of the mocks and against upstreams that repeat
 * the key they got, on the proxy, the task endpoints, the OpenAI-compatible routes and the WebSocket.
 */

const PROMPT = 'one two three';
/** The hostile providers: each mode in each wire shape, each with a key of its own. */
const HOSTILE_MODES = ['echo_key-401', 'echo_key-500', 'echo_key-429', 'echo_stream', 'echo_json'] as const;
const HOSTILE_KINDS: Record<HostileKind, { kind: string; model: string }> = {
  openai: { kind: 'openai', model: 'gpt-4o-mini' },
  anthropic: { kind: 'anthropic', model: 'claude-haiku-4-5-20251001' },
  google: { kind: 'google', model: 'gemini-2.5-flash' },
};
const hostileName = (mode: string, kind: string) => `h-${mode.replace('_', '')}-${kind}`;
const hostileKey = (mode: string, kind: string) => `hostile-key-${mode}-${kind}-0123456789`;

let gw: TestGateway;
let hostile: HostileUpstream;
const allKeys: string[] = [...Object.values(UPSTREAM_KEYS)];
/** Everything the gateway answered, as text. */
const answers: string[] = [];

beforeAll(async () => {
  hostile = await startHostileUpstream();
  gw = await startTestGateway({
    config: (base) => {
      const models = { ...(testConfig(base).models as Record<string, Record<string, unknown>>) };
      // Short idle timeouts, so `hang` answers 504 quickly.
      for (const [name, section] of Object.entries(models)) {
        if (name !== 'defaults') models[name] = { ...section, timeout_ms: 300 };
      }
      for (const mode of HOSTILE_MODES) {
        for (const [wire, { kind }] of Object.entries(HOSTILE_KINDS)) {
          const key = hostileKey(mode, wire);
          allKeys.push(key);
          models[hostileName(mode, wire)] = {
            kind,
            endpoint: hostile.endpoint(mode, wire as HostileKind),
            api_key: key,
            user_keys: 'allow',
          };
        }
      }
      return { models };
    },
  });
});
afterAll(async () => {
  await gw?.close();
  await hostile?.close();
});

async function capture(response: Response): Promise<string> {
  const headers = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
  const text = `${response.status}\n${headers}\n\n${await response.text()}`;
  answers.push(text);
  return text;
}

/** A request's whole answer as text; a connection the gateway cut (after a `reset`) as its error. */
function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
    .then(capture)
    .catch((error: unknown) => {
      const text = `cut: ${String(error)} ${String((error as Error).cause)}`;
      answers.push(text);
      return text;
    });
}

/** One chat on a fresh socket; every frame until its end. */
async function wsChat(model: string): Promise<string> {
  const ws = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/v1/ws/chat`);
  const frames: string[] = [];
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      frames.push(String(data));
      const frame = JSON.parse(String(data)) as { type: string };
      if (frame.type === 'done' || frame.type === 'error') resolve();
    });
    ws.send(JSON.stringify({ type: 'chat', id: 'c1', model, messages: [{ role: 'user', content: PROMPT }] }));
  });
  ws.close();
  const text = frames.join('\n');
  answers.push(text);
  return text;
}

/** The proxied request of one wire shape, streamed or not. */
function proxyCall(provider: string, wire: HostileKind, model: string, stream: boolean): Promise<string> {
  const messages = [{ role: 'user', content: PROMPT }];
  if (wire === 'anthropic') {
    return post(
      `/api/ai/${provider}/v1/messages`,
      { model, max_tokens: 20, messages, stream },
      { 'anthropic-version': '2023-06-01' },
    );
  }
  if (wire === 'google') {
    const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return post(`/api/ai/${provider}/models/${model}:${method}`, {
      contents: [{ role: 'user', parts: [{ text: PROMPT }] }],
    });
  }
  return post(`/api/ai/${provider}/chat/completions`, { model, messages, stream });
}

/**
 * Every surface, for one model ID. The proxy passes successful answers (status < 400) through byte for
 * byte, unread: it scrubs error answers only, so a key in a 200 body (`echo_json`, `echo_stream`) is not
 * its to find, and `proxy: false` leaves it out for those.
 */
async function everySurface(provider: string, wire: HostileKind, name: string, proxy = true): Promise<void> {
  const model = `${provider}:${name}`;
  const messages = [{ role: 'user', content: PROMPT }];
  if (proxy) {
    await proxyCall(provider, wire, name, false);
    await proxyCall(provider, wire, name, true);
  }
  await post('/v1/ai/chat/completion', { model, messages });
  await post('/v1/ai/chat/completion', { model, messages, stream: true });
  await post('/v1/tasks/chat/generate', {
    model,
    prompt: PROMPT,
    schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
  });
  await post('/v1/chat/completions', { model, messages });
  await post('/v1/chat/completions', { model, messages, stream: true });
  await wsChat(model);
}

function expectNoKey(text: string): void {
  for (const key of allKeys) {
    if (text.includes(key)) throw new Error(`key ${key} leaked in:\n${text.slice(0, 2000)}`);
  }
}

describe('no configured key reaches an answer or a log line', () => {
  it.each([...FAULT_MODES])(
    'after the mocks fault %s, on every surface',
    async (mode) => {
      // A hang ends at the idle timeout, whose timer ticks by the second: one wire shape is enough for it.
      const wires = Object.entries(HOSTILE_KINDS).slice(0, mode === 'hang' ? 1 : undefined);
      for (const [wire, { model }] of wires) {
        gw.mock.setFault({ mode });
        try {
          await everySurface(wire, wire as HostileKind, model);
        } finally {
          gw.mock.clearFaults();
        }
      }
      await post('/v1/embeddings', { model: 'openai:text-embedding-3-small', input: PROMPT });
      for (const text of answers) expectNoKey(text);
      expectNoKey(gw.logs.join('\n'));
    },
    60_000,
  );

  it.each([...HOSTILE_MODES])(
    'against an upstream that repeats the key (%s), on every surface',
    async (mode) => {
      const before = hostile.requests.length;
      const start = answers.length;
      for (const [wire, { model }] of Object.entries(HOSTILE_KINDS)) {
        await everySurface(hostileName(mode, wire), wire as HostileKind, model, mode.startsWith('echo_key'));
      }
      const seen = hostile.requests.slice(before);
      // The upstream got the real keys, so it had them to repeat: the test is not vacuous.
      expect(seen.length).toBeGreaterThan(0);
      for (const request of seen) expect(allKeys).toContain(request.credential);
      const mine = answers.slice(start);
      for (const text of mine) expectNoKey(text);
      expect(mine.some((text) => text.includes('[redacted]'))).toBe(true);
      expectNoKey(gw.logs.join('\n'));
    },
    60_000,
  );

  it("a key added at runtime, or a user's own, is scrubbed when an upstream repeats it, and forgotten once removed", async () => {
    const provider = hostileName('echo_key-401', 'openai');
    const runtimeKey = 'hostile-runtime-key-0123456789abcdef';
    const userKey = 'hostile-user-own-key-0123456789abcdef';
    allKeys.push(runtimeKey, userKey);
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${gw.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(capture);
    for (const [put, remove] of [
      [`/v1/providers/${provider}/keys/default`, `/v1/providers/${provider}/keys/default`],
      [`/api/users/local/provider-keys/${provider}`, `/api/users/local/provider-keys/${provider}`],
    ] as const) {
      const key = put.startsWith('/v1/') ? runtimeKey : userKey;
      expect(await send('PUT', put, { key })).toMatch(/^200/);
      const before = hostile.requests.length;
      const start = answers.length;
      await everySurface(provider, 'openai', 'gpt-4o-mini');
      // The upstream got this very key, so it had it to repeat.
      expect(hostile.requests.slice(before).some((request) => request.credential === key)).toBe(true);
      const mine = answers.slice(start);
      for (const text of mine) expectNoKey(text);
      expect(mine.some((text) => text.includes('[redacted]'))).toBe(true);
      expect(await send('DELETE', remove)).toMatch(/^200/);
      expect(gw.app.keyRedactor.redact(`x ${key} x`)).toBe(`x ${key} x`);
    }
    expectNoKey(gw.logs.join('\n'));
  }, 60_000);

  it('scanned a log that holds the failures', () => {
    expect(gw.logs.length).toBeGreaterThan(100);
    expect(gw.logs.some((line) => line.includes('"level":50'))).toBe(true);
  });
});
