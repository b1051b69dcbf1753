import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HostileKind,
  type HostileUpstream,
  startHostileUpstream,
  startRecordingServer,
} from './support/hostile-upstream.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/**
 * An upstream that answers 307 to another server: the gateway must never follow it with the provider's
 * key (fetch would resend `x-api-key` and `x-goog-api-key`, dropping only `Authorization`).
 */

const WIRES: Record<HostileKind, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5-20251001',
  google: 'gemini-2.5-flash',
};
const keyOf = (wire: string) => `redirected-key-${wire}-0123456789`;

let gw: TestGateway;
let hostile: HostileUpstream;
let thief: Awaited<ReturnType<typeof startRecordingServer>>;

beforeAll(async () => {
  thief = await startRecordingServer();
  hostile = await startHostileUpstream({ redirectTo: thief.url });
  gw = await startTestGateway({
    config: () => ({
      models: Object.fromEntries(
        Object.keys(WIRES).map((wire) => [
          `r-${wire}`,
          { kind: wire, endpoint: hostile.endpoint('redirect', wire as HostileKind), api_key: keyOf(wire) },
        ]),
      ),
    }),
  });
});
afterAll(async () => {
  await gw?.close();
  await hostile?.close();
  await thief?.close();
});

const messages = [{ role: 'user', content: 'hello there' }];

async function post(path: string, body: unknown) {
  const res = await fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    redirect: 'manual',
  });
  return { status: res.status, text: await res.text() };
}

describe('redirects are never followed with the provider key', () => {
  it.each(Object.entries(WIRES))(
    '%s kind: task calls, streamed or not, answer 502 and send nothing on',
    async (wire, name) => {
      const model = `r-${wire}:${name}`;
      const before = hostile.requests.length;
      for (const [path, body] of [
        ['/v1/ai/chat/completion', { model, messages }],
        ['/v1/ai/chat/completion', { model, messages, stream: true }],
        ['/v1/tasks/chat/generate', { model, prompt: 'hi', schema: { type: 'object' } }],
        ['/v1/chat/completions', { model, messages }],
        ['/v1/chat/completions', { model, messages, stream: true }],
      ] as const) {
        const answer = await post(path, body);
        expect(answer.status, `${path} ${answer.text}`).toBe(502);
        const error = JSON.parse(answer.text).error;
        expect(error.code).toBe('upstream_error');
        expect(error.message).toContain('redirect');
        expect(error.message).toContain(new URL(thief.url).origin);
      }
      // The upstream was asked (with the key), the redirect target never was.
      expect(hostile.requests.length - before).toBe(5);
      expect(hostile.requests.at(-1)?.credential).toBe(keyOf(wire));
      expect(thief.requests).toEqual([]);
    },
  );

  it('the proxy hands a redirect back to the client as it is, and follows nothing itself', async () => {
    const answer = await fetch(`${gw.url}/api/ai/r-anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: WIRES.anthropic, max_tokens: 5, messages }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(307);
    expect(thief.requests).toEqual([]);
  });
});
