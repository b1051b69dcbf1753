import { expect, it } from 'vitest';
import {
  type CallResult,
  callJson,
  describeEachLimitBackend,
  type LimitGateways,
  RUN,
  useLimitGateways,
} from './support/limit-gateways.js';

const HELLO = [{ role: 'user', content: 'hello there' }];
/** A prompt of 30 words, so a call's real cost is a fair share of its worst case. */
const LONGER = [{ role: 'user', content: Array.from({ length: 30 }, (_, n) => `word${n}`).join(' ') }];
/** openai:gpt-4o-mini's prices per 1M tokens (the built-in catalogue's). */
const MINI = { input: 0.15, output: 0.6 };
const MAX_TOKENS = 16;

const LIMITS = {
  [`prd_${RUN}`]: {
    task: 'budget_task',
    usd: 0.001,
    per: 'month',
    on_exceeded: { fallback: 'openai:gpt-4o-mini' },
  },
  [`fb_${RUN}`]: { user: 'u_fb', requests: 10, per: 'hour' },
};
const TASKS = {
  budget_task: { capability: 'chat', default: 'openai:gpt-4o' },
  flaky_task: {
    capability: 'chat',
    default: 'openai:gpt-4o-mini',
    fallbacks: ['anthropic:claude-haiku-4-5-20251001'],
  },
};

async function limitStatus(
  gateways: LimitGateways,
  instance: number,
  name: string,
  token = gateways.adminToken,
) {
  const answer = await callJson(gateways.at(instance), '/v1/limits', token);
  return answer.json.limits.find((entry: { name: string }) => entry.name === name);
}

/** What a served call cost: the task endpoints say; the proxy's answer has OpenAI's usage, at gpt-4o-mini's price. */
function costOf(result: CallResult): number {
  if (typeof result.json.cost === 'number') return result.json.cost;
  const { prompt_tokens, completion_tokens } = result.json.usage;
  return (prompt_tokens * MINI.input + completion_tokens * MINI.output) / 1e6;
}

describeEachLimitBackend('dollar budgets, budget fallbacks and runtime limits', (backend) => {
  const gateways = useLimitGateways(backend, {
    limits: LIMITS,
    tasks: TASKS,
    users: ['u_usd', 'u_fb', 'u_rt', 'u_prd'],
  });

  it('lets 20 concurrent calls against a dollar budget spend at most the budget plus one call', async () => {
    const token = gateways.token('u_usd');
    const taskBody = { messages: LONGER, model: 'openai:gpt-4o-mini', max_tokens: MAX_TOKENS };
    const proxyBody = { messages: LONGER, model: 'gpt-4o-mini', max_tokens: MAX_TOKENS };
    const probe = await callJson(gateways.at(0), '/v1/ai/chat/completion', token, taskBody);
    const real = costOf(probe);
    // The gateway's worst case: every body byte an input token, every allowed output token.
    const bytes = Math.max(JSON.stringify(taskBody).length, JSON.stringify(proxyBody).length);
    const worst = (bytes * MINI.input + MAX_TOKENS * MINI.output) / 1e6;
    const budget = 2 * worst;
    // Without reservations all 20 would pass the check at $0 and spend 20 calls: the test must tell.
    expect(20 * real).toBeGreaterThan(budget + real);
    const name = `usd_${RUN}`;
    const put = await callJson(
      gateways.at(0),
      `/v1/limits/${name}`,
      gateways.adminToken,
      { user: 'u_usd', usd: budget, per: 'day' },
      'PUT',
    );
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    await expect.poll(async () => Boolean(await limitStatus(gateways, 1, name))).toBe(true);

    // Every call waits 150 ms upstream, so all 20 are in flight together.
    gateways.mock.setFault({ mode: 'latency', ms: 150 });
    const before = gateways.mock.requests.length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        n % 2
          ? callJson(gateways.at(n), '/api/ai/openai/chat/completions', token, proxyBody)
          : callJson(gateways.at(n), '/v1/ai/chat/completion', token, taskBody),
      ),
    );
    gateways.mock.clearFaults();
    const served = results.filter((result) => result.status === 200);
    const refused = results.filter((result) => result.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    for (const result of refused) expect(result.json.error.code).toBe('limit_exceeded');
    expect(served.length).toBeGreaterThan(0);
    expect(gateways.mock.requests.length - before, 'refused calls never reach the upstream').toBe(
      served.length,
    );
    const spent = served.reduce((sum, result) => sum + costOf(result), 0);
    const largest = Math.max(...served.map(costOf));
    expect(spent).toBeLessThanOrEqual(budget + largest);
    // Settled to the real cost, reservations released.
    await expect
      .poll(async () => (await limitStatus(gateways, 1, name))?.counters[0]?.reserved)
      .toBeCloseTo(0, 12);
    const settled = (await limitStatus(gateways, 0, name)).counters[0].used;
    expect(settled).toBeCloseTo(spent, 9);
  });

  it("serves a task from its budget's fallback once the budget is used, and the mock sees the cheaper model", async () => {
    const token = gateways.token('u_prd');
    const models: string[] = [];
    let degraded: CallResult | undefined;
    for (let n = 0; n < 30 && !degraded; n++) {
      const before = gateways.mock.requests.length;
      const result = await callJson(gateways.at(n), '/v1/ai/chat/completion?task=budget_task', token, {
        messages: HELLO,
        max_tokens: MAX_TOKENS,
      });
      expect(result.status, JSON.stringify(result.json)).toBe(200);
      const upstream = gateways.mock.requests.slice(before);
      expect(upstream).toHaveLength(1);
      models.push((upstream[0]!.body as { model: string }).model);
      if (result.json.source === 'limit_fallback') degraded = result;
      else
        await expect
          .poll(async () => (await limitStatus(gateways, 0, `prd_${RUN}`)).counters[0].reserved)
          .toBe(0);
    }
    expect(degraded, 'the budget never ran out').toBeDefined();
    expect(models.at(-1)).toBe('gpt-4o-mini');
    expect(new Set(models.slice(0, -1))).toEqual(new Set(['gpt-4o']));
    expect(degraded!.json.model).toBe('openai:gpt-4o-mini');
    expect(degraded!.json.fallback).toMatchObject({
      from: 'openai:gpt-4o',
      attempts: [{ model: 'openai:gpt-4o', code: 'limit_exceeded' }],
    });
    expect(degraded!.headers.get('x-switchboard-source')).toBe('limit_fallback');
    expect(degraded!.headers.get('x-switchboard-model')).toBe('openai:gpt-4o-mini');
    const budget = await limitStatus(gateways, 1, `prd_${RUN}`);
    expect(budget.counters[0].used).toBeLessThanOrEqual(0.001);
  });

  it('counts a fallback attempt as a call like any other', async () => {
    gateways.mock.setFault({ mode: 'server_error', kind: 'openai', times: 1 });
    const result = await callJson(
      gateways.at(0),
      '/v1/ai/chat/completion?task=flaky_task',
      gateways.token('u_fb'),
      {
        messages: HELLO,
      },
    );
    gateways.mock.clearFaults();
    expect(result.status).toBe(200);
    expect(result.json.model).toBe('anthropic:claude-haiku-4-5-20251001');
    expect((await limitStatus(gateways, 1, `fb_${RUN}`, gateways.token('u_fb'))).counters[0].used).toBe(2);
  });

  it('applies a runtime limit on every instance, keeps config limits read-only, and checks what it names', async () => {
    const name = `rt_${RUN}`;
    const put = await callJson(
      gateways.at(0),
      `/v1/limits/${name}`,
      gateways.adminToken,
      { user: 'u_rt', requests: 1, per: 'day' },
      'PUT',
    );
    expect(put.json).toMatchObject({ name, source: 'runtime', applies_to: { user: 'u_rt' }, limit: 1 });
    await expect.poll(async () => Boolean(await limitStatus(gateways, 1, name))).toBe(true);
    const token = gateways.token('u_rt');
    expect(
      (await callJson(gateways.at(1), '/v1/ai/chat/completion', token, { messages: HELLO })).status,
    ).toBe(200);
    const second = await callJson(gateways.at(0), '/v1/ai/chat/completion', token, { messages: HELLO });
    expect(second.json.error).toMatchObject({ code: 'limit_exceeded', details: { limit: name } });

    // A user sees the limits that apply to them, not the others'.
    const mine = await callJson(gateways.at(0), '/v1/limits', token);
    expect(mine.json.time_zone).toBe('UTC');
    expect(mine.json.limits.map((entry: { name: string }) => entry.name)).toEqual([`prd_${RUN}`, name]);

    expect(
      (await callJson(gateways.at(0), `/v1/limits/${name}`, token, { requests: 9, per: 'day' }, 'PUT'))
        .status,
    ).toBe(403);
    const readOnly = await callJson(
      gateways.at(1),
      `/v1/limits/fb_${RUN}`,
      gateways.adminToken,
      undefined,
      'DELETE',
    );
    expect(readOnly.status).toBe(409);
    expect(readOnly.json.error.code).toBe('limit_read_only');
    const unknownTask = await callJson(
      gateways.at(0),
      '/v1/limits/typo',
      gateways.adminToken,
      { task: 'chta', requests: 1, per: 'day' },
      'PUT',
    );
    expect(unknownTask.status).toBe(400);
    expect(unknownTask.json.error.message).toMatch(/unknown task "chta"/);
    const twoMeasures = await callJson(
      gateways.at(0),
      '/v1/limits/typo',
      gateways.adminToken,
      { requests: 1, usd: 1, per: 'day' },
      'PUT',
    );
    expect(twoMeasures.status).toBe(400);

    const deleted = await callJson(
      gateways.at(1),
      `/v1/limits/${name}`,
      gateways.adminToken,
      undefined,
      'DELETE',
    );
    expect(deleted.status).toBe(204);
    await expect.poll(async () => Boolean(await limitStatus(gateways, 0, name))).toBe(false);
    expect(
      (await callJson(gateways.at(0), '/v1/ai/chat/completion', token, { messages: HELLO })).status,
    ).toBe(200);
    expect(
      (await callJson(gateways.at(0), `/v1/limits/${name}`, gateways.adminToken, undefined, 'DELETE')).status,
    ).toBe(404);
  });
});
