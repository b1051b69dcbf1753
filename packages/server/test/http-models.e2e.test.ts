import { SwitchboardApiError } from '@switchboard/client';
import { modelsResponseSchema, modelsStatusResponseSchema } from '@switchboard/core';
import { expect, it } from 'vitest';
import { E2E_OPENAI_KEY } from './support/e2e-config.js';
import { describeEachSetup } from './support/e2e-setup.js';

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

describeEachSetup('GET /v1/ai/models and /v1/ai/resolve', (setup) => {
  it('lists defaults, tasks, providers and models, and never the key', async () => {
    const raw = await setup.request('/v1/ai/models');
    expect(raw.status).toBe(200);
    expect(raw.text).not.toContain(E2E_OPENAI_KEY);
    const listing = modelsResponseSchema.parse(raw.json);
    expect(listing.defaults).toEqual({ chat: 'openai:gpt-4o-mini', sql: 'ollama:sqlcoder:7b' });

    const providers = Object.fromEntries(listing.providers.map((provider) => [provider.name, provider]));
    expect(providers.openai).toMatchObject({
      configured: true,
      has_api_key: true,
      endpoint: 'http://127.0.0.1:1/v1',
    });
    expect(providers.anthropic).toMatchObject({ configured: false, has_api_key: false });
    expect(providers.anthropic?.unconfigured_reason).toMatch(/api_key/);
    expect(providers['local-llm']).toMatchObject({ kind: 'openai-compatible', configured: true });

    const models = Object.fromEntries(listing.models.map((model) => [model.id, model]));
    expect(models['ollama:llama3:latest']).toMatchObject({
      provider: 'ollama',
      name: 'llama3:latest',
      registered: true,
    });
    expect(models['ollama:sqlcoder:7b']?.capabilities).toEqual(['sql']);
    // The catalogue's Claude models come with the anthropic kind, even though it has no key.
    expect(models['anthropic:claude-haiku-4-5-20251001']?.registered).toBe(true);

    const tasks = Object.fromEntries(listing.tasks.map((task) => [task.name, task]));
    expect(tasks.chat).toMatchObject({
      capability: 'chat',
      default: 'openai:gpt-4o-mini',
      default_source: 'config_default',
    });
    expect(tasks.prd_generation).toMatchObject({
      default: 'ollama:llama3:latest',
      fallbacks: ['openai:gpt-4o-mini'],
    });
    expect(tasks.embeddings).toMatchObject({ default: null, default_source: 'none' });

    await expect(setup.client().listModels()).resolves.toEqual(listing);
  });

  it('answers the listing with each provider’s health', async () => {
    const raw = await setup.request('/v1/ai/models/status');
    expect(raw.status).toBe(200);
    expect(raw.text).not.toContain(E2E_OPENAI_KEY);
    const status = modelsStatusResponseSchema.parse(raw.json);
    expect(Object.keys(status.health).sort()).toEqual(['anthropic', 'local-llm', 'ollama', 'openai']);
    expect(status.health.anthropic).toMatchObject({ status: 'unconfigured' });
    expect(status.health.anthropic?.error).toMatch(/api_key/);
    const viaClient = await setup.client().getModelsStatus();
    expect(viaClient.models).toEqual(status.models);
  });

  it('resolves a task to its config default, saying which rule chose it', async () => {
    const resolution = await setup.client().resolve({ task: 'prd_generation' });
    expect(resolution).toMatchObject({
      task: 'prd_generation',
      capability: 'chat',
      model: 'ollama:llama3:latest',
      provider: 'ollama',
      name: 'llama3:latest',
      kind: 'ollama',
      registered: true,
      source: 'config_default',
      via: 'tasks.prd_generation.default',
      user: setup.userIdOf('admin'),
      skipped: [],
      fallbacks: ['openai:gpt-4o-mini'],
    });
    await expect(setup.client().resolve({ task: 'sql' })).resolves.toMatchObject({
      model: 'ollama:sqlcoder:7b',
      via: 'models.defaults.sql',
    });
  });

  it('takes a request override, and allows an unregistered name on a configured provider', async () => {
    await expect(setup.client().resolve({ task: 'chat', model: 'local-llm:qwen2.5' })).resolves.toMatchObject(
      {
        model: 'local-llm:qwen2.5',
        source: 'override',
        registered: true,
      },
    );
    await expect(setup.client().resolve({ task: 'chat', model: 'ollama:mistral:7b' })).resolves.toMatchObject(
      {
        model: 'ollama:mistral:7b',
        source: 'override',
        registered: false,
      },
    );
  });

  it.each([
    [
      'an unknown task',
      { task: 'nope' },
      'unknown_task',
      /Unknown task "nope"\. Known tasks: chat, .*sql, embeddings/,
    ],
    [
      'an override of an unknown provider',
      { task: 'chat', model: 'mistral:large' },
      'unknown_provider',
      /Unknown provider "mistral".*Configured providers: openai, ollama, local-llm\./,
    ],
    [
      'an override to a provider without a key (DESIGN rule 1)',
      { task: 'chat', model: 'anthropic:claude-haiku-4-5-20251001' },
      'provider_unconfigured',
      /Provider "anthropic" cannot be chosen: no API key: set models\.anthropic\.api_key.*Configure it \(set the key, then restart Switchboard\), or choose a model of a configured provider \(openai, ollama, local-llm\)/,
    ],
    [
      'an override that is not a model ID',
      { task: 'chat', model: 'gpt-4o' },
      'invalid_model_id',
      /Invalid model ID "gpt-4o": expected "<provider>:<model>"/,
    ],
    [
      'an override without the capability',
      { task: 'sql', model: 'ollama:llama3:latest' },
      'capability_mismatch',
      /cannot serve task "sql": the task needs capability "sql"/,
    ],
    [
      'a task with no default',
      { task: 'embeddings' },
      'no_model_configured',
      /No model is configured for task "embeddings"\. Set "tasks\.embeddings\.default" or "models\.defaults\.embeddings"/,
    ],
  ])('refuses %s with 400 and a message that says what was wrong', async (_what, query, code, message) => {
    const error = await apiError(setup.client().resolve(query));
    expect(error).toMatchObject({ status: 400, code });
    expect(error.message).toMatch(message);
  });

  it('says when the model a task resolves to cannot be called: its provider is unreachable', async () => {
    // Every upstream in this config is a dead port: a probe finds it unreachable.
    await setup.client().getModelsStatus({ refresh: true });
    const resolution = await setup.client().resolve({ task: 'chat' });
    expect(resolution).toMatchObject({
      model: 'openai:gpt-4o-mini',
      usable: false,
      unusable_reason: expect.stringMatching(
        /^provider "openai" is unreachable at http:\/\/127\.0\.0\.1:1\/v1/,
      ),
    });
    expect(JSON.stringify(resolution)).not.toContain(E2E_OPENAI_KEY);
  });

  it('refuses a missing task and an unknown query key with 400 invalid_request naming them', async () => {
    const missing = await setup.request('/v1/ai/resolve');
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'invalid_request' });
    expect(missing.json.error.message).toMatch(/querystring\.task: .*expected string/);

    const unknown = await setup.request('/v1/ai/resolve?task=chat&Model=openai:gpt-4o');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/querystring: Unrecognized key: "Model"/);
  });

  it('answers an unknown route with 404 not_found in the error shape', async () => {
    const response = await setup.request('/v1/ai/nothing-here');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      error: {
        code: 'not_found',
        message: 'No route GET /v1/ai/nothing-here. The API is described at /openapi.json.',
        details: {},
      },
    });
  });
});

describeEachSetup('POST and DELETE /v1/ai/models/primary', (setup) => {
  it('sets a task’s runtime default: the listing, the task and the resolution show it; DELETE returns to the config’s', async () => {
    const admin = setup.client();
    const set = await admin.setPrimary({ task: 'chat', model: 'ollama:llama3:latest' });
    expect(set).toEqual({
      key: { task: 'chat' },
      model: 'ollama:llama3:latest',
      defaults: { chat: 'ollama:llama3:latest', sql: 'ollama:sqlcoder:7b' },
    });

    const listing = await admin.listModels();
    expect(listing.defaults.chat).toBe('ollama:llama3:latest');
    expect(listing.tasks.find((task) => task.name === 'chat')).toMatchObject({
      default: 'ollama:llama3:latest',
      default_source: 'runtime_default',
    });
    await expect(admin.resolve({ task: 'chat' })).resolves.toMatchObject({
      model: 'ollama:llama3:latest',
      source: 'runtime_default',
    });

    const cleared = await admin.clearPrimary({ task: 'chat' });
    expect(cleared).toEqual({
      key: { task: 'chat' },
      model: null,
      defaults: { chat: 'openai:gpt-4o-mini', sql: 'ollama:sqlcoder:7b' },
    });
    await expect(admin.resolve({ task: 'chat' })).resolves.toMatchObject({
      model: 'openai:gpt-4o-mini',
      source: 'config_default',
    });
  });

  it('sets a capability’s runtime default, which wins over a task’s config default, until cleared', async () => {
    const admin = setup.client();
    await admin.setPrimary({ capability: 'chat', model: 'local-llm:qwen2.5' });
    await expect(admin.resolve({ task: 'prd_generation' })).resolves.toMatchObject({
      model: 'local-llm:qwen2.5',
      source: 'runtime_default',
      via: 'runtime default for capability chat',
    });
    const listing = await admin.listModels();
    expect(listing.tasks.find((task) => task.name === 'ir_build')?.default_source).toBe('runtime_default');

    await admin.clearPrimary({ capability: 'chat' });
    await expect(admin.resolve({ task: 'prd_generation' })).resolves.toMatchObject({
      source: 'config_default',
    });
  });

  it.each([
    [
      'an unknown task',
      { task: 'nope', model: 'ollama:llama3:latest' },
      400,
      'unknown_task',
      /Unknown task "nope"\. Known tasks: chat,/,
    ],
    [
      'an unknown capability',
      { capability: 'vision', model: 'ollama:llama3:latest' },
      400,
      'unknown_capability',
      /Unknown capability "vision"\. Known capabilities: chat, sql, embeddings/,
    ],
    [
      'an unknown provider',
      { task: 'chat', model: 'mistral:large' },
      400,
      'unknown_provider',
      /Unknown provider "mistral"/,
    ],
    [
      'a model without the capability',
      { task: 'sql', model: 'openai:gpt-4o-mini' },
      400,
      'capability_mismatch',
      /the task needs capability "sql" and the model has chat/,
    ],
    [
      'a provider without a key',
      { task: 'chat', model: 'anthropic:claude-haiku-4-5-20251001' },
      400,
      'provider_unconfigured',
      /Provider "anthropic" cannot be chosen: .*ANTHROPIC_API_KEY|Provider "anthropic" cannot be chosen/,
    ],
    [
      'both a task and a capability',
      { task: 'chat', capability: 'chat', model: 'ollama:llama3:latest' },
      400,
      'invalid_request',
      /body: expected exactly one of "capability" or "task"/,
    ],
    [
      'neither a task nor a capability',
      { model: 'ollama:llama3:latest' },
      400,
      'invalid_request',
      /expected exactly one of "capability" or "task"/,
    ],
    [
      'a snake_case key',
      { task: 'chat', model_id: 'ollama:llama3:latest' },
      400,
      'invalid_request',
      /body\.model: .*expected string, received undefined.*Unrecognized key: "model_id"/,
    ],
    [
      'a wrong type',
      { task: 'chat', model: 42 },
      400,
      'invalid_request',
      /body\.model: .*expected string, received number/,
    ],
  ])(
    'refuses %s with its 4xx and a message that says what was wrong',
    async (_what, body, status, code, message) => {
      const response = await setup.request('/v1/ai/models/primary', { method: 'POST', body });
      expect(response.status).toBe(status);
      expect(response.json.error.code).toBe(code);
      expect(response.json.error.message).toMatch(message);
    },
  );

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const response = await setup.request('/v1/ai/models/primary', {
      method: 'POST',
      body: '{"task": "chat",',
    });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({
      code: 'malformed_json',
      message: 'The body is not valid JSON.',
    });
  });

  it.each([
    ['no key', '', /querystring: expected exactly one of "capability" or "task"/],
    [
      'both keys',
      '?task=chat&capability=chat',
      /querystring: expected exactly one of "capability" or "task"/,
    ],
    ['an unknown key', '?tasks=chat', /querystring: Unrecognized key: "tasks"/],
  ])('DELETE with %s is 400 invalid_request, not a 500', async (_what, query, message) => {
    const response = await setup.request(`/v1/ai/models/primary${query}`, { method: 'DELETE' });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('invalid_request');
    expect(response.json.error.message).toMatch(message);
  });

  it('DELETE of an unknown task is 400 unknown_task', async () => {
    const error = await apiError(setup.client().clearPrimary({ task: 'nope' }));
    expect(error).toMatchObject({ status: 400, code: 'unknown_task' });
    expect(error.message).toMatch(/Known tasks: chat,/);
  });
});
