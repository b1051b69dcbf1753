import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createXai } from '@ai-sdk/xai';
import { embedMany, generateObject, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const answer = z.object({ title: z.string(), score: z.number().min(1).max(5), done: z.boolean() });

describe('AI SDK @ai-sdk/xai against the mock', () => {
  const xai = () => createXai({ baseURL: mock.baseUrl('xai'), apiKey: 'xai-test' });

  it('generateText returns the answer and the reasoning, with reasoning tokens outside completion_tokens', async () => {
    const result = await generateText({ model: xai()('grok-4-fast'), prompt: 'hi grok' });
    expect(result.text).toBe('Echo: hi grok');
    expect(result.reasoningText).toBe('The user wants their message echoed back.');
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(7);
    expect(mock.reportedUsage.byKind.xai).toMatchObject({
      inputTokens: 2,
      outputTokens: 10,
      reasoningTokens: 7,
    });
    const body = JSON.parse(await (await lastRawAnswer('xai')).text());
    expect(body.choices[0].message.reasoning_content).toBe(result.reasoningText);
    expect(body.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 12 });
  });

  it('streamText streams reasoning_content before the content', async () => {
    const result = streamText({ model: xai()('grok-4-fast'), prompt: 'stream grok' });
    const order: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'reasoning-delta' || part.type === 'text-delta') order.push(part.type);
    }
    expect(order[0]).toBe('reasoning-delta');
    expect(order.at(-1)).toBe('text-delta');
    expect(await result.text).toBe('Echo: stream grok');
    expect((await result.usage).inputTokens).toBe(2);
  });

  it('generateObject', async () => {
    const result = await generateObject({ model: xai()('grok-4-fast'), schema: answer, prompt: 'rate it' });
    expect(answer.parse(result.object)).toEqual({ title: 'mock', score: 1, done: true });
  });
});

/** Re-sends the last recorded request's body raw, to look at the wire answer itself. */
async function lastRawAnswer(kind: 'xai' | 'compat'): Promise<Response> {
  const request = mock.requests.at(-1);
  return fetch(`${mock.url}/${kind}${request?.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request?.body),
  });
}

for (const kind of ['compat', 'ollama'] as const) {
  describe(`AI SDK @ai-sdk/openai-compatible against the ${kind} prefix`, () => {
    const baseURL = () => (kind === 'ollama' ? `${mock.baseUrl('ollama')}/v1` : mock.baseUrl('compat'));
    // Without supportsStructuredOutputs the provider sends bare json_object mode and no schema at all.
    const provider = () =>
      createOpenAICompatible({
        name: kind,
        baseURL: baseURL(),
        apiKey: 'k',
        includeUsage: true,
        supportsStructuredOutputs: true,
      });

    it('generateText', async () => {
      const result = await generateText({ model: provider()('llama3:latest'), prompt: 'compatible hello' });
      expect(result.text).toBe('Echo: compatible hello');
      expect(result.usage).toMatchObject({ inputTokens: 2, outputTokens: 3 });
      expect(mock.requests[0]).toMatchObject({ kind, path: '/v1/chat/completions' });
    });

    it('streamText with usage', async () => {
      const result = streamText({ model: provider()('llama3:latest'), prompt: 'a b c d e f' });
      const parts: string[] = [];
      for await (const part of result.textStream) parts.push(part);
      expect(parts.join('')).toBe('Echo: a b c d e f');
      expect(parts.length).toBeGreaterThan(1);
      expect(await result.usage).toMatchObject({ inputTokens: 6, outputTokens: 7 });
      expect(mock.reportedUsage.byKind[kind]).toMatchObject({ inputTokens: 6, outputTokens: 7 });
    });

    it('generateObject', async () => {
      const result = await generateObject({
        model: provider()('llama3:latest'),
        schema: answer,
        prompt: 'json',
      });
      expect(answer.parse(result.object)).toEqual(result.object);
    });

    it('embedMany', async () => {
      const result = await embedMany({
        model: provider().embeddingModel('nomic-embed-text'),
        values: ['a', 'b c'],
      });
      expect(result.embeddings).toHaveLength(2);
      expect(result.usage.tokens).toBe(3);
    });

    it('lists models the OpenAI way', async () => {
      const listing = await (await fetch(`${baseURL()}/models`)).json();
      expect(listing).toMatchObject({
        object: 'list',
        data: expect.arrayContaining([
          expect.objectContaining({ object: 'model', owned_by: kind === 'ollama' ? 'library' : 'mock' }),
        ]),
      });
    });
  });
}
