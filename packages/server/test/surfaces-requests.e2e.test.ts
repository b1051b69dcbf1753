import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { type APIError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, testConfig } from './support/start-test-gateway.js';
import { isChatCall, PNG_BASE64, WEATHER_SCHEMA } from './support/surface-kinds.js';
import { snapshotUsage, usageSince } from './support/usage-deltas.js';

let gw: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

const CLAUDE = 'anthropic:claude-haiku-4-5-20251001';
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: WEATHER_SCHEMA },
};

beforeAll(async () => {
  gw = await startTestGateway({
    config: (base) => {
      const models = (testConfig(base) as { models: Record<string, Record<string, unknown>> }).models;
      return {
        models: {
          ...models,
          aliases: { smart: CLAUDE },
          compat: {
            ...models.compat,
            registry: {
              ...(models.compat?.registry as object),
              // Facts that say it has no tools: a request with tools passes it over.
              'plain-1': { capabilities: ['chat'], features: ['vision'] },
              // The same name as OpenAI's model, so the bare name is ambiguous.
              'gpt-4o-mini': { capabilities: ['chat'] },
            },
          },
        },
        tasks: {
          prd_generation: { default: 'compat:plain-1', fallbacks: [CLAUDE] },
          spec_generation: { default: 'compat:plain-1' },
          task_analysis: { default: 'openai:gpt-4o-mini', fallbacks: ['google:gemini-no-such-model'] },
        },
      };
    },
  });
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused-in-local-mode', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused-in-local-mode', maxRetries: 0 });
});
afterAll(async () => gw?.close());
afterEach(() => gw.mock.clearFaults());

const chatCalls = (kind: string) => gw.mock.requests.filter((request) => isChatCall(kind, request.path));

describe('images', () => {
  it('carries a data URL to every surface and kind pair it crosses', async () => {
    gw.mock.clear();
    const viaChat = await openai.chat.completions.create({
      model: CLAUDE,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          ],
        },
      ],
    });
    expect(viaChat.choices[0]?.message.content).toBe('Echo: what is this? [Saw 1 image(s) (image/png)]');
    const viaMessages = await anthropic.messages.create({
      model: 'google:gemini-2.5-flash',
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'and this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
          ],
        },
      ],
    });
    expect(viaMessages.content[0]).toMatchObject({ text: 'Echo: and this? [Saw 1 image(s) (image/png)]' });
    const viaResponses = await openai.responses.create({
      model: 'xai:grok-4-fast',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'this?' },
            { type: 'input_image', image_url: `data:image/png;base64,${PNG_BASE64}`, detail: 'auto' },
          ],
        },
      ],
    });
    expect(viaResponses.output_text).toBe('Echo: this? [Saw 1 image(s) (image/png)]');
  });

  it('passes an http URL on as a URL where the provider takes one (Anthropic)', async () => {
    gw.mock.clear();
    const completion = await openai.chat.completions.create({
      model: CLAUDE,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: look [Saw 1 image(s) (url)]');
    const sent = chatCalls('anthropic')[0]?.body as
      | { messages: Array<{ content: Array<Record<string, unknown>> }> }
      | undefined;
    const image = sent?.messages[0]?.content[1];
    expect(image).toMatchObject({
      type: 'image',
      source: { type: 'url', url: 'https://example.com/cat.png' },
    });
  });

  it('never fetches a URL on a loopback or private address for a provider that takes no URLs: a 4xx', async () => {
    gw.mock.clear();
    const error = (await anthropic.messages
      .create({
        model: 'google:gemini-2.5-flash',
        max_tokens: 100,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url: `${gw.mock.baseUrl('openai')}/v1/models` } },
            ],
          },
        ],
      })
      .catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(400);
    expect(error.message).toContain('loopback, private or link-local');
    expect(gw.mock.requests).toHaveLength(0);
  });
});

describe('requests that need features', () => {
  it('skips a candidate whose facts lack tools, names it, and serves with the next', async () => {
    gw.mock.clear();
    const { data, response } = await openai.chat.completions
      .create({
        model: 'task:prd_generation',
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [weatherTool],
      })
      .withResponse();
    expect(response.headers.get('x-switchboard-model')).toBe(CLAUDE);
    expect(response.headers.get('x-switchboard-skipped')).toBe('compat:plain-1');
    expect(data.choices[0]?.message.tool_calls?.[0]).toMatchObject({ function: { name: 'get_weather' } });
    expect(chatCalls('compat')).toHaveLength(0);
    // Without tools the resolved model serves.
    const plain = await openai.chat.completions
      .create({ model: 'task:prd_generation', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(plain.response.headers.get('x-switchboard-model')).toBe('compat:plain-1');
  });

  it('answers 400 naming the feature when no candidate has it', async () => {
    gw.mock.clear();
    const error = (await anthropic.messages
      .create({
        model: 'task:spec_generation',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [
          { name: 'get_weather', input_schema: WEATHER_SCHEMA as unknown as Anthropic.Tool.InputSchema },
        ],
      })
      .catch((caught: unknown) => caught)) as InstanceType<typeof Anthropic.APIError>;
    expect(error.status).toBe(400);
    expect(error.message).toContain('has tools');
    expect((error.error as { error: { type: string } }).error.type).toBe('invalid_request_error');
    expect(gw.mock.requests).toHaveLength(0);
  });

  it('keeps a retryable 429 (with Retry-After and rate-limit headers) when a fallback refuses the request', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'rate_limit', kind: 'openai', times: 1, retryAfter: 7 });
    const error = (await openai.chat.completions
      .create({ model: 'task:task_analysis', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(gw.mock.requests.map((request) => request.kind)).toEqual(['openai', 'google']);
  });
});

describe('model names', () => {
  it('takes an alias, a bare model name, and refuses an ambiguous one listing the IDs', async () => {
    const alias = await openai.chat.completions
      .create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(alias.response.headers.get('x-switchboard-model')).toBe(CLAUDE);
    const bare = await anthropic.messages.create({
      model: 'gemini-2.5-flash',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(bare.model).toBe('google:gemini-2.5-flash');
    const error = (await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('openai:gpt-4o-mini');
    expect(error.message).toContain('compat:gpt-4o-mini');
  });

  it('refuses a task whose capability the surface does not serve', async () => {
    const error = (await openai.responses
      .create({ model: 'task:embeddings', input: 'hi' })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('capability "embeddings"');
  });

  it('retrieves a model, a task and an alias in OpenAI shape, and lists in Anthropic shape for Anthropic clients', async () => {
    expect(await openai.models.retrieve('compat:acme/chat-1')).toMatchObject({
      id: 'compat:acme/chat-1',
      object: 'model',
      owned_by: 'compat',
    });
    expect(await openai.models.retrieve('task:chat')).toMatchObject({
      id: 'task:chat',
      owned_by: 'switchboard',
    });
    expect(await openai.models.retrieve('smart')).toMatchObject({ id: 'smart', owned_by: 'anthropic' });
    expect(await openai.models.retrieve('claude-haiku-4-5-20251001')).toMatchObject({
      id: 'claude-haiku-4-5-20251001',
      owned_by: 'anthropic',
    });
    const missing = (await openai.models
      .retrieve('openai:nope')
      .catch((caught: unknown) => caught)) as APIError;
    expect(missing.status).toBe(404);
    const page = await anthropic.models.list();
    expect(page.data.find((model) => model.id === CLAUDE)).toMatchObject({
      type: 'model',
      display_name: expect.any(String),
    });
    expect(await anthropic.models.retrieve(CLAUDE)).toMatchObject({ type: 'model', id: CLAUDE });
  });
});

describe('usage and cost', () => {
  it('records every surface call with its tokens and cost, streamed or not', async () => {
    const before = await snapshotUsage(gw);
    await anthropic.messages
      .stream({
        model: 'google:gemini-2.5-flash',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'count me' }],
      })
      .finalMessage();
    await openai.responses.create({ model: CLAUDE, input: 'count me too' });
    const deltas = await usageSince(gw, before, 2);
    for (const model of ['google:gemini-2.5-flash', CLAUDE]) {
      const delta = deltas.find((entry) => entry.model === model);
      expect(delta).toMatchObject({ calls: 1, unpricedCalls: 0 });
      expect(delta?.inputTokens).toBeGreaterThan(0);
      expect(delta?.cost).toBeGreaterThan(0);
    }
  });
});

describe('count_tokens', () => {
  it('asks Anthropic for an Anthropic model, and estimates for the others', async () => {
    gw.mock.clear();
    const params = { messages: [{ role: 'user' as const, content: 'how many tokens is this message' }] };
    const exact = await anthropic.messages.countTokens({ model: CLAUDE, ...params }).withResponse();
    expect(exact.data.input_tokens).toBe(6);
    expect(exact.response.headers.get('x-switchboard-token-count')).toBe('provider');
    expect(gw.mock.requests.map((request) => request.path)).toEqual(['/v1/messages/count_tokens']);
    const estimate = await anthropic.messages
      .countTokens({ model: 'openai:gpt-4o-mini', ...params })
      .withResponse();
    expect(estimate.response.headers.get('x-switchboard-token-count')).toBe('estimate');
    expect(estimate.data.input_tokens).toBeGreaterThan(5);
    expect(gw.mock.requests).toHaveLength(1);
  });
});

describe('JSON output', () => {
  it('json_object on Anthropic really asks for JSON, and the answer is a JSON object', async () => {
    gw.mock.clear();
    const completion = await openai.chat.completions.create({
      model: CLAUDE,
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'Answer in JSON: a city' }],
    });
    const body = chatCalls('anthropic')[0]?.body as Record<string, unknown>;
    expect(JSON.stringify(body)).toMatch(/"tool_choice"|"output_format"|"output_config"/);
    expect(typeof JSON.parse(completion.choices[0]?.message.content ?? '')).toBe('object');
  });
});
