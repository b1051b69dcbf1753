import { createAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { generateObject, generateText, streamObject, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_MODELS, type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;
let client: Anthropic;

beforeAll(async () => {
  // The AI SDK still uses its json tool for Claude 3 models, so the mock lists one.
  mock = await startMockProviders({
    models: { anthropic: [...DEFAULT_MODELS.anthropic, 'claude-3-haiku-20240307'] },
  });
  // The official SDK's base URL stops before /v1; it calls /v1/messages itself.
  client = new Anthropic({ baseURL: `${mock.url}/anthropic`, apiKey: 'ant-test', maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const recipe = z.object({
  name: z.string(),
  servings: z.number().int().positive(),
  steps: z.array(z.object({ text: z.string(), minutes: z.number().optional() })),
});

describe('@anthropic-ai/sdk against the mock', () => {
  it('creates a message', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 100,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'hello claude' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: hello claude' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 3 });
    expect(mock.requests[0]?.headers['x-api-key']).toBe('ant-test');
    expect(mock.requests[0]?.path).toBe('/v1/messages');
  });

  it('streams a message, with the final usage in message_delta', async () => {
    const stream = client.messages.stream({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'one two three four' }],
    });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const final = await stream.finalMessage();
    expect(texts.length).toBe(4);
    expect(texts.join('')).toBe('Echo: one two three four');
    expect(final.usage).toMatchObject({ input_tokens: 4, output_tokens: 5 });
    expect(mock.reportedUsage.byKind.anthropic).toMatchObject({
      responses: 1,
      inputTokens: 4,
      outputTokens: 5,
    });
  });

  it('answers a forced tool with a tool_use block', async () => {
    const message = await client.messages.create({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'weather' }],
      tools: [
        { name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      ],
      tool_choice: { type: 'tool', name: 'weather' },
    });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'weather', input: {} });
  });

  it('lists models', async () => {
    const page = await client.models.list();
    expect(page.data[0]).toMatchObject({
      type: 'model',
      id: 'claude-sonnet-4-5-20250929',
      display_name: 'Claude Sonnet 4.5',
    });
  });
});

describe('raw Anthropic SSE framing', () => {
  it('names every event, in the documented order, without [DONE]', async () => {
    const response = await fetch(`${mock.baseUrl('anthropic')}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-haiku-4-5',
        max_tokens: 5,
        stream: true,
        messages: [{ role: 'user', content: 'x y' }],
      }),
    });
    const text = await response.text();
    const events = text
      .split('\n\n')
      .filter(Boolean)
      .map((block) => {
        const [eventLine = '', dataLine = ''] = block.split('\n');
        expect(eventLine).toMatch(/^event: /);
        expect(dataLine).toMatch(/^data: /);
        const data = JSON.parse(dataLine.slice('data: '.length));
        expect(data.type).toBe(eventLine.slice('event: '.length));
        return data.type as string;
      });
    expect(events[0]).toBe('message_start');
    expect(events.slice(1, 3)).toEqual(['content_block_start', 'ping']);
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(text).not.toContain('[DONE]');
  });

  it('requires the anthropic-version header', async () => {
    const response = await fetch(`${mock.baseUrl('anthropic')}/messages`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});

describe('AI SDK @ai-sdk/anthropic against the mock', () => {
  const anthropic = () => createAnthropic({ baseURL: mock.baseUrl('anthropic'), apiKey: 'ant-test' });

  it('generateText', async () => {
    const result = await generateText({
      model: anthropic()('claude-sonnet-4-5-20250929'),
      prompt: 'hi there',
    });
    expect(result.text).toBe('Echo: hi there');
    expect(result.usage).toMatchObject({ inputTokens: 2, outputTokens: 3 });
  });

  it('streamText', async () => {
    const result = streamText({
      model: anthropic()('claude-sonnet-4-5-20250929'),
      prompt: 'stream this now',
    });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.join('')).toBe('Echo: stream this now');
    expect(parts.length).toBeGreaterThan(1);
    expect(await result.usage).toMatchObject({ inputTokens: 3, outputTokens: 4 });
  });

  it('generateObject with output_config.format (Claude 4.5)', async () => {
    const result = await generateObject({
      model: anthropic()('claude-sonnet-4-5-20250929'),
      schema: recipe,
      prompt: 'soup',
    });
    expect(recipe.parse(result.object)).toEqual(result.object);
    expect(mock.requests[0]?.body).toMatchObject({ output_config: { format: { type: 'json_schema' } } });
  });

  it('generateObject with the json tool (older models)', async () => {
    const result = await generateObject({
      model: anthropic()('claude-3-haiku-20240307'),
      schema: recipe,
      prompt: 'soup',
    });
    expect(recipe.parse(result.object)).toEqual(result.object);
    expect(mock.requests[0]?.body).toMatchObject({ tools: [{ name: 'json' }], tool_choice: { type: 'any' } });
  });

  it('streamObject through the json tool', async () => {
    const result = streamObject({
      model: anthropic()('claude-3-haiku-20240307'),
      schema: recipe,
      prompt: 'soup',
    });
    const partials: unknown[] = [];
    for await (const partial of result.partialObjectStream) partials.push(partial);
    expect(partials.length).toBeGreaterThan(1);
    expect(recipe.parse(await result.object)).toEqual(partials.at(-1));
  });
});
