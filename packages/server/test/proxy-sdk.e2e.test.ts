import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createXai } from '@ai-sdk/xai';
import Anthropic from '@anthropic-ai/sdk';
import { generateText, type LanguageModel, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

const DUMMY = 'dummy-client-key';
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
  // No provider key may appear in any log line.
  for (const key of Object.values(UPSTREAM_KEYS)) expect(gw.logs.join('\n')).not.toContain(key);
});

const lastRequest = () => gw.mock.requests.at(-1)!;

describe('official clients through the proxy', () => {
  it('openai: chat, streaming chat and embeddings, with the server key put on and the client key dropped', async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/api/ai/openai`, apiKey: DUMMY });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello proxy' }],
    });
    expect(completion.choices[0]?.message.content).toContain('hello proxy');
    expect(lastRequest().headers.authorization).toBe(`Bearer ${UPSTREAM_KEYS.openai}`);
    expect(JSON.stringify(lastRequest().headers)).not.toContain(DUMMY);

    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'stream me please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: unknown;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      usage ??= chunk.usage ?? undefined;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain('stream me please');
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number) });

    const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(embeddings.data).toHaveLength(2);
  });

  it('anthropic: messages and a stream, with the SDK base URL stopping before /v1', async () => {
    const client = new Anthropic({ baseURL: `${gw.url}/api/ai/anthropic`, apiKey: DUMMY });
    const message = await client.messages.create({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello claude' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('hello claude') });
    expect(lastRequest().headers['x-api-key']).toBe(UPSTREAM_KEYS.anthropic);
    expect(lastRequest().headers['anthropic-version']).toBeDefined();

    const stream = client.messages.stream({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream claude' }],
    });
    const events: string[] = [];
    for await (const event of stream) events.push(event.type);
    expect(events).toEqual(expect.arrayContaining(['message_start', 'content_block_delta', 'message_stop']));
    expect((await stream.finalMessage()).usage.output_tokens).toBeGreaterThan(0);
  });
});

const aiSdkModels: Array<[string, () => LanguageModel, string, string]> = [
  [
    '@ai-sdk/openai (responses)',
    () => createOpenAI({ baseURL: `${gw.url}/api/ai/openai`, apiKey: DUMMY })('gpt-4o-mini'),
    'authorization',
    `Bearer ${UPSTREAM_KEYS.openai}`,
  ],
  [
    '@ai-sdk/openai (chat)',
    () => createOpenAI({ baseURL: `${gw.url}/api/ai/openai`, apiKey: DUMMY }).chat('gpt-4o-mini'),
    'authorization',
    `Bearer ${UPSTREAM_KEYS.openai}`,
  ],
  [
    '@ai-sdk/anthropic',
    () =>
      createAnthropic({ baseURL: `${gw.url}/api/ai/anthropic`, apiKey: DUMMY })('claude-haiku-4-5-20251001'),
    'x-api-key',
    UPSTREAM_KEYS.anthropic,
  ],
  [
    '@ai-sdk/google',
    () => createGoogleGenerativeAI({ baseURL: `${gw.url}/api/ai/google`, apiKey: DUMMY })('gemini-2.5-flash'),
    'x-goog-api-key',
    UPSTREAM_KEYS.google,
  ],
  [
    '@ai-sdk/xai',
    () => createXai({ baseURL: `${gw.url}/api/ai/xai`, apiKey: DUMMY })('grok-4-fast'),
    'authorization',
    `Bearer ${UPSTREAM_KEYS.xai}`,
  ],
  [
    '@ai-sdk/openai-compatible (ollama /v1)',
    () =>
      createOpenAICompatible({
        name: 'ollama',
        baseURL: `${gw.url}/api/ai/ollama/v1`,
        apiKey: DUMMY,
        includeUsage: true,
      })('llama3:latest'),
    'authorization',
    'absent',
  ],
  [
    '@ai-sdk/openai-compatible (compat)',
    () =>
      createOpenAICompatible({
        name: 'compat',
        baseURL: `${gw.url}/api/ai/compat`,
        apiKey: DUMMY,
        includeUsage: true,
      })('acme/chat-1'),
    'authorization',
    `Bearer ${UPSTREAM_KEYS.compat}`,
  ],
];

describe.each(aiSdkModels)('%s through the proxy', (_name, model, header, value) => {
  it('generateText', async () => {
    const result = await generateText({ model: model(), prompt: 'generate through the gateway' });
    expect(result.text).toContain('generate through the gateway');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    const seen = lastRequest().headers[header];
    expect(seen).toBe(value === 'absent' ? undefined : value);
    expect(JSON.stringify(lastRequest().headers)).not.toContain(DUMMY);
  });

  it('streamText, chunk by chunk', async () => {
    const result = streamText({ model: model(), prompt: 'stream through the gateway' });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toContain('stream through the gateway');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });
});
