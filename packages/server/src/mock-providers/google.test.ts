import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { embed, embedMany, generateObject, generateText, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const google = () => createGoogleGenerativeAI({ baseURL: mock.baseUrl('google'), apiKey: 'g-test' });
const post = (path: string, body: unknown) =>
  fetch(`${mock.baseUrl('google')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g-test' },
    body: JSON.stringify(body),
  });
const contents = (text: string) => [{ role: 'user', parts: [{ text }] }];

describe('AI SDK @ai-sdk/google against the mock', () => {
  it('generateText', async () => {
    const result = await generateText({
      model: google()('gemini-2.5-flash'),
      system: 'be nice',
      prompt: 'hi gemini',
    });
    expect(result.text).toBe('Echo: hi gemini');
    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 3 });
    expect(mock.requests[0]).toMatchObject({ path: '/v1beta/models/gemini-2.5-flash:generateContent' });
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe('g-test');
  });

  it('streamText', async () => {
    const result = streamText({ model: google()('gemini-2.5-flash'), prompt: 'stream gemini please' });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.join('')).toBe('Echo: stream gemini please');
    expect(parts.length).toBe(4);
    expect(await result.usage).toMatchObject({ inputTokens: 3, outputTokens: 4 });
    expect(mock.requests[0]?.query).toEqual({ alt: 'sse' });
    expect(mock.reportedUsage.byKind.google).toMatchObject({ responses: 1, inputTokens: 3, outputTokens: 4 });
  });

  it('generateObject with responseSchema', async () => {
    const schema = z.object({
      city: z.string(),
      // No .min(2): @ai-sdk/google drops minItems when it converts to Gemini's OpenAPI schema.
      days: z.array(z.object({ day: z.enum(['mon', 'tue']), rain: z.boolean().nullable() })),
    });
    const result = await generateObject({ model: google()('gemini-2.5-flash'), schema, prompt: 'forecast' });
    expect(schema.parse(result.object)).toEqual(result.object);
    expect(result.object.days).toEqual([{ day: 'mon', rain: true }]);
    expect(mock.requests[0]?.body).toMatchObject({
      generationConfig: { responseMimeType: 'application/json' },
    });
  });

  it('calls a function and then answers', async () => {
    const result = await generateText({
      model: google()('gemini-2.5-flash'),
      prompt: 'weather in Rome',
      tools: { weather: tool({ inputSchema: z.object({ city: z.string() }), execute: async () => 'sunny' }) },
      stopWhen: ({ steps }) => steps.length >= 2,
    });
    expect(result.steps[0]?.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'mock' } });
    // The AI SDK gives Gemini's id-less calls ids of its own and sends them back on the responses.
    const id = result.steps[0]?.toolCalls[0]?.toolCallId;
    expect(result.text).toBe(`Tool results: ${id}=sunny`);
  });

  it('embed and embedMany (embedContent, batchEmbedContents)', async () => {
    const one = await embed({ model: google().embedding('gemini-embedding-001'), value: 'x' });
    const many = await embedMany({ model: google().embedding('gemini-embedding-001'), values: ['x', 'y'] });
    expect(one.embedding).toHaveLength(3072);
    expect(many.embeddings[0]).toEqual(one.embedding);
    expect(mock.requests.map((request) => request.path)).toEqual([
      '/v1beta/models/gemini-embedding-001:embedContent',
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    ]);
  });
});

describe('raw Gemini wire format', () => {
  it('streams bare data: lines under alt=sse, usageMetadata in every chunk, no [DONE]', async () => {
    const response = await post('/models/gemini-2.5-pro:streamGenerateContent?alt=sse', {
      contents: contents('a b'),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('event:');
    const chunks = text
      .split('\n\n')
      .filter(Boolean)
      .map((block) => {
        expect(block.startsWith('data: ')).toBe(true);
        return JSON.parse(block.slice('data: '.length));
      });
    expect(chunks.every((chunk) => chunk.usageMetadata?.promptTokenCount === 2)).toBe(true);
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(chunks.at(-1).usageMetadata).toMatchObject({ candidatesTokenCount: 3, totalTokenCount: 5 });
  });

  it('streams one JSON array without alt=sse', async () => {
    const response = await post('/models/gemini-2.5-pro:streamGenerateContent', {
      contents: contents('a b'),
    });
    const chunks = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] }[];
    expect(Array.isArray(chunks)).toBe(true);
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts[0]?.text).join('')).toBe('Echo: a b');
  });

  it('lists models and counts tokens', async () => {
    const listing = await (await fetch(`${mock.baseUrl('google')}/models`)).json();
    expect(listing).toMatchObject({
      models: expect.arrayContaining([
        expect.objectContaining({ name: 'models/gemini-2.5-pro', inputTokenLimit: 1_048_576 }),
      ]),
    });
    const count = await (
      await post('/models/gemini-2.5-pro:countTokens', { contents: contents('one two three') })
    ).json();
    expect(count).toEqual({ totalTokens: 3 });
  });
});
