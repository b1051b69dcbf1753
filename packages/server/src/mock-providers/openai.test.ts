import { createOpenAI } from '@ai-sdk/openai';
import { embed, generateObject, generateText, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;
let client: OpenAI;
let provider: ReturnType<typeof createOpenAI>;

beforeAll(async () => {
  mock = await startMockProviders();
  client = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test', maxRetries: 0 });
  provider = createOpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test' });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const person = z.object({
  name: z.string().min(3),
  age: z.number().int().min(18),
  email: z.email(),
  role: z.enum(['admin', 'user']),
  tags: z.array(z.string()).min(2),
  nickname: z.string().nullable(),
  // OpenAI's strict structured outputs want every property required: optional ones are nullable.
  address: z.object({ city: z.string(), zip: z.string().nullable() }),
});

describe('openai SDK against the mock', () => {
  it('answers a chat completion with an echo and word-count usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hello there world' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('Echo: hello there world');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    expect(mock.reportedUsage.byKind.openai).toMatchObject({ inputTokens: 5, outputTokens: 4, responses: 1 });
    const [request] = mock.requests;
    expect(request).toMatchObject({ kind: 'openai', method: 'POST', path: '/v1/chat/completions' });
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('streams deltas in order, with usage on the last chunk when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'one two three four five' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) deltas.push(content);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.length).toBe(4);
    expect(deltas.join('')).toBe('Echo: one two three four five');
    expect(usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 6 });
    expect(mock.reportedUsage.total.outputTokens).toBe(6);
  });

  it('reports no usage in a stream that did not ask for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    for await (const chunk of stream) expect(chunk.usage).toBeUndefined();
    expect(mock.reportedUsage.total.responses).toBe(0);
  });

  it('calls a tool when the request offers one', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function.name).toBe('weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'mock' });
  });

  it('answers embeddings in base64 (the SDK default) and as floats, the same vectors', async () => {
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a b', 'c'] });
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a b', 'c'],
      encoding_format: 'float',
      dimensions: 8,
    });
    expect(mock.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(decoded.data).toHaveLength(2);
    expect(decoded.data[0]?.embedding).toHaveLength(1536);
    expect(decoded.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(floats.data[1]?.embedding).toHaveLength(8);
    expect(floats.data[0]?.embedding).not.toEqual(floats.data[1]?.embedding);
  });

  it('lists and gets models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o-mini');
    expect((await client.models.retrieve('gpt-4o')).owned_by).toBe('system');
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it('answers the Responses API', async () => {
    const response = await client.responses.create({ model: 'gpt-4o', input: 'say hi', instructions: 'x' });
    expect(response.output_text).toBe('Echo: say hi');
    expect(response.usage).toMatchObject({ input_tokens: 3, output_tokens: 3, total_tokens: 6 });
  });
});

describe('raw OpenAI SSE framing', () => {
  it('sends `data:` lines only and ends with data: [DONE]', async () => {
    const response = await fetch(`${mock.baseUrl('openai')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = text.split('\n\n').filter(Boolean);
    expect(events.every((event) => event.startsWith('data: '))).toBe(true);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});

describe('AI SDK @ai-sdk/openai against the mock', () => {
  for (const [label, model] of [
    ['responses (default)', () => provider('gpt-4o-mini')],
    ['chat', () => provider.chat('gpt-4o-mini')],
  ] as const) {
    describe(label, () => {
      it('generateText', async () => {
        const result = await generateText({ model: model(), prompt: 'hello world' });
        expect(result.text).toBe('Echo: hello world');
        expect(result.usage).toMatchObject({ inputTokens: 2, outputTokens: 3 });
        expect(mock.requests[0]?.path).toBe(label === 'chat' ? '/v1/chat/completions' : '/v1/responses');
      });

      it('streamText', async () => {
        const result = streamText({ model: model(), prompt: 'stream me please' });
        const parts: string[] = [];
        for await (const part of result.textStream) parts.push(part);
        expect(parts.length).toBeGreaterThan(1);
        expect(parts.join('')).toBe('Echo: stream me please');
        expect(await result.usage).toMatchObject({ inputTokens: 3, outputTokens: 4 });
      });

      it('generateObject validates against the schema', async () => {
        const result = await generateObject({ model: model(), schema: person, prompt: 'a person' });
        expect(person.parse(result.object)).toEqual(result.object);
        expect(result.object.role).toBe('admin');
      });

      it('refuses a strict schema with an optional property, as OpenAI does', async () => {
        const loose = z.object({ name: z.string(), nickname: z.string().optional() });
        await expect(generateObject({ model: model(), schema: loose, prompt: 'a person' })).rejects.toThrow(
          /'required' is required to be supplied and to be an array including every key in properties\. Missing 'nickname'/,
        );
      });

      it('runs a tool call and then answers in text', async () => {
        const result = await generateText({
          model: model(),
          prompt: 'weather in Paris',
          tools: {
            weather: tool({
              inputSchema: z.object({ city: z.string() }),
              execute: async ({ city }) => ({ city, degrees: 20 }),
            }),
          },
          stopWhen: ({ steps }) => steps.length >= 2,
        });
        expect(result.steps[0]?.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'mock' } });
        const call = result.steps[0]?.toolCalls[0];
        expect(call?.toolCallId).toMatch(/^call_[0-9a-f]{24}$/);
        expect(result.text).toBe(`Tool results: ${call?.toolCallId}={"city":"mock","degrees":20}`);
      });
    });
  }

  it('embed', async () => {
    const result = await embed({ model: provider.embedding('text-embedding-3-small'), value: 'vector me' });
    expect(result.embedding).toHaveLength(1536);
    expect(result.usage.tokens).toBe(2);
  });
});
