import OpenAI, { type APIError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, testConfig } from './support/start-test-gateway.js';
import { isChatCall, PNG_BASE64 } from './support/surface-kinds.js';

let gw: TestGateway;
let openai: OpenAI;

const CLAUDE = 'anthropic:claude-haiku-4-5-20251001';
const imageMessage = {
  role: 'user' as const,
  content: [
    { type: 'text' as const, text: 'what is this?' },
    { type: 'image_url' as const, image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
  ],
};

beforeAll(async () => {
  gw = await startTestGateway({
    config: (base) => {
      const models = (testConfig(base) as { models: Record<string, Record<string, unknown>> }).models;
      return {
        models: {
          ...models,
          compat: {
            ...models.compat,
            registry: {
              ...(models.compat?.registry as object),
              // Facts that say what each model lacks: images, tools, structured output.
              'text-only': { capabilities: ['chat'], features: ['tools', 'json_schema'] },
              'no-tools': { capabilities: ['chat'], features: ['vision', 'json_schema'] },
              'see-only': { capabilities: ['chat'], features: ['vision'] },
            },
          },
        },
        tasks: {
          spec_generation: { default: CLAUDE, fallbacks: ['compat:text-only'] },
          task_analysis: { default: 'compat:text-only', fallbacks: [CLAUDE] },
          prd_analysis: { requires: { features: ['tools'] } },
          task_suggestions: { default: 'compat:see-only' },
        },
      };
    },
  });
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused-in-local-mode', maxRetries: 0 });
});
afterAll(async () => gw?.close());
afterEach(() => gw.mock.clearFaults());

const send = (method: string, path: string, body?: unknown) =>
  fetch(`${gw.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('writes of a choice that does not fit its task', () => {
  it('refuses a preference for a model without tools on a task that requires tools: a 400 naming tools', async () => {
    const response = await send('PUT', '/api/users/local/model-preferences/prd_analysis', {
      id: 'compat:no-tools',
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string; details: any } };
    expect(error.code).toBe('model_unfit_for_task');
    expect(error.message).toMatch(/"compat:no-tools" does not fit task "prd_analysis": it lacks tools/);
    expect(error.details).toMatchObject({ task: 'prd_analysis', missing_features: ['tools'] });
    // A model that has tools is stored.
    const fits = await send('PUT', '/api/users/local/model-preferences/prd_analysis', {
      id: 'compat:text-only',
    });
    expect(fits.status).toBe(200);
  });

  it('refuses it in a bulk write too, saving nothing, and as a runtime default of the task', async () => {
    const bulk = await send('PUT', '/api/users/bulk-user/model-preferences', {
      tasks: {
        chat: { id: 'compat:no-tools' },
        insight_extraction: { provider: 'compat', model: 'see-only' },
      },
    });
    expect(bulk.status).toBe(400);
    const { error } = (await bulk.json()) as { error: { code: string; details: any } };
    expect(error.code).toBe('model_unfit_for_task');
    expect(error.details.missing_features).toEqual(['json_schema']);
    const stored = (await (await send('GET', '/api/users/bulk-user/model-preferences')).json()) as any;
    expect(stored.tasks.chat.source).not.toBe('preference');

    const primary = await send('POST', '/v1/ai/models/primary', {
      task: 'prd_analysis',
      model: 'compat:no-tools',
    });
    expect(primary.status).toBe(400);
    expect(((await primary.json()) as any).error).toMatchObject({
      code: 'model_unfit_for_task',
      details: { missing_features: ['tools'] },
    });
  });
});

describe('resolution and calls', () => {
  it('skips a stored preference that no longer fits, with the reason, and serves the default', async () => {
    // Stored before the task required tools (written past the route's check, as an old config allowed).
    await gw.app.store.preferences.set('stale-user', 'prd_analysis', 'compat:no-tools');
    const resolved = (await (
      await send('GET', '/v1/ai/resolve?task=prd_analysis&user=stale-user')
    ).json()) as any;
    expect(resolved).toMatchObject({ model: 'openai:gpt-4o-mini', source: 'config_default' });
    expect(resolved.skipped).toEqual([
      {
        source: 'preference',
        model: 'compat:no-tools',
        code: 'unfit_for_task',
        reason: expect.stringContaining('lacks tools'),
      },
    ]);
  });

  it("skips a text-only fallback for a request with images: the default's 429 stands, the fallback is never called", async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'rate_limit', kind: 'anthropic', times: 1, retryAfter: 3 });
    const error = (await openai.chat.completions
      .create({ model: 'task:spec_generation', messages: [imageMessage] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(429);
    expect(gw.mock.requests.map((request) => request.kind)).toEqual(['anthropic']);
    // Without an image the same fault gives way to the fallback.
    gw.mock.setFault({ mode: 'rate_limit', kind: 'anthropic', times: 1, retryAfter: 3 });
    const text = await openai.chat.completions
      .create({ model: 'task:spec_generation', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(text.response.headers.get('x-switchboard-model')).toBe('compat:text-only');
  });

  it('serves a request with images with the next candidate that takes them, reporting the skipped one', async () => {
    gw.mock.clear();
    const { response, data } = await openai.chat.completions
      .create({ model: 'task:task_analysis', messages: [imageMessage] })
      .withResponse();
    expect(response.headers.get('x-switchboard-model')).toBe(CLAUDE);
    expect(response.headers.get('x-switchboard-skipped')).toBe('compat:text-only');
    expect(data.choices[0]?.message.content).toContain('[Saw 1 image(s)');
    expect(gw.mock.requests.filter((request) => isChatCall('compat', request.path))).toHaveLength(0);
  });

  it('needs structured output for /v1/tasks/:task/generate with a schema, and for a task that requires it', async () => {
    gw.mock.clear();
    const withSchema = await send('POST', '/v1/tasks/task_suggestions/generate', {
      prompt: 'three tasks',
      schema: { type: 'object', properties: { tasks: { type: 'array', items: { type: 'string' } } } },
    });
    expect(withSchema.status).toBe(400);
    expect(((await withSchema.json()) as any).error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('JSON output'),
      details: { missing_features: ['json_schema'] },
    });
    // insight_extraction requires json_schema: an override without it is skipped, and nothing else is left.
    const override = await send('POST', '/v1/tasks/insight_extraction/generate', {
      prompt: 'themes',
      model: 'compat:see-only',
    });
    expect(override.status).toBe(400);
    expect(((await override.json()) as any).error).toMatchObject({
      code: 'model_unfit_for_task',
      message: expect.stringContaining('lacks json_schema'),
      details: { missing_features: ['json_schema'] },
    });
    expect(gw.mock.requests).toHaveLength(0);
  });

  it("lists each task's requirements in GET /v1/ai/models", async () => {
    const listing = (await (await send('GET', '/v1/ai/models')).json()) as {
      tasks: Array<{ name: string; requires?: unknown }>;
    };
    const requires = Object.fromEntries(listing.tasks.map((task) => [task.name, task.requires]));
    expect(requires).toMatchObject({
      insight_extraction: { features: ['json_schema'] },
      ir_build: { features: ['json_schema'] },
      prd_analysis: { features: ['tools'] },
      chat: {},
    });
  });
});
