import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockProviders();
  client = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const weather: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const time: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'time',
    parameters: {
      type: 'object',
      properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } },
      required: ['zone'],
    },
  },
};

/** Collects a streamed completion's tool calls the way the SDK's own accumulator does, and the deltas. */
async function streamCalls(request: OpenAI.ChatCompletionCreateParamsStreaming) {
  const deltas: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
  const finish: (string | null)[] = [];
  for await (const chunk of await client.chat.completions.create(request)) {
    const choice = chunk.choices[0];
    if (choice?.delta.tool_calls) deltas.push(...choice.delta.tool_calls);
    if (choice?.finish_reason) finish.push(choice.finish_reason);
  }
  return { deltas, finish };
}

describe('Chat Completions tools', () => {
  it('calls the first tool with schema-sampled arguments and an OpenAI call id', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weather, time],
    });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      type: 'function',
      function: { name: 'weather', arguments: '{"city":"mock"}' },
    });
    expect(calls[0]?.id).toMatch(/^call_[0-9a-f]{24}$/);
  });

  it('calls every tool at once when the user asks for "parallel" calls, one when parallel_tool_calls is off', async () => {
    const ask = (parallel?: boolean) =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'check both in parallel please' }],
        tools: [weather, time],
        ...(parallel !== undefined && { parallel_tool_calls: parallel }),
      });
    const both = (await ask()).choices[0]?.message.tool_calls ?? [];
    expect(both.map((call) => call.type === 'function' && call.function.name)).toEqual(['weather', 'time']);
    expect(new Set(both.map((call) => call.id)).size).toBe(2);
    expect((await ask(false)).choices[0]?.message.tool_calls).toHaveLength(1);
  });

  it('follows tool_choice: a named tool, none, and required after tool results', async () => {
    const named = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [weather, time],
      tool_choice: { type: 'function', function: { name: 'time' } },
    });
    expect(named.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'time', arguments: '{"zone":"UTC"}' },
    });
    const none = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [weather],
      tool_choice: 'none',
    });
    expect(none.choices[0]?.message.content).toBe('Echo: hi');
  });

  it('streams tool calls as OpenAI does: index, id and name on the first delta only, argument fragments after', async () => {
    const { deltas, finish } = await streamCalls({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'both, in parallel' }],
      tools: [weather, time],
    });
    expect(finish).toEqual(['tool_calls']);
    for (const index of [0, 1]) {
      const own = deltas.filter((delta) => delta.index === index);
      expect(own[0]).toMatchObject({
        index,
        type: 'function',
        id: expect.stringMatching(/^call_/),
        function: { arguments: '' },
      });
      expect(
        own.slice(1).every((delta) => delta.id === undefined && delta.function?.name === undefined),
      ).toBe(true);
      expect(own.length).toBeGreaterThan(2);
      expect(own.map((delta) => delta.function?.arguments ?? '').join('')).toBe(
        index === 0 ? '{"city":"mock"}' : '{"zone":"UTC"}',
      );
    }
  });

  it('answers a turn of tool results by quoting each result with its call id', async () => {
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'in parallel' }],
      tools: [weather, time],
    });
    const message = first.choices[0]?.message as OpenAI.ChatCompletionMessage;
    const [a, b] = message.tool_calls ?? [];
    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools: [weather, time],
      messages: [
        { role: 'user', content: 'in parallel' },
        message,
        { role: 'tool', tool_call_id: String(a?.id), content: '20C' },
        { role: 'tool', tool_call_id: String(b?.id), content: [{ type: 'text', text: '12:00' }] },
      ],
    });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe(`Tool results: ${a?.id}=20C; ${b?.id}=12:00`);
  });
});

describe('Chat Completions tool refusals', () => {
  const refusal = (request: Record<string, unknown>) =>
    client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], ...request } as never)
      .then(
        () => undefined,
        (error: InstanceType<typeof OpenAI.APIError>) => ({
          status: error.status,
          param: error.param,
          message: error.message,
        }),
      );
  const call = { id: 'call_abc', type: 'function', function: { name: 'weather', arguments: '{}' } } as const;

  it('refuses a tool message whose tool_call_id the previous assistant message did not make', async () => {
    expect(
      await refusal({
        tools: [weather],
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: 'call_other', content: 'r' },
        ],
      }),
    ).toMatchObject({
      status: 400,
      param: 'messages.[2].tool_call_id',
      message: expect.stringContaining("'call_other' not found"),
    });
  });

  it('refuses a tool message with no assistant tool_calls before it, and calls left unanswered', async () => {
    expect(
      await refusal({
        messages: [
          { role: 'user', content: 'x' },
          { role: 'tool', tool_call_id: 'call_abc', content: 'r' },
        ],
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining("must be a response to a preceeding message with 'tool_calls'"),
    });
    expect(
      await refusal({
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'user', content: 'y' },
        ],
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('did not have response messages: call_abc'),
    });
  });

  it('refuses malformed tool definitions and choices', async () => {
    const bad = (fn: Record<string, unknown>) => refusal({ tools: [{ type: 'function', function: fn }] });
    expect(await bad({ name: 'has space', parameters: { type: 'object' } })).toMatchObject({
      status: 400,
      param: 'tools[0].function.name',
    });
    expect(await bad({ name: 'x'.repeat(65) })).toMatchObject({
      status: 400,
      message: expect.stringContaining('maximum length 64'),
    });
    expect(await bad({ name: 'f', parameters: { type: 'string' } })).toMatchObject({
      status: 400,
      message: expect.stringContaining(`schema must be a JSON Schema of 'type: "object"'`),
    });
    expect(
      await bad({
        name: 'f',
        strict: true,
        parameters: { type: 'object', properties: { a: { type: 'string' } } },
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining("'additionalProperties' is required to be supplied and to be false"),
    });
    expect(await refusal({ tools: [{ type: 'retrieval' }] })).toMatchObject({
      status: 400,
      param: 'tools[0].type',
    });
    expect(await refusal({ tools: [] })).toMatchObject({ status: 400, param: 'tools' });
    expect(await refusal({ tool_choice: 'auto' })).toMatchObject({ status: 400, param: 'tool_choice' });
    expect(await refusal({ parallel_tool_calls: true })).toMatchObject({
      status: 400,
      param: 'parallel_tool_calls',
    });
    expect(
      await refusal({ tools: [weather], tool_choice: { type: 'function', function: { name: 'nope' } } }),
    ).toMatchObject({
      status: 400,
      param: 'tool_choice',
    });
  });
});

describe('Responses tools', () => {
  it('answers function_call items, several for "parallel", and quotes function_call_output results', async () => {
    const tools: OpenAI.Responses.FunctionTool[] = [
      { type: 'function', name: 'weather', strict: false, parameters: weather.function.parameters ?? null },
      { type: 'function', name: 'time', strict: false, parameters: time.function.parameters ?? null },
    ];
    const first = await client.responses.create({ model: 'gpt-4o', input: 'both in parallel', tools });
    const calls = first.output.filter((item) => item.type === 'function_call');
    expect(calls.map((item) => [item.name, item.arguments])).toEqual([
      ['weather', '{"city":"mock"}'],
      ['time', '{"zone":"UTC"}'],
    ]);
    expect(calls[0]?.call_id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(calls[0]?.id).toMatch(/^fc_[0-9a-f]{24}$/);
    const second = await client.responses.create({
      model: 'gpt-4o',
      tools,
      input: [
        { role: 'user', content: 'both in parallel' },
        ...calls,
        ...calls.map((item, i) => ({
          type: 'function_call_output' as const,
          call_id: item.call_id,
          output: `r${i}`,
        })),
      ],
    });
    expect(second.output_text).toBe(`Tool results: ${calls[0]?.call_id}=r0; ${calls[1]?.call_id}=r1`);
  });

  it('streams a function call: output_item.added, argument deltas, arguments.done, output_item.done', async () => {
    const stream = await client.responses.create({
      model: 'gpt-4o',
      input: 'weather',
      stream: true,
      tools: [
        { type: 'function', name: 'weather', strict: false, parameters: weather.function.parameters ?? null },
      ],
    });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('response.created');
    expect(types.filter((type) => type === 'response.function_call_arguments.delta').length).toBeGreaterThan(
      1,
    );
    const added = events.find((event) => event.type === 'response.output_item.added');
    expect(added).toMatchObject({
      item: { type: 'function_call', name: 'weather', arguments: '', status: 'in_progress' },
    });
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');
    expect(done).toMatchObject({ arguments: '{"city":"mock"}' });
    expect(types.slice(-2)).toEqual(['response.output_item.done', 'response.completed']);
  });

  it('refuses a function_call_output whose call_id no function_call made', async () => {
    await expect(
      client.responses.create({
        model: 'gpt-4o',
        input: [{ type: 'function_call_output', call_id: 'call_missing', output: 'r' }],
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(
        'No tool call found for function call output with call_id call_missing',
      ),
    });
  });
});

describe('AI SDK multi-step tool loops against the OpenAI formats', () => {
  const provider = () => createOpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test' });
  const tools = {
    weather: tool({
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => `sunny in ${city}`,
    }),
    time: tool({
      inputSchema: z.object({ zone: z.enum(['UTC', 'CET']) }),
      execute: async ({ zone }) => `noon ${zone}`,
    }),
  };
  for (const [label, model] of [
    ['responses', () => provider()('gpt-5-mini')],
    ['chat', () => provider().chat('gpt-5-mini')],
  ] as const) {
    it(`${label}: parallel calls, results back, a final text naming each id`, async () => {
      const result = await generateText({
        model: model(),
        prompt: 'use both in parallel',
        tools,
        stopWhen: ({ steps }) => steps.length >= 3,
      });
      const calls = result.steps[0]?.toolCalls ?? [];
      expect(calls.map((call) => call.toolName)).toEqual(['weather', 'time']);
      expect(result.steps).toHaveLength(2);
      expect(result.text).toBe(
        `Tool results: ${calls[0]?.toolCallId}=sunny in mock; ${calls[1]?.toolCallId}=noon UTC`,
      );
    });

    it(`${label}: streamText runs the same loop`, async () => {
      const result = streamText({
        model: model(),
        prompt: 'weather',
        tools,
        stopWhen: ({ steps }) => steps.length >= 3,
      });
      const steps = await result.steps;
      const id = steps[0]?.toolCalls[0]?.toolCallId;
      expect(await result.text).toBe(`Tool results: ${id}=sunny in mock`);
    });
  }
});
