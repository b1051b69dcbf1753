import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    config: () => ({
      auth: { rate_limit: { max: 6, time_window_ms: 60_000 } },
      tasks: {
        prd_generation: { default: 'compat:acme/chat-1', fallbacks: ['anthropic:claude-haiku-4-5-20251001'] },
      },
    }),
  });
});
afterAll(async () => gw?.close());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** `/metrics` in Prometheus' text format, one sample a line. */
async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [label[1], label[2]]),
    );
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return { text, samples };
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
  );
  return found.reduce((sum, sample) => sum + sample.value, 0);
}

function post(path: string, body: unknown) {
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const HAIKU = 'anthropic:claude-haiku-4-5-20251001';

describe('gateway metrics on /metrics', () => {
  it('counts a task call that fell back: the call, its tokens and cost, the fallback and the upstream error', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'server_error', kind: 'compat', times: 1 });
    const res = await post('/v1/tasks/prd_generation/generate', { prompt: 'write a PRD' });
    expect(res.status).toBe(200);
    const body = await res.json();
    const { samples } = await scrape();
    const call = { task: 'prd_generation', model: HAIKU, provider: 'anthropic' };
    expect(value(samples, 'switchboard_gateway_calls_total', { ...call, status: 'ok' })).toBe(1);
    expect(value(samples, 'switchboard_gateway_call_duration_seconds_count', { ...call, status: 'ok' })).toBe(
      1,
    );
    expect(value(samples, 'switchboard_gateway_tokens_total', { ...call, type: 'input' })).toBe(
      body.usage.input_tokens,
    );
    expect(value(samples, 'switchboard_gateway_tokens_total', { ...call, type: 'output' })).toBe(
      body.usage.output_tokens,
    );
    expect(body.cost).toBeGreaterThan(0);
    expect(value(samples, 'switchboard_gateway_cost_usd_total', call)).toBeCloseTo(body.cost, 12);
    expect(
      value(samples, 'switchboard_gateway_fallbacks_total', {
        task: 'prd_generation',
        from: 'compat:acme/chat-1',
        to: HAIKU,
      }),
    ).toBe(1);
    expect(
      value(samples, 'switchboard_gateway_upstream_errors_total', {
        provider: 'compat',
        model: 'compat:acme/chat-1',
        code: 'upstream_error',
      }),
    ).toBe(1);
    expect(
      value(samples, 'switchboard_gateway_overhead_seconds_count', { endpoint: '/v1/tasks/:task/generate' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('observes the time to first token of a stream, on the task path and on the proxy', async () => {
    const before = value((await scrape()).samples, 'switchboard_gateway_time_to_first_token_seconds_count', {
      model: 'openai:gpt-4o-mini',
    });
    const task = await post('/v1/ai/chat/completion', {
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await task.text();
    const proxied = await post('/api/ai/openai/chat/completions', {
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    await proxied.text();
    const { samples } = await scrape();
    const firstToken = 'switchboard_gateway_time_to_first_token_seconds_count';
    expect(
      value(samples, firstToken, { task: 'chat', model: 'openai:gpt-4o-mini', provider: 'openai' }),
    ).toBe(1);
    expect(
      value(samples, firstToken, { task: 'none', model: 'openai:gpt-4o-mini', provider: 'openai' }),
    ).toBe(1);
    expect(value(samples, firstToken, { model: 'openai:gpt-4o-mini' }) - before).toBe(2);
  });

  it('never makes a label of a model name the caller made up, nor of a key', async () => {
    const res = await post('/api/ai/openai/chat/completions', {
      model: 'made-up-model-4417',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await res.text();
    const { text, samples } = await scrape();
    expect(text).not.toContain('made-up-model-4417');
    expect(value(samples, 'switchboard_gateway_calls_total', { task: 'none', model: 'unregistered' })).toBe(
      1,
    );
    for (const key of Object.values(UPSTREAM_KEYS)) expect(text).not.toContain(key);
  });

  it('counts calls refused by a limit, by limit', async () => {
    let status = 200;
    for (let i = 0; i < 10 && status !== 429; i++) {
      status = (await fetch(`${gw.url}/v1/ai/resolve?task=chat`)).status;
    }
    expect(status).toBe(429);
    const { samples } = await scrape();
    expect(value(samples, 'switchboard_gateway_limit_refusals_total', { limit: 'auth.rate_limit' })).toBe(1);
  });
});

describe('the Grafana dashboard', () => {
  it('queries only series the gateway exports', async () => {
    const dashboard = JSON.parse(await readFile(join(REPO_ROOT, 'docs/grafana/switchboard.json'), 'utf8'));
    const expressions: string[] = dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) =>
      panel.targets.map((target) => target.expr),
    );
    const used = new Set(expressions.flatMap((expr) => expr.match(/switchboard_[a-z_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(8);
    const { text } = await scrape();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => match[1]));
    for (const name of used) {
      const base = name.replace(/_(bucket|count|sum)$/, '');
      expect(exported, name).toContain(base);
    }
  });
});
