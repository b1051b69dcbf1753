import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockProviders } from '../src/mock-providers/index.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

const KEY_A = 'sk-pool-key-a-0123456789abcd';
const KEY_B = 'sk-pool-key-b-0123456789efgh';
const KEY_HEAVY = 'sk-pool-heavy-0123456789ijkl';
const KEY_LIGHT = 'sk-pool-light-0123456789mnop';
const KEY_BAD = 'sk-pool-revoked-0123456789qrst';
const KEY_GOOD = 'sk-pool-good-0123456789uvwx';
const ALL_KEYS = [KEY_A, KEY_B, KEY_HEAVY, KEY_LIGHT, KEY_BAD, KEY_GOOD];

let gw: TestGateway;

beforeAll(async () => {
  // The mock takes every pool key but the revoked one, which it answers 401 like the real API.
  const mock = await startMockProviders({
    apiKeys: {
      ...UPSTREAM_KEYS,
      openai: [UPSTREAM_KEYS.openai, KEY_A, KEY_B, KEY_HEAVY, KEY_LIGHT, KEY_GOOD],
    },
  });
  gw = await startTestGateway({
    mock,
    env: { POOL_KEY_A: KEY_A, POOL_KEY_B: KEY_B },
    config: (base) => ({
      models: {
        defaults: { chat: 'pool:gpt-4o-mini' },
        pool: {
          kind: 'openai',
          endpoint: base('openai'),
          // `${POOL_KEY_MISSING}` is unset: that entry is left out and the other two serve.
          api_keys: [{ key: '${POOL_KEY_A}' }, { key: '${POOL_KEY_B}' }, { key: '${POOL_KEY_MISSING}' }],
        },
        weighted: {
          kind: 'openai',
          endpoint: base('openai'),
          api_keys: [
            { key: KEY_HEAVY, weight: 3, label: 'heavy' },
            { key: KEY_LIGHT, label: 'light' },
          ],
        },
        revoked: {
          kind: 'openai',
          endpoint: base('openai'),
          api_keys: [
            { key: KEY_BAD, label: 'old' },
            { key: KEY_GOOD, label: 'new' },
          ],
        },
      },
    }),
  });
});
afterAll(async () => {
  await gw?.close();
  await gw?.mock.close();
});
beforeEach(() => {
  gw.mock.clear();
  gw.mock.clearFaults();
});

const messages = [{ role: 'user', content: 'hello pool' }];

/** One chat call to `provider` through the proxy, the task endpoint or the OpenAI-compatible surface. */
function call(surface: 'proxy' | 'task' | 'unified', provider: string): Promise<Response> {
  const [path, body] =
    surface === 'proxy'
      ? [`/api/ai/${provider}/chat/completions`, { model: 'gpt-4o-mini', messages }]
      : surface === 'task'
        ? ['/v1/ai/chat/completion', { model: `${provider}:gpt-4o-mini`, messages }]
        : ['/v1/chat/completions', { model: `${provider}:gpt-4o-mini`, messages }];
  return fetch(`${gw.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const keysServed = () => gw.mock.requests.map((request) => request.apiKey);
const countOf = (key: string) => keysServed().filter((served) => served === key).length;

async function poolStatus(provider: string) {
  const res = await fetch(`${gw.url}/v1/ai/models/status`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { keys: Record<string, Array<Record<string, unknown>>> };
  return body.keys[provider] ?? [];
}

/** Heals a pool between tests: the keys API puts a fresh key under a label, which clears its state. */
async function resetKey(provider: string, label: string, key: string) {
  const res = await fetch(`${gw.url}/v1/providers/${provider}/keys/${label}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  expect(res.status).toBe(200);
  const removed = await fetch(`${gw.url}/v1/providers/${provider}/keys/${label}`, { method: 'DELETE' });
  expect(removed.status).toBe(200);
}

describe('a pool of two keys where one is rate limited', () => {
  for (const surface of ['proxy', 'task', 'unified'] as const) {
    it(`${surface}: every call succeeds on the other key, and the limited one is cooling`, async () => {
      await resetKey('pool', 'POOL_KEY_A', KEY_A);
      gw.mock.setFault({ mode: 'rate_limit', kind: 'openai', key: KEY_A, retryAfter: 120 });
      for (let i = 0; i < 4; i++) {
        const res = await call(surface, 'pool');
        expect(res.status, await res.clone().text()).toBe(200);
      }
      // Key A answered at most once (its 429, retried on B); after it every call went to B.
      expect(countOf(KEY_A)).toBe(1);
      expect(countOf(KEY_B)).toBe(4);
      const status = await poolStatus('pool');
      const a = status.find((key) => key.label === 'POOL_KEY_A');
      expect(a).toMatchObject({ status: 'cooling', last4: KEY_A.slice(-4), source: 'config' });
      const until = Date.parse(String(a?.until));
      expect(until - Date.now()).toBeGreaterThan(60_000);
      expect(until - Date.now()).toBeLessThanOrEqual(120_000);
      expect(status.find((key) => key.label === 'POOL_KEY_B')).toMatchObject({ status: 'ok' });
      // The unset `${POOL_KEY_MISSING}` is not in the pool at all.
      expect(status.map((key) => key.label).sort()).toEqual(['POOL_KEY_A', 'POOL_KEY_B']);
      expect(JSON.stringify(status)).not.toContain(KEY_A);
    });
  }

  it('records which key served each call in usage', async () => {
    await resetKey('pool', 'POOL_KEY_A', KEY_A);
    gw.mock.setFault({ mode: 'rate_limit', kind: 'openai', key: KEY_A, retryAfter: 120 });
    expect((await call('task', 'pool')).status).toBe(200);
    expect((await call('proxy', 'pool')).status).toBe(200);
    const res = await fetch(`${gw.url}/v1/usage/calls?limit=2`);
    const { calls } = (await res.json()) as { calls: Array<{ key: string | null; status: string }> };
    expect(calls.map((entry) => [entry.key, entry.status])).toEqual([
      ['POOL_KEY_B', 'ok'],
      ['POOL_KEY_B', 'ok'],
    ]);
    const grouped = await fetch(`${gw.url}/v1/usage?group_by=key`);
    const { rows } = (await grouped.json()) as { rows: Array<{ key: string | null; calls: number }> };
    expect(rows.find((row) => row.key === 'pool/POOL_KEY_B')?.calls).toBeGreaterThanOrEqual(2);
  });

  it('passes the 429 through when every key of the pool is rate limited', async () => {
    await resetKey('pool', 'POOL_KEY_A', KEY_A);
    await resetKey('pool', 'POOL_KEY_B', KEY_B);
    gw.mock.setFault({ mode: 'rate_limit', kind: 'openai', retryAfter: 7 });
    const res = await call('proxy', 'pool');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    // One call on each key: the first, then the one retry.
    expect(keysServed().sort()).toEqual([KEY_A, KEY_B].sort());
    await resetKey('pool', 'POOL_KEY_A', KEY_A);
    await resetKey('pool', 'POOL_KEY_B', KEY_B);
  });
});

describe('a key the provider refuses (401)', () => {
  for (const surface of ['proxy', 'task', 'unified'] as const) {
    it(`${surface}: is marked bad and the call is served by the good key`, async () => {
      await resetKey('revoked', 'old', KEY_BAD);
      for (let i = 0; i < 3; i++) expect((await call(surface, 'revoked')).status).toBe(200);
      expect(countOf(KEY_BAD)).toBe(1);
      expect(countOf(KEY_GOOD)).toBe(3);
      const status = await poolStatus('revoked');
      expect(status.find((key) => key.label === 'old')).toMatchObject({
        status: 'bad',
        upstream_status: 401,
        last4: KEY_BAD.slice(-4),
      });
      expect(status.find((key) => key.label === 'new')).toMatchObject({ status: 'ok' });
    });
  }
});

describe('weights', () => {
  it('a 3:1 pool serves three quarters of 1,000 calls with the heavy key', async () => {
    const results = [];
    for (let batch = 0; batch < 50; batch++) {
      results.push(...(await Promise.all(Array.from({ length: 20 }, () => call('proxy', 'weighted')))));
    }
    expect(results.every((res) => res.status === 200)).toBe(true);
    await Promise.all(results.map((res) => res.arrayBuffer()));
    const heavy = countOf(KEY_HEAVY);
    const light = countOf(KEY_LIGHT);
    expect(heavy + light).toBe(1000);
    // Smooth weighted round-robin is exact to a call or two; a random draw would be 750 +- 14 (one sigma).
    // Within 3 percentage points either way, whatever picked.
    expect(heavy).toBeGreaterThanOrEqual(720);
    expect(heavy).toBeLessThanOrEqual(780);
  });
});

describe('no key in any answer or log', () => {
  it('the status, the keys API and the log lines hold labels and last fours only', async () => {
    const status = await (await fetch(`${gw.url}/v1/ai/models/status`)).text();
    const listed = await (await fetch(`${gw.url}/v1/providers/pool/keys`)).text();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    for (const key of ALL_KEYS) {
      expect(status).not.toContain(key);
      expect(listed).not.toContain(key);
      expect(metrics).not.toContain(key);
      expect(gw.logs.join('\n')).not.toContain(key);
    }
    expect(listed).toContain(KEY_A.slice(-4));
  });
});
