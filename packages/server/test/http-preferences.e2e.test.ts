import { SwitchboardApiError } from '@switchboard/client';
import { BUILT_IN_TASK_NAMES, preferencesResponseSchema } from '@switchboard/core';
import { expect, it } from 'vitest';
import { E2E_BODY_LIMIT_BYTES } from './support/e2e-config.js';
import { describeEachSetup } from './support/e2e-setup.js';
import { countRows } from './support/e2e-storage.js';

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

const path = (user: string, task?: string) => `/api/users/${user}/model-preferences${task ? `/${task}` : ''}`;

describeEachSetup('/api/users/:user_id/model-preferences', (setup) => {
  it('GET of a user who never chose: every task with its default, version 0, ETag "0", and nothing written', async () => {
    const response = await setup.request(path('carol'));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"0"');
    const preferences = preferencesResponseSchema.parse(response.json);
    expect(preferences).toMatchObject({ userId: 'carol', updatedAt: null, version: 0 });
    expect(Object.keys(preferences.tasks)).toEqual(expect.arrayContaining([...BUILT_IN_TASK_NAMES]));
    expect(preferences.tasks.chat).toEqual({
      id: 'openai:gpt-4o-mini',
      provider: 'openai',
      model: 'gpt-4o-mini',
      source: 'config_default',
      updatedAt: null,
    });
    expect(preferences.tasks.embeddings).toMatchObject({ id: null, source: 'none' });

    const again = await setup.client().getPreferences('carol');
    expect(again).toEqual({ preferences, etag: '"0"' });
    // A GET never writes: no user row, no preference row, behind the server's back.
    expect(await countRows(setup.storage.url, 'users', 'id', 'carol')).toBe(0);
    expect(await countRows(setup.storage.url, 'model_preferences', 'user_id', 'carol')).toBe(0);
  });

  it('PUT of one task, as { provider, model } and as { id }: answers every task, bumps the version and the ETag', async () => {
    const admin = setup.client();
    const first = await admin.putPreference('dave', 'chat', { provider: 'ollama', model: 'llama3:latest' });
    expect(first.etag).toBe('"1"');
    expect(first.preferences.version).toBe(1);
    expect(first.preferences.tasks.chat).toMatchObject({ id: 'ollama:llama3:latest', source: 'preference' });
    expect(first.preferences.tasks.chat?.updatedAt).toEqual(first.preferences.updatedAt);
    expect(first.preferences.tasks.sql).toMatchObject({ source: 'config_default' });

    const second = await admin.putPreference(
      'dave',
      'sql',
      { id: 'ollama:sqlcoder:7b' },
      { ifMatch: first.etag! },
    );
    expect(second.etag).toBe('"2"');
    expect(second.preferences.tasks.sql).toMatchObject({ id: 'ollama:sqlcoder:7b', source: 'preference' });

    await expect(admin.resolve({ task: 'chat', user: 'dave' })).resolves.toMatchObject({
      model: 'ollama:llama3:latest',
      source: 'preference',
      via: 'preference',
      user: 'dave',
    });
    expect(await countRows(setup.storage.url, 'model_preferences', 'user_id', 'dave')).toBe(2);
  });

  it('PUT of several tasks writes them all; DELETE of one resets it to the default', async () => {
    const admin = setup.client();
    const written = await admin.putPreferences('erin', {
      chat: { id: 'local-llm:qwen2.5' },
      prd_generation: { provider: 'openai', model: 'gpt-4o-mini' },
      sql: { id: 'ollama:sqlcoder:7b' },
    });
    expect(written.etag).toBe('"1"');
    expect(written.preferences.tasks.chat).toMatchObject({ id: 'local-llm:qwen2.5', source: 'preference' });
    expect(written.preferences.tasks.prd_generation).toMatchObject({
      id: 'openai:gpt-4o-mini',
      source: 'preference',
    });

    const reset = await admin.resetPreference('erin', 'chat', { ifMatch: written.etag! });
    expect(reset.etag).toBe('"2"');
    expect(reset.preferences.tasks.chat).toMatchObject({
      id: 'openai:gpt-4o-mini',
      source: 'config_default',
      updatedAt: null,
    });
    expect(reset.preferences.tasks.sql).toMatchObject({ source: 'preference' });
  });

  it('a bulk write with one bad task writes nothing', async () => {
    const admin = setup.client();
    await admin.putPreference('frank', 'chat', { id: 'ollama:llama3:latest' });
    const error = await apiError(
      admin.putPreferences('frank', {
        chat: { id: 'local-llm:qwen2.5' },
        sql: { id: 'ollama:llama3:latest' },
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 'capability_mismatch' });
    expect(error.message).toMatch(/cannot serve task "sql"/);

    const after = await admin.getPreferences('frank');
    expect(after.etag).toBe('"1"');
    expect(after.preferences.tasks.chat).toMatchObject({ id: 'ollama:llama3:latest' });
    expect(after.preferences.tasks.sql).toMatchObject({ source: 'config_default' });
  });

  it('a bulk write with several bad tasks names each of them, and writes nothing', async () => {
    const response = await setup.request(path('frank'), {
      method: 'PUT',
      body: {
        tasks: {
          chat: { id: 'ollama:llama3:latest' },
          nope: { id: 'ollama:llama3:latest' },
          sql: { provider: 'mistral', model: 'x' },
        },
      },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_request');
    expect(response.json.error.message).toMatch(
      /^2 choices are invalid, so nothing was saved: nope: Unknown task .* sql: Unknown provider "mistral"/,
    );
    expect(response.json.error.details.errors).toEqual([
      expect.objectContaining({ task: 'nope', code: 'unknown_task' }),
      expect.objectContaining({ task: 'sql', code: 'unknown_provider' }),
    ]);
    expect((await setup.client().getPreferences('frank')).etag).toBe('"1"');
  });

  it.each([
    [
      'an unknown task',
      'nope',
      { id: 'ollama:llama3:latest' },
      'unknown_task',
      /Unknown task "nope"\. Known tasks: chat, prd_generation, .*ir_build\./,
    ],
    [
      'an unknown provider',
      'chat',
      { provider: 'mistral', model: 'mistral-large' },
      'unknown_provider',
      /Unknown provider "mistral"\. Configured providers: openai, ollama, local-llm\./,
    ],
    [
      'a model of another provider',
      'chat',
      { provider: 'openai', model: 'claude-haiku-4-5-20251001' },
      'model_provider_mismatch',
      /"claude-haiku-4-5-20251001" is not a model of provider "openai"; it belongs to anthropic/,
    ],
    [
      'a model without the capability',
      'sql',
      { id: 'ollama:llama3:latest' },
      'capability_mismatch',
      /needs capability "sql" and the model has chat/,
    ],
    [
      'an unconfigured provider',
      'chat',
      { id: 'anthropic:claude-haiku-4-5-20251001' },
      'provider_unconfigured',
      /Provider "anthropic" cannot be chosen: no API key: set models\.anthropic\.api_key/,
    ],
    [
      'an unregistered model',
      'chat',
      { provider: 'ollama', model: 'mistral:7b' },
      'unregistered_model',
      /"ollama:mistral:7b" is not registered .*Registered: ollama:llama3:latest, ollama:sqlcoder:7b/,
    ],
    [
      'an ID without a provider',
      'chat',
      { id: 'gpt-4o-mini' },
      'invalid_model_id',
      /Invalid model ID "gpt-4o-mini": expected "<provider>:<model>"/,
    ],
  ])(
    'PUT of %s is 400 with a message that says what was wrong, one task or many',
    async (_what, task, choice, code, message) => {
      const one = await apiError(setup.client().putPreference('grace', task, choice));
      expect(one).toMatchObject({ status: 400, code });
      expect(one.message).toMatch(message);
      const many = await apiError(setup.client().putPreferences('grace', { [task]: choice }));
      expect(many).toMatchObject({ status: 400, code });
      expect(many.message).toMatch(message);
      expect(await countRows(setup.storage.url, 'users', 'id', 'grace')).toBe(0);
    },
  );

  it.each([
    ['malformed JSON', path('grace'), '{"tasks": {', 'malformed_json', /The body is not valid JSON/],
    [
      'a wrong type',
      path('grace'),
      { tasks: { chat: 'ollama:llama3:latest' } },
      'invalid_request',
      /body\.tasks\.chat: .*expected object, received string/,
    ],
    [
      'tasks as a list',
      path('grace'),
      { tasks: [{ task: 'chat', id: 'ollama:llama3:latest' }] },
      'invalid_request',
      /body\.tasks: .*expected record, received array/,
    ],
    [
      'a capitalised key',
      path('grace'),
      { Tasks: { chat: { id: 'ollama:llama3:latest' } } },
      'invalid_request',
      /body: Unrecognized key: "Tasks"/,
    ],
    [
      'a snake_case key in a choice',
      path('grace'),
      { tasks: { chat: { model_id: 'ollama:llama3:latest' } } },
      'invalid_request',
      /body\.tasks\.chat: Invalid input: matches none of the 2 accepted shapes: \[id: .*; Unrecognized key: "model_id"\] or \[provider: .*model: .*Unrecognized key: "model_id"\]/,
    ],
    [
      'a choice mixing both shapes',
      path('grace', 'chat'),
      { id: 'ollama:llama3:latest', provider: 'ollama' },
      'invalid_request',
      /body: .*Unrecognized key: "provider"/,
    ],
    [
      'a camelCase key in a choice',
      path('grace', 'chat'),
      { modelId: 'ollama:llama3:latest' },
      'invalid_request',
      /Unrecognized key: "modelId"/,
    ],
    [
      'a user ID with a space',
      path('gr%20ace'),
      { tasks: {} },
      'invalid_request',
      /params\.user_id: expected a user ID of letters, digits/,
    ],
  ])('PUT with %s is 400, saying what was wrong', async (_what, url, body, code, message) => {
    const response = await setup.request(url, { method: 'PUT', body });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.message).toMatch(message);
    expect(response.json.error.details).toBeTypeOf('object');
  });

  it('refuses a body over server.body_limit_bytes with 413 body_too_large', async () => {
    const tasks = Object.fromEntries(
      Array.from({ length: 200 }, (_, index) => [`task_${index}`, { id: `ollama:llama3:latest` }]),
    );
    const body = JSON.stringify({ tasks });
    expect(body.length).toBeGreaterThan(E2E_BODY_LIMIT_BYTES);
    const response = await setup.request(path('grace'), { method: 'PUT', body });
    expect(response.status).toBe(413);
    expect(response.json.error).toMatchObject({ code: 'body_too_large' });
    expect(response.json.error.message).toMatch(/larger than/);
  });

  it('an If-Match that is stale or not an ETag of ours is 412, and writes nothing', async () => {
    const admin = setup.client();
    const first = await admin.putPreference('heidi', 'chat', { id: 'ollama:llama3:latest' });
    await admin.putPreference('heidi', 'sql', { id: 'ollama:sqlcoder:7b' }, { ifMatch: first.etag! });

    const stale = await apiError(
      admin.putPreference('heidi', 'chat', { id: 'local-llm:qwen2.5' }, { ifMatch: first.etag! }),
    );
    expect(stale).toMatchObject({
      status: 412,
      code: 'version_conflict',
      details: { expected_version: 1, actual_version: 2 },
    });
    expect(stale.message).toMatch(/at version 2, not 1: reload them and try again/);

    const staleReset = await apiError(admin.resetPreference('heidi', 'chat', { ifMatch: '"1"' }));
    expect(staleReset).toMatchObject({ status: 412, code: 'version_conflict' });
    const staleBulk = await apiError(
      admin.putPreferences('heidi', { chat: { id: 'local-llm:qwen2.5' } }, { ifMatch: '"0"' }),
    );
    expect(staleBulk).toMatchObject({ status: 412, code: 'version_conflict' });

    const garbage = await setup.request(path('heidi', 'chat'), {
      method: 'PUT',
      body: { id: 'local-llm:qwen2.5' },
      headers: { 'if-match': 'yesterday' },
    });
    expect(garbage.status).toBe(412);
    expect(garbage.json.error).toMatchObject({
      code: 'precondition_failed',
      details: { expected: 'yesterday', current: '"2"' },
    });

    const current = await admin.getPreferences('heidi');
    expect(current.etag).toBe('"2"');
    expect(current.preferences.tasks.chat).toMatchObject({ id: 'ollama:llama3:latest' });
    await expect(
      admin.putPreference('heidi', 'chat', { id: 'local-llm:qwen2.5' }, { ifMatch: '*' }),
    ).resolves.toMatchObject({
      etag: '"3"',
    });
  });

  it('DELETE of an unknown task is 400 unknown_task; DELETE of a task never set still answers every task', async () => {
    const error = await apiError(setup.client().resetPreference('ivan', 'nope'));
    expect(error).toMatchObject({ status: 400, code: 'unknown_task' });
    expect(error.message).toMatch(/Known tasks: chat,/);
    const reset = await setup.client().resetPreference('ivan', 'chat');
    expect(reset.preferences.tasks.chat).toMatchObject({ source: 'config_default' });
  });

  // Last: it restarts the server with a config that drops a provider.
  it('after a config edit drops a provider, a stored choice of it is skipped, with the reason, never silently', async () => {
    const admin = setup.client();
    await admin.putPreference('judy', 'chat', { id: 'local-llm:qwen2.5' });
    await admin.putPreference('judy', 'sql', { id: 'ollama:sqlcoder:7b' });

    await setup.restart({ dropLocalLlm: true });
    const restarted = setup.client();

    const { preferences } = await restarted.getPreferences('judy');
    expect(preferences.tasks.chat).toMatchObject({
      id: 'openai:gpt-4o-mini',
      source: 'config_default',
      skipped: [
        {
          source: 'preference',
          model: 'local-llm:qwen2.5',
          code: 'provider_gone',
          reason: expect.stringMatching(/no longer configured/),
        },
      ],
    });
    expect(preferences.tasks.sql).toMatchObject({ id: 'ollama:sqlcoder:7b', source: 'preference' });
    await expect(restarted.resolve({ task: 'chat', user: 'judy' })).resolves.toMatchObject({
      model: 'openai:gpt-4o-mini',
      source: 'config_default',
      skipped: [expect.objectContaining({ model: 'local-llm:qwen2.5', code: 'provider_gone' })],
    });
    // The stale row is still there (a config edit back would bring it back) and can be reset.
    expect(await countRows(setup.storage.url, 'model_preferences', 'user_id', 'judy')).toBe(2);
    const reset = await restarted.resetPreference('judy', 'chat');
    expect(reset.preferences.tasks.chat?.skipped).toBeUndefined();
  });
});
