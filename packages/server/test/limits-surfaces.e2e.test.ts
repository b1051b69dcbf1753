import { expect, it } from 'vitest';
import {
  type CallResult,
  callJson,
  chatOverWebSocket,
  describeEachLimitBackend,
  type LimitGateways,
  RUN,
  useLimitGateways,
} from './support/limit-gateways.js';
import type { TestGateway } from './support/start-test-gateway.js';

const HELLO = [{ role: 'user', content: 'hello there' }];
const HOUR = 3_600_000;

/** Every surface that calls upstream through the gateway, each as one call. */
const SURFACES: Array<[string, (gateway: TestGateway, token: string) => Promise<CallResult>]> = [
  [
    'the proxy',
    (gateway, token) =>
      callJson(gateway, '/api/ai/openai/chat/completions', token, {
        model: 'gpt-4o-mini',
        messages: HELLO,
        max_tokens: 20,
      }),
  ],
  [
    'a task endpoint',
    (gateway, token) => callJson(gateway, '/v1/ai/chat/completion', token, { messages: HELLO }),
  ],
  [
    'a streamed task endpoint',
    (gateway, token) => callJson(gateway, '/v1/ai/chat/completion', token, { messages: HELLO, stream: true }),
  ],
  ['generate', (gateway, token) => callJson(gateway, '/v1/tasks/chat/generate', token, { prompt: 'hello' })],
  ['IR', (gateway, token) => callJson(gateway, '/v1/ir/build', token, { question: 'orders per day' })],
  ['SQL', (gateway, token) => callJson(gateway, '/v1/sql', token, { question: 'orders', dialect: 'sqlite' })],
  [
    'Chat Completions passed through',
    (gateway, token) =>
      callJson(gateway, '/v1/chat/completions', token, { model: 'openai:gpt-4o-mini', messages: HELLO }),
  ],
  [
    'Chat Completions translated',
    (gateway, token) =>
      callJson(gateway, '/v1/chat/completions', token, {
        model: 'anthropic:claude-haiku-4-5-20251001',
        messages: HELLO,
      }),
  ],
  [
    'Chat Completions streamed',
    (gateway, token) =>
      callJson(gateway, '/v1/chat/completions', token, {
        model: 'openai:gpt-4o-mini',
        messages: HELLO,
        stream: true,
      }),
  ],
  [
    'Responses passed through',
    (gateway, token) =>
      callJson(gateway, '/v1/responses', token, { model: 'openai:gpt-4o-mini', input: 'hello there' }),
  ],
  [
    'Responses translated',
    (gateway, token) =>
      callJson(gateway, '/v1/responses', token, {
        model: 'anthropic:claude-haiku-4-5-20251001',
        input: 'hello there',
      }),
  ],
  [
    'Messages passed through',
    (gateway, token) =>
      callJson(gateway, '/v1/messages', token, {
        model: 'anthropic:claude-haiku-4-5-20251001',
        max_tokens: 20,
        messages: HELLO,
      }),
  ],
  [
    'Messages translated and streamed',
    (gateway, token) =>
      callJson(gateway, '/v1/messages', token, {
        model: 'openai:gpt-4o-mini',
        max_tokens: 20,
        messages: HELLO,
        stream: true,
      }),
  ],
  [
    'embeddings',
    (gateway, token) =>
      callJson(gateway, '/v1/embeddings', token, { model: 'openai:text-embedding-3-small', input: 'hello' }),
  ],
  [
    'the WebSocket chat',
    async (gateway, token) => {
      const frame = await chatOverWebSocket(gateway, token, { messages: HELLO });
      return {
        status: frame.type === 'done' ? 200 : 429,
        headers: new Headers(),
        json: frame.type === 'error' ? { error: frame.error } : frame,
      };
    },
  ],
];

const LIMITS = {
  [`three_${RUN}`]: { user: 'u_three', requests: 3, per: 'hour' },
  [`surfaces_${RUN}`]: { user: 'u_surf', requests: SURFACES.length, per: 'day' },
  [`tokens_${RUN}`]: { user: 'u_tok', tokens: 60, per: 'minute' },
  [`unpriced_${RUN}`]: { user: 'u_unp', usd: 1, per: 'day' },
  [`unpriced_ok_${RUN}`]: { user: 'u_unp_ok', usd: 1, per: 'day', on_unpriced: 'allow' },
};

function expectRefused(result: CallResult, limit: string, measure = 'requests') {
  expect(result.status, JSON.stringify(result.json)).toBe(429);
  expect(result.json.error.code).toBe('limit_exceeded');
  expect(result.json.error.details).toMatchObject({ limit, measure });
}

async function usedOf(gateways: LimitGateways, user: string, limit: string): Promise<number> {
  const answer = await callJson(gateways.at(0), '/v1/limits', gateways.token(user));
  const rule = answer.json.limits.find((entry: { name: string }) => entry.name === limit);
  return rule?.counters[0]?.used ?? 0;
}

describeEachLimitBackend('limits on every surface', (backend) => {
  const gateways = useLimitGateways(backend, {
    limits: LIMITS,
    users: ['u_three', 'u_surf', 'u_tok', 'u_unp', 'u_unp_ok'],
  });

  it('refuses the 4th call past a limit of 3 on either instance, with the rule and the headers SDKs read', async () => {
    const token = gateways.token('u_three');
    const limit = `three_${RUN}`;
    const windowEnd = new Date((Math.floor(gateways.clock.now() / HOUR) + 1) * HOUR).toISOString();
    for (const [n, [name, call]] of [SURFACES[0]!, SURFACES[1]!, SURFACES.at(-1)!].entries()) {
      expect((await call(gateways.at(n), token)).status, name).toBe(200);
    }
    const fourth = await SURFACES[6]![1](gateways.at(3), token);
    expectRefused(fourth, limit);
    expect(fourth.json.error.details).toEqual({
      limit,
      measure: 'requests',
      window: 'hour',
      used: 3,
      limit_value: 3,
      resets_at: windowEnd,
    });
    expect(fourth.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(fourth.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(fourth.headers.get('x-ratelimit-reset-requests')).toBe('1h0m0s');
    expect(fourth.headers.get('retry-after')).toBe('3600');
    // The other instance refuses too, on the proxy as on the WebSocket.
    expectRefused(await SURFACES[0]![1](gateways.at(4), token), limit);
    const ws = await SURFACES.at(-1)![1](gateways.at(5), token);
    expect(ws.json.error).toMatchObject({ code: 'limit_exceeded', details: { limit } });
  });

  it('rolls the window over when the clock passes the hour (UTC calendar), without a sleep', async () => {
    const token = gateways.token('u_three');
    expectRefused(await SURFACES[1]![1](gateways.at(0), token), `three_${RUN}`);
    gateways.clock.advance(HOUR);
    expect((await SURFACES[1]![1](gateways.at(0), token)).status).toBe(200);
    expect((await SURFACES[0]![1](gateways.at(1), token)).status).toBe(200);
  });

  it('counts every surface, and refuses every surface once the limit is used', async () => {
    const token = gateways.token('u_surf');
    for (const [n, [name, call]] of SURFACES.entries()) {
      const result = await call(gateways.at(n), token);
      expect(result.status, `${name}: ${JSON.stringify(result.json)}`).toBe(200);
    }
    for (const [n, [name, call]] of SURFACES.entries()) {
      const result = await call(gateways.at(n + 1), token);
      expect(result.json?.error?.code, name).toBe('limit_exceeded');
    }
    const before = gateways.mock.requests.length;
    await SURFACES[0]![1](gateways.at(0), token);
    expect(gateways.mock.requests.length, 'a refused call never reaches the upstream').toBe(before);
  });

  it('counts input and output tokens from what each call reported, and refuses once they are used', async () => {
    const token = gateways.token('u_tok');
    const limit = `tokens_${RUN}`;
    let reported = 0;
    let refused: CallResult | undefined;
    for (let n = 0; n < 40 && !refused; n++) {
      const [, call] = SURFACES[n % 2]!;
      const result = await call(gateways.at(n), token);
      if (result.status === 429) refused = result;
      else {
        expect(result.status).toBe(200);
        const usage = result.json.usage;
        reported += usage.input_tokens ?? usage.prompt_tokens;
        reported += usage.output_tokens ?? usage.completion_tokens;
        // Settlement is written after the answer: wait for it, so the next call sees it.
        await expect.poll(() => usedOf(gateways, 'u_tok', limit)).toBe(reported);
      }
    }
    expect(refused, 'the token limit never refused').toBeDefined();
    expectRefused(refused!, limit, 'tokens');
    expect(reported).toBeGreaterThanOrEqual(60);
    expect(refused!.headers.get('x-ratelimit-limit-tokens')).toBe('60');
  });

  it('refuses a model without a price under a dollar limit, unless the rule allows it', async () => {
    const before = gateways.mock.requests.length;
    // A model the upstream serves but the registry has no price for.
    const unpriced = { messages: HELLO, model: 'compat:mock/chat-small' };
    const task = await callJson(gateways.at(0), '/v1/ai/chat/completion', gateways.token('u_unp'), unpriced);
    expect(task.status).toBe(400);
    expect(task.json.error).toMatchObject({ code: 'unpriced_model', details: { limit: `unpriced_${RUN}` } });
    expect(task.json.error.message).toMatch(/on_unpriced: allow/);
    const proxied = await callJson(
      gateways.at(1),
      '/api/ai/openai/chat/completions',
      gateways.token('u_unp'),
      {
        model: 'gpt-unpriced-x',
        messages: HELLO,
      },
    );
    expect(proxied.json.error.code).toBe('unpriced_model');
    expect(gateways.mock.requests.length).toBe(before);
    const allowed = await callJson(
      gateways.at(0),
      '/v1/ai/chat/completion',
      gateways.token('u_unp_ok'),
      unpriced,
    );
    expect(allowed.status).toBe(200);
  });

  it('exports refusals, used and remaining per rule as metrics', async () => {
    const limit = `three_${RUN}`;
    let refusals = 0;
    for (const instance of gateways.instances) {
      const text = await (await fetch(`${instance.url}/metrics`)).text();
      const match = new RegExp(`switchboard_limit_refusals_total\\{limit="${limit}"\\} (\\d+)`).exec(text);
      refusals += Number(match?.[1] ?? 0);
      expect(text).toMatch(new RegExp(`switchboard_limit_used\\{limit="${limit}"\\} 2`));
      expect(text).toMatch(new RegExp(`switchboard_limit_remaining\\{limit="${limit}"\\} 1`));
    }
    expect(refusals).toBe(4);
  });
});
