import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockProviders, startMockProviders } from '../src/mock-providers/index.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

const ALICE_KEY = 'sk-alice-own-byok-0123456789abcd';
const CAROL_KEY = 'sk-carol-own-byok-0123456789efgh';
const DAVE_KEY = 'sk-dave-own-byok-01234567890ijkl';
const HELLO = [{ role: 'user', content: 'hello own key' }];

/** A provider with no shared key at all, only `user_keys: allow`: callable by who stored their own key. */
describe('a provider served only by users’ own keys', () => {
  let mock: MockProviders;
  let gw: TestGateway;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    mock = await startMockProviders({
      apiKeys: { ...UPSTREAM_KEYS, openai: [UPSTREAM_KEYS.openai, ALICE_KEY, CAROL_KEY, DAVE_KEY] },
    });
    gw = await startTestGateway({
      mock,
      config: (base) => ({
        auth: { mode: 'token' },
        limits: {
          // Own-key calls counted only where a rule says so: carol's is, dave's (the default) is not.
          carol_byok: { user: 'carol', provider: 'byok', requests: 2, per: 'day', user_keys: 'include' },
          dave_byok: { user: 'dave', provider: 'byok', requests: 2, per: 'day' },
        },
        models: {
          defaults: { chat: 'openai:gpt-4o-mini' },
          openai: { endpoint: base('openai'), api_key: UPSTREAM_KEYS.openai },
          byok: { kind: 'openai', endpoint: base('openai'), user_keys: 'allow' },
        },
      }),
    });
    for (const user of ['alice', 'bob', 'carol', 'dave']) {
      tokens[user] = (await gw.app.store.tokens.create({ userId: user, role: 'user' })).secret;
    }
    tokens.root = (await gw.app.store.tokens.create({ userId: 'root', role: 'admin' })).secret;
  });
  afterAll(async () => {
    await gw?.close();
    await mock?.close();
  });

  const request = (user: string, method: string, path: string, body?: unknown) =>
    fetch(`${gw.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const storeKey = async (user: string, key: string) =>
    expect((await request(user, 'PUT', `/api/users/${user}/provider-keys/byok`, { key })).status).toBe(200);
  /** One call on each surface: a task endpoint, the three unified surfaces and the proxy. */
  const surfaces: Array<[string, (user: string) => Promise<Response>]> = [
    [
      'task',
      (user) =>
        request(user, 'POST', '/v1/ai/chat/completion', { model: 'byok:gpt-4o-mini', messages: HELLO }),
    ],
    [
      'chat completions',
      (user) => request(user, 'POST', '/v1/chat/completions', { model: 'byok:gpt-4o-mini', messages: HELLO }),
    ],
    [
      'responses',
      (user) => request(user, 'POST', '/v1/responses', { model: 'byok:gpt-4o-mini', input: 'hello own key' }),
    ],
    [
      'messages',
      (user) =>
        request(user, 'POST', '/v1/messages', {
          model: 'byok:gpt-4o-mini',
          max_tokens: 20,
          messages: HELLO,
        }),
    ],
    [
      'proxy',
      (user) =>
        request(user, 'POST', '/api/ai/byok/chat/completions', { model: 'gpt-4o-mini', messages: HELLO }),
    ],
  ];
  const expectUnconfigured = async (res: Response) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: expect.stringMatching(/^(provider|upstream)_unconfigured$/) });
    expect(body.error.message).toEqual(expect.any(String));
  };

  it('refuses everyone while nobody holds a key for it', async () => {
    for (const [, call] of surfaces) await expectUnconfigured(await call('alice'));
    expect(mock.requests).toEqual([]);
  });

  it("serves alice's calls on every surface with her key, and refuses bob's as unconfigured", async () => {
    await storeKey('alice', ALICE_KEY);
    for (const [name, call] of surfaces) {
      mock.clear();
      const res = await call('alice');
      expect(res.status, name).toBe(200);
      expect(
        mock.requests.map((seen) => seen.apiKey),
        name,
      ).toEqual([ALICE_KEY]);
      mock.clear();
      await expectUnconfigured(await call('bob'));
      expect(mock.requests, name).toEqual([]);
    }
    const resolved = await request('alice', 'GET', '/v1/ai/resolve?task=chat&model=byok:gpt-4o-mini');
    expect(await resolved.json()).toMatchObject({ model: 'byok:gpt-4o-mini', user: 'alice', usable: true });
    await expectUnconfigured(await request('bob', 'GET', '/v1/ai/resolve?task=chat&model=byok:gpt-4o-mini'));
    await gw.app.store.usage.flush();
    const calls = await (await request('root', 'GET', '/v1/usage/calls?limit=50')).json();
    const served = (
      calls.calls as Array<{ user: string; key: string; status: string; model: string }>
    ).filter((entry) => entry.status === 'ok' && entry.model.startsWith('byok:'));
    // The proxy's call is recorded too, with or without the model name read from the body.
    expect(served.length).toBeGreaterThanOrEqual(4);
    for (const entry of served) expect(entry).toMatchObject({ user: 'alice', key: 'user' });
  });

  it("accepts alice's preference for its model and refuses bob's; her resolution is never bob's", async () => {
    const choice = { id: 'byok:gpt-4o-mini' };
    const mine = await request('alice', 'PUT', '/api/users/alice/model-preferences/chat', choice);
    expect(mine.status).toBe(200);
    expect((await mine.json()).tasks.chat).toMatchObject({ id: 'byok:gpt-4o-mini', source: 'preference' });
    const bobs = await request('bob', 'PUT', '/api/users/bob/model-preferences/chat', choice);
    expect(bobs.status).toBe(400);
    expect((await bobs.json()).error.code).toBe('provider_unconfigured');
    const bulk = await request('bob', 'PUT', '/api/users/bob/model-preferences', { tasks: { chat: choice } });
    expect(bulk.status).toBe(400);

    mock.clear();
    const task = (user: string) => request(user, 'POST', '/v1/ai/chat/completion', { messages: HELLO });
    expect((await task('alice')).status).toBe(200);
    expect((await task('bob')).status).toBe(200);
    expect((await task('alice')).status).toBe(200);
    // Alice's preference, with her key; bob the default, with the shared key.
    expect(
      mock.requests.map((seen) => [seen.apiKey, (seen.body as { model?: string } | undefined)?.model]),
    ).toEqual([
      [ALICE_KEY, 'gpt-4o-mini'],
      [UPSTREAM_KEYS.openai, 'gpt-4o-mini'],
      [ALICE_KEY, 'gpt-4o-mini'],
    ]);

    // Her key removed, her (cached) preference no longer finds a key: refused, never served another way.
    expect((await request('alice', 'DELETE', '/api/users/alice/provider-keys/byok')).status).toBe(200);
    mock.clear();
    const after = await task('alice');
    // Her choice resolves (it is hers), the call finds no key: the server's 503, as for any keyless provider.
    expect(after.status).toBe(503);
    expect((await after.json()).error.code).toBe('upstream_unconfigured');
    expect(mock.requests).toEqual([]);
  });

  it('counts own-key calls under a rule with user_keys: include, and only there', async () => {
    await storeKey('carol', CAROL_KEY);
    await storeKey('dave', DAVE_KEY);
    const call = surfaces[0]![1];
    const statuses = async (user: string) => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) out.push((await call(user)).status);
      return out;
    };
    mock.clear();
    const carol = await statuses('carol');
    expect(carol).toEqual([200, 200, 429]);
    const refused = await call('carol');
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatchObject({ code: 'limit_exceeded' });
    // Dave's rule leaves own-key calls out (the default): his third call is served.
    expect(await statuses('dave')).toEqual([200, 200, 200]);
    expect(mock.requests.map((seen) => seen.apiKey)).toEqual([
      CAROL_KEY,
      CAROL_KEY,
      DAVE_KEY,
      DAVE_KEY,
      DAVE_KEY,
    ]);
  });
});
