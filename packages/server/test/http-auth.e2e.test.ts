import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSwitchboardClient, SwitchboardApiError } from '@switchboard/client';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { writeE2eConfig } from './support/e2e-config.js';
import { createCliToken, sendRawRequest, useE2eSetup } from './support/e2e-setup.js';
import { describeEachStorage } from './support/e2e-storage.js';
import { type FailedStart, startCliServer } from './support/start-cli-server.js';

/** Awaits a call that must fail and answers the typed error. */
async function apiError(call: Promise<unknown>): Promise<SwitchboardApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!SwitchboardApiError.isInstance(error))
    throw new Error(`expected a SwitchboardApiError, got ${String(error)}`);
  return error;
}

describeEachStorage('auth.mode: token', (dialect) => {
  const setup = useE2eSetup({ dialect, auth: 'token' });

  it('answers 401 without a token, saying how to get one', async () => {
    for (const path of ['/v1/ai/models', '/v1/ai/resolve?task=chat', '/api/users/alice/model-preferences']) {
      const response = await setup.request(path, { as: 'anonymous' });
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('unauthorized');
      expect(response.json.error.message).toMatch(
        /Missing token: send "Authorization: Bearer <token>" .*switchboard tokens create --user/,
      );
    }
  });

  it.each([
    ['authorization', 'Bearer sb_not-a-real-token'],
    ['x-api-key', 'sb_not-a-real-token'],
    ['x-goog-api-key', 'sb_not-a-real-token'],
  ])('answers 401 to an unknown token in %s', async (header, value) => {
    const response = await setup.request('/v1/ai/models', { as: 'anonymous', headers: { [header]: value } });
    expect(response.status).toBe(401);
    expect(response.json.error).toMatchObject({ code: 'unauthorized', message: 'Unknown or revoked token.' });
  });

  it.each(['x-api-key', 'x-goog-api-key'])(
    'accepts a token in %s, as SDKs pointed at the proxy send it',
    async (header) => {
      const response = await setup.request('/api/users/alice/model-preferences', {
        as: 'anonymous',
        headers: { [header]: setup.tokens.alice.secret },
      });
      expect(response.status).toBe(200);
    },
  );

  it('serves the public routes without a token', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      expect((await setup.request(path, { as: 'anonymous' })).status).toBe(200);
    }
  });

  it('lets a user read and write their own preferences and resolve for themselves', async () => {
    const alice = setup.client('alice');
    await expect(alice.listModels()).resolves.toMatchObject({ defaults: { chat: 'openai:gpt-4o-mini' } });
    const written = await alice.putPreference('alice', 'chat', { id: 'ollama:llama3:latest' });
    expect(written.preferences.userId).toBe('alice');
    await expect(alice.resolve({ task: 'chat' })).resolves.toMatchObject({
      user: 'alice',
      model: 'ollama:llama3:latest',
      source: 'preference',
    });
  });

  it("answers 403 when a user reads or writes another user's preferences", async () => {
    const alice = setup.client('alice');
    const calls = [
      () => alice.getPreferences('bob'),
      () => alice.putPreferences('bob', { chat: { id: 'ollama:llama3:latest' } }),
      () => alice.putPreference('bob', 'chat', { id: 'ollama:llama3:latest' }),
      () => alice.resetPreference('bob', 'chat'),
      () => alice.resolve({ task: 'chat', user: 'bob' }),
    ];
    for (const call of calls) {
      const error = await apiError(call());
      expect(error).toMatchObject({
        status: 403,
        code: 'forbidden',
        details: { user: 'alice', requested_user: 'bob' },
      });
      expect(error.message).toBe('You may read and change only your own preferences (you are "alice").');
    }
    expect((await setup.client('bob').getPreferences('bob')).etag).toBe('"0"');
  });

  it('answers 403 when a user sets or clears a runtime default', async () => {
    const alice = setup.client('alice');
    const calls = [
      () => alice.setPrimary({ task: 'chat', model: 'ollama:llama3:latest' }),
      () => alice.clearPrimary({ task: 'chat' }),
    ];
    for (const call of calls) {
      const error = await apiError(call());
      expect(error).toMatchObject({ status: 403, code: 'forbidden' });
      expect(error.message).toMatch(/needs an admin token \(switchboard tokens create --user <id> --admin\)/);
    }
    await expect(alice.resolve({ task: 'chat', model: 'openai:gpt-4o-mini' })).resolves.toMatchObject({
      source: 'override',
    });
  });

  it("lets an admin read and write anyone's preferences and set runtime defaults", async () => {
    const admin = setup.client('admin');
    const written = await admin.putPreference('bob', 'sql', { id: 'ollama:sqlcoder:7b' });
    expect(written.preferences).toMatchObject({ userId: 'bob', version: 1 });
    await expect(setup.client('bob').getPreferences('bob')).resolves.toMatchObject({ etag: '"1"' });
    await expect(admin.resolve({ task: 'sql', user: 'bob' })).resolves.toMatchObject({
      user: 'bob',
      source: 'preference',
    });
    await admin.setPrimary({ task: 'chat', model: 'ollama:llama3:latest' });
    await expect(setup.client('bob').resolve({ task: 'chat' })).resolves.toMatchObject({
      source: 'runtime_default',
    });
    await admin.clearPrimary({ task: 'chat' });
  });

  it('refuses a token at once after `switchboard tokens revoke`', async () => {
    const token = await createCliToken(setup.configFile, 'mallory');
    const mallory = createSwitchboardClient({ baseURL: setup.url, token: token.secret });
    await expect(mallory.getPreferences('mallory')).resolves.toMatchObject({ etag: '"0"' });

    const revoked = await runCli(['tokens', 'revoke', '--config', setup.configFile, token.id]);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${token.id}\n` });

    const error = await apiError(mallory.getPreferences('mallory'));
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', message: 'Unknown or revoked token.' });
    const listed = await runCli([
      'tokens',
      'list',
      '--config',
      setup.configFile,
      '--user',
      'mallory',
      '--json',
    ]);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: token.id, revokedAt: expect.any(String) }),
    ]);
  });
});

describeEachStorage('auth.rate_limit', (dialect) => {
  const setup = useE2eSetup({ dialect, auth: 'token', rateLimit: 5 });

  it('answers 429 rate_limited past the limit, per token, and never limits the public routes', async () => {
    const alice = setup.client('alice');
    for (let index = 0; index < 5; index++) await alice.getPreferences('alice');
    const limited = await setup.request('/api/users/alice/model-preferences', { as: 'alice' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.json.error).toMatchObject({ code: 'rate_limited', details: { limit: 5 } });
    expect(limited.json.error.message).toMatch(
      /^Rate limit of 5 requests per window exceeded; retry in .+ \(auth\.rate_limit/,
    );
    const viaClient = await apiError(alice.listModels());
    expect(viaClient).toMatchObject({ status: 429, code: 'rate_limited' });

    // Another token has its own budget; health and metrics are never limited.
    await expect(setup.client('bob').getPreferences('bob')).resolves.toMatchObject({ etag: '"0"' });
    for (let index = 0; index < 7; index++)
      expect((await setup.request('/healthz', { as: 'alice' })).status).toBe(200);
  });
});

describe('auth.mode: local', () => {
  const setup = useE2eSetup({ dialect: 'sqlite', auth: 'local' });

  it('treats every loopback caller as the admin `local`, whatever token it sends', async () => {
    await expect(setup.client().resolve({ task: 'chat' })).resolves.toMatchObject({ user: 'local' });
    const withJunk = await setup.request('/v1/ai/resolve?task=chat', {
      headers: { authorization: 'Bearer junk' },
    });
    expect(withJunk.status).toBe(200);
    expect(withJunk.json.user).toBe('local');
    await expect(setup.client().getPreferences('someone-else')).resolves.toMatchObject({ etag: '"0"' });
  });

  it.each([
    ['server.host: 0.0.0.0', { host: '0.0.0.0' }, ['--port', '0']],
    ['--host 0.0.0.0', {}, ['--port', '0', '--host', '0.0.0.0']],
  ])('refuses to start on %s, exit 1, saying how to switch', async (_what, config, args) => {
    const folder = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
    try {
      const configFile = await writeE2eConfig(folder, {
        storageUrl: `sqlite:${join(folder, 'switchboard.db')}`,
        auth: 'local',
        ...config,
      });
      const failure = await startCliServer({ configFile, args }).then(
        async (server) => {
          await server.stop();
          throw new Error('the server started on 0.0.0.0 in local mode');
        },
        (error: { failure?: FailedStart }) => error.failure,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(
        /^error: (Invalid configuration \(1 problem\):\n.*server\.host: )?Refusing to listen on 0\.0\.0\.0 with auth\.mode: local.*Listen on 127\.0\.0\.1 \(server\.host\), or set auth\.mode: token/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('still answers a raw request from a non-browser client', async () => {
    const response = await sendRawRequest(`${setup.url}/v1/ai/models`);
    expect(response.status).toBe(200);
  });
});
