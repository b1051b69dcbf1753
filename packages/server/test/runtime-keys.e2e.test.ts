import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MockProviders, startMockProviders } from '../src/mock-providers/index.js';
import { createE2eStorage, describeEachStorage, type E2eStorage } from './support/e2e-storage.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

const RUNTIME_KEY = 'sk-runtime-added-0123456789abcd';
const ROTATED_KEY = 'sk-runtime-rotated-0123456789ef';
const ALICE_KEY = 'sk-alice-own-key-0123456789ghij';
const KEYS = [RUNTIME_KEY, ROTATED_KEY, ALICE_KEY];

/** Every byte the database holds of `table`'s rows (PostgreSQL) or of its files (SQLite: main file and WAL). */
async function databaseBytes(storage: E2eStorage): Promise<string> {
  if (storage.dialect === 'sqlite') {
    const files = (await readdir(storage.folder)).filter((name) => name.startsWith('switchboard.db'));
    const contents = await Promise.all(files.map((name) => readFile(join(storage.folder, name))));
    return Buffer.concat(contents).toString('latin1');
  }
  const client = new pg.Client({ connectionString: storage.url });
  await client.connect();
  try {
    const tables = ['provider_keys', 'user_provider_keys', 'usage_events'];
    const rows = await Promise.all(tables.map((table) => client.query(`select * from ${table}`)));
    return JSON.stringify(rows.map((result) => result.rows));
  } finally {
    await client.end();
  }
}

describeEachStorage('runtime and user provider keys', (dialect) => {
  let storage: E2eStorage;
  let mock: MockProviders;
  // Two instances on PostgreSQL, one on SQLite (one process owns the file).
  let gateways: TestGateway[] = [];
  let alice: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    storage = await createE2eStorage(dialect);
    mock = await startMockProviders({
      apiKeys: { ...UPSTREAM_KEYS, openai: [UPSTREAM_KEYS.openai, RUNTIME_KEY, ROTATED_KEY, ALICE_KEY] },
    });
    const start = () =>
      startTestGateway({
        mock,
        storageUrl: storage.url,
        config: (base) => ({
          auth: { mode: 'token' },
          // Two shared calls a day per user: calls on a user's own key are outside it (no `user_keys: include`).
          limits: { shared: { user: '*', provider: 'openai', requests: 2, per: 'day' } },
          models: {
            defaults: { chat: 'openai:gpt-4o-mini' },
            openai: { endpoint: base('openai'), api_key: UPSTREAM_KEYS.openai, user_keys: 'allow' },
            // No key in the config: unconfigured until one is added at runtime.
            spare: { kind: 'openai', endpoint: base('openai') },
          },
        }),
      });
    gateways.push(await start());
    if (dialect === 'postgres') gateways.push(await start());
    const tokens = gateways[0]!.app.store.tokens;
    alice = (await tokens.create({ userId: 'alice', role: 'user' })).secret;
    bob = (await tokens.create({ userId: 'bob', role: 'user' })).secret;
    admin = (await tokens.create({ userId: 'root', role: 'admin' })).secret;
  });
  afterAll(async () => {
    for (const gw of gateways) await gw.close();
    gateways = [];
    await mock?.close();
    await storage?.dispose();
  });

  const request = (gw: TestGateway, token: string, method: string, path: string, body?: unknown) =>
    fetch(`${gw.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const chat = (gw: TestGateway, token: string, model: string) =>
    request(gw, token, 'POST', '/v1/ai/chat/completion', {
      model,
      messages: [{ role: 'user', content: 'hello keys' }],
    });
  /** Waits until `gw` sees what was written on another instance (PostgreSQL NOTIFY is asynchronous). */
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the change never arrived');
  };
  const expectUnconfigured = async (res: Response) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await res.json()).error.code).toMatch(/^(provider|upstream)_unconfigured$/);
  };
  const spareConfigured = async (gw: TestGateway) => {
    const body = (await (await request(gw, admin, 'GET', '/v1/ai/models')).json()) as {
      providers: Array<{ name: string; configured: boolean }>;
    };
    return body.providers.find((provider) => provider.name === 'spare')?.configured === true;
  };

  it('refuses runtime keys to non-admins and bad input with our error shape', async () => {
    const gw = gateways[0]!;
    const asUser = await request(gw, alice, 'PUT', '/v1/providers/spare/keys/main', { key: RUNTIME_KEY });
    expect(asUser.status).toBe(403);
    const short = await request(gw, admin, 'PUT', '/v1/providers/spare/keys/main', { key: 'short' });
    expect(short.status).toBe(400);
    expect((await short.json()).error).toMatchObject({ code: 'invalid_request' });
    const badLabel = await request(gw, admin, 'PUT', '/v1/providers/spare/keys/has%20space', {
      key: RUNTIME_KEY,
    });
    expect(badLabel.status).toBe(400);
    const unknown = await request(gw, admin, 'PUT', '/v1/providers/nope/keys/main', { key: RUNTIME_KEY });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.code).toBe('unknown_provider');
    const missing = await request(gw, admin, 'DELETE', '/v1/providers/spare/keys/never');
    expect(missing.status).toBe(404);
  });

  it('a key added through the API configures its provider and serves the next call on every instance', async () => {
    for (const gw of gateways) {
      expect(await spareConfigured(gw)).toBe(false);
      await expectUnconfigured(await chat(gw, alice, 'spare:gpt-4o-mini'));
    }
    const put = await request(gateways[0]!, admin, 'PUT', '/v1/providers/spare/keys/main', {
      key: RUNTIME_KEY,
      weight: 2,
    });
    expect(put.status).toBe(200);
    const answer = await put.text();
    expect(answer).not.toContain(RUNTIME_KEY);
    expect(JSON.parse(answer).keys).toEqual([
      { label: 'main', last4: RUNTIME_KEY.slice(-4), weight: 2, source: 'runtime', status: 'ok' },
    ]);
    for (const gw of gateways) {
      await eventually(() => spareConfigured(gw));
      mock.clear();
      const res = await chat(gw, alice, 'spare:gpt-4o-mini');
      expect(res.status).toBe(200);
      expect(mock.requests.map((seen) => seen.apiKey)).toEqual([RUNTIME_KEY]);
    }
  });

  it('a key replaced at runtime serves at once; one removed leaves the provider unconfigured again', async () => {
    const put = await request(gateways.at(-1)!, admin, 'PUT', '/v1/providers/spare/keys/main', {
      key: ROTATED_KEY,
    });
    expect(put.status).toBe(200);
    for (const gw of gateways) {
      await eventually(async () => {
        const listed = await (await request(gw, admin, 'GET', '/v1/providers/spare/keys')).json();
        return listed.keys[0]?.last4 === ROTATED_KEY.slice(-4);
      });
      mock.clear();
      expect((await chat(gw, alice, 'spare:gpt-4o-mini')).status).toBe(200);
      expect(mock.requests.map((seen) => seen.apiKey)).toEqual([ROTATED_KEY]);
    }
    expect((await request(gateways[0]!, admin, 'DELETE', '/v1/providers/spare/keys/main')).status).toBe(200);
    for (const gw of gateways) {
      await eventually(async () => !(await spareConfigured(gw)));
      await expectUnconfigured(await chat(gw, alice, 'spare:gpt-4o-mini'));
    }
  });

  it("a user's own key serves their calls only, and is shown to no one but as its last four", async () => {
    const gw = gateways[0]!;
    const notSelf = await request(gw, admin, 'PUT', '/api/users/alice/provider-keys/openai', {
      key: ALICE_KEY,
    });
    expect(notSelf.status).toBe(403);
    const notAllowed = await request(gw, alice, 'PUT', '/api/users/alice/provider-keys/spare', {
      key: ALICE_KEY,
    });
    expect(notAllowed.status).toBe(403);
    expect((await notAllowed.json()).error.code).toBe('user_keys_not_allowed');
    const put = await request(gw, alice, 'PUT', '/api/users/alice/provider-keys/openai', { key: ALICE_KEY });
    expect(put.status).toBe(200);
    const answer = await put.text();
    expect(answer).not.toContain(ALICE_KEY);
    expect(JSON.parse(answer).keys).toEqual([
      { provider: 'openai', last4: ALICE_KEY.slice(-4), updated_at: expect.any(String) },
    ]);
    expect((await request(gw, bob, 'GET', '/api/users/alice/provider-keys')).status).toBe(403);

    for (const instance of gateways) {
      await eventually(async () => {
        const listed = await (await request(instance, alice, 'GET', '/api/users/alice/provider-keys')).json();
        return listed.keys.length === 1;
      });
      mock.clear();
      // Three calls of alice's on each instance: past the shared limit of two, were they counted.
      expect((await chat(instance, alice, 'openai:gpt-4o-mini')).status).toBe(200);
      expect((await chat(instance, alice, 'openai:gpt-4o-mini')).status).toBe(200);
      expect((await chat(instance, bob, 'openai:gpt-4o-mini')).status).toBe(200);
      // The proxy too.
      const proxied = await request(instance, alice, 'POST', '/api/ai/openai/chat/completions', {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(proxied.status).toBe(200);
      expect(mock.requests.map((seen) => seen.apiKey)).toEqual([
        ALICE_KEY,
        ALICE_KEY,
        UPSTREAM_KEYS.openai,
        ALICE_KEY,
      ]);
    }
    // Bob's shared calls are counted: his third of the day (over both instances on PostgreSQL) is refused.
    const extra = gateways.length === 1 ? [bob, bob] : [bob];
    const answers = [];
    for (const token of extra) answers.push((await chat(gw, token, 'openai:gpt-4o-mini')).status);
    expect(answers.at(-1)).toBe(429);
    // Each instance buffers its own usage: write it all before reading the latest calls.
    for (const instance of gateways) await instance.app.store.usage.flush();
    const calls = await (await request(gateways.at(-1)!, admin, 'GET', '/v1/usage/calls?limit=8')).json();
    const served = (
      calls.calls as Array<{ user: string; key: string; status: string; model: string }>
    ).filter((entry) => entry.status === 'ok' && entry.model.startsWith('openai:'));
    expect(served.length).toBeGreaterThanOrEqual(5);
    for (const entry of served) expect(entry.key).toBe(entry.user === 'alice' ? 'user' : 'default');
    expect(new Set(served.map((entry) => entry.user))).toEqual(new Set(['alice', 'bob']));
    const admins = await (await request(gw, admin, 'GET', '/api/users/alice/provider-keys')).text();
    expect(admins).not.toContain(ALICE_KEY);
    expect(admins).toContain(ALICE_KEY.slice(-4));
  });

  it('the database holds no key in plain text, and no answer or log line holds one', async () => {
    await request(gateways[0]!, admin, 'PUT', '/v1/providers/spare/keys/again', { key: RUNTIME_KEY });
    for (const gw of gateways) await gw.app.store.usage.flush();
    const bytes = await databaseBytes(storage);
    expect(bytes).toContain('again');
    for (const key of KEYS) {
      expect(bytes).not.toContain(key);
      expect(bytes).not.toContain(Buffer.from(key).toString('base64'));
    }
    for (const gw of gateways) {
      const lines = gw.logs.join('\n');
      for (const key of KEYS) expect(lines).not.toContain(key);
      const metrics = await (await request(gw, admin, 'GET', '/metrics')).text();
      for (const key of KEYS) expect(metrics).not.toContain(key);
    }
  });
});
