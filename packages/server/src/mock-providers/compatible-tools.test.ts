import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createXai } from '@ai-sdk/xai';
import { generateText, type LanguageModel, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_MODELS, type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  // qwen3 thinks, so Ollama's `think` can be tested; llama3 does not.
  mock = await startMockProviders({ models: { ollama: [...DEFAULT_MODELS.ollama, 'qwen3:8b'] } });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const tools = {
  weather: tool({
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => `sunny in ${city}`,
  }),
  time: tool({ inputSchema: z.object({ zone: z.enum(['UTC']) }), execute: async () => 'noon' }),
};

const models: Array<[string, () => LanguageModel]> = [
  ['xai', () => createXai({ baseURL: mock.baseUrl('xai'), apiKey: 'k' })('grok-4-fast')],
  [
    'compat',
    () =>
      createOpenAICompatible({ name: 'compat', baseURL: mock.baseUrl('compat'), apiKey: 'k' })(
        'mock/chat-small',
      ),
  ],
  [
    'ollama /v1',
    () =>
      createOpenAICompatible({ name: 'ollama', baseURL: `${mock.baseUrl('ollama')}/v1`, apiKey: 'k' })(
        'llama3',
      ),
  ],
];

describe('tool loops on the OpenAI-compatible kinds', () => {
  for (const [label, model] of models) {
    it(`${label}: generateText runs parallel calls and gets the results quoted`, async () => {
      const result = await generateText({
        model: model(),
        prompt: 'both in parallel',
        tools,
        stopWhen: ({ steps }) => steps.length >= 3,
      });
      const calls = result.steps[0]?.toolCalls ?? [];
      expect(calls.map((call) => call.toolName)).toEqual(['weather', 'time']);
      expect(calls[0]?.toolCallId).toMatch(/^call_[0-9a-f]{24}$/);
      expect(result.text).toBe(
        `Tool results: ${calls[0]?.toolCallId}=sunny in mock; ${calls[1]?.toolCallId}=noon`,
      );
    });

    it(`${label}: streamText streams the call and the answer`, async () => {
      const result = streamText({
        model: model(),
        prompt: 'weather',
        tools,
        stopWhen: ({ steps }) => steps.length >= 3,
      });
      const steps = await result.steps;
      expect(await result.text).toBe(`Tool results: ${steps[0]?.toolCalls[0]?.toolCallId}=sunny in mock`);
    });
  }

  it('xAI sends each tool call whole in one delta, with reasoning_content before it', async () => {
    const response = await fetch(`${mock.baseUrl('xai')}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'grok-4-fast',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
        tools: [
          { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } },
        ],
      }),
    });
    const chunks = (await response.text())
      .split('\n\n')
      .filter((block) => block.startsWith('data: {'))
      .map((block) => JSON.parse(block.slice(6)).choices[0]);
    const calls = chunks.filter((choice) => choice?.delta?.tool_calls);
    expect(calls).toHaveLength(1);
    expect(calls[0].delta.tool_calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'f', arguments: '{}' },
    });
    expect(chunks[0].delta.reasoning_content).toBeTruthy();
    expect(chunks.at(-1).finish_reason).toBe('tool_calls');
  });

  it('xAI refuses reasoning_effort on models other than grok-3-mini, and unknown models', async () => {
    const ask = (body: Record<string, unknown>) =>
      fetch(`${mock.baseUrl('xai')}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], ...body }),
      });
    const refused = await ask({ model: 'grok-4-fast', reasoning_effort: 'low' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'Client specified an invalid argument',
      error: expect.stringContaining('reasoningEffort'),
    });
    expect((await ask({ model: 'grok-3-mini', reasoning_effort: 'high' })).status).toBe(200);
    expect((await ask({ model: 'grok-nope' })).status).toBe(404);
  });
});

describe('Ollama native tools, thinking and images', () => {
  const chat = async (body: Record<string, unknown>) => {
    const response = await fetch(`${mock.baseUrl('ollama')}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ stream: false, ...body }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const weather = {
    type: 'function',
    function: {
      name: 'weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  };
  const time = {
    type: 'function',
    function: { name: 'time', parameters: { type: 'object', properties: {} } },
  };

  it('calls tools with arguments as objects, several for "parallel", and quotes the tool messages', async () => {
    const first = await chat({
      model: 'llama3',
      messages: [{ role: 'user', content: 'in parallel' }],
      tools: [weather, time],
    });
    expect(first.body.message.tool_calls).toEqual([
      { function: { index: 0, name: 'weather', arguments: { city: 'mock' } } },
      { function: { index: 1, name: 'time', arguments: {} } },
    ]);
    const second = await chat({
      model: 'llama3',
      tools: [weather, time],
      messages: [
        { role: 'user', content: 'in parallel' },
        first.body.message,
        { role: 'tool', tool_name: 'weather', content: 'sunny' },
        { role: 'tool', content: 'noon' },
      ],
    });
    expect(second.body.message.content).toBe('Tool results: weather=sunny; #1=noon');
  });

  it('refuses string tool-call arguments (as OpenAI would send them), unknown models, think on llama3', async () => {
    const stringArgs = await chat({
      model: 'llama3',
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { name: 'weather', arguments: '{"city":"x"}' } }],
        },
      ],
    });
    expect(stringArgs).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('cannot unmarshal string') },
    });
    expect(await chat({ model: 'mistral:7b', messages: [] })).toMatchObject({
      status: 404,
      body: { error: 'model "mistral:7b" not found, try pulling it first' },
    });
    expect(
      await chat({ model: 'llama3', think: true, messages: [{ role: 'user', content: 'x' }] }),
    ).toMatchObject({
      status: 400,
      body: { error: '"llama3:latest" does not support thinking' },
    });
  });

  it('thinks on a thinking model, stops at num_predict, and sees images', async () => {
    const thought = await chat({
      model: 'qwen3:8b',
      think: true,
      messages: [{ role: 'user', content: 'a b' }],
    });
    expect(thought.body.message).toMatchObject({ thinking: 'Thinking about: a b', content: 'Echo: a b' });
    const cut = await chat({
      model: 'llama3',
      options: { num_predict: 2 },
      messages: [{ role: 'user', content: 'a b c' }],
    });
    expect(cut.body).toMatchObject({ message: { content: 'Echo: a' }, done_reason: 'length', eval_count: 2 });
    const seen = await chat({
      model: 'llama3',
      messages: [{ role: 'user', content: 'what?', images: [PNG] }],
    });
    expect(seen.body.message.content).toBe('Echo: what? [Saw 1 image(s) (image/png)]');
    expect(
      (
        await chat({
          model: 'llama3',
          messages: [{ role: 'user', content: 'x', images: ['data:image/png;base64,xx'] }],
        })
      ).status,
    ).toBe(400);
  });
});
