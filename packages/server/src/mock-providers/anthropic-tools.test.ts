import { createAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { generateText, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type MockProviders, startMockProviders } from './index.js';
import { signThinking } from './thinking-signature.js';

let mock: MockProviders;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockProviders();
  client = new Anthropic({ baseURL: `${mock.url}/anthropic`, apiKey: 'ant-test', maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const MODEL = 'claude-sonnet-4-5-20250929';
const weather: Anthropic.Tool = {
  name: 'weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const time: Anthropic.Tool = {
  name: 'time',
  input_schema: {
    type: 'object',
    properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } },
    required: ['zone'],
  },
};

const refusal = (request: Record<string, unknown>) =>
  client.messages
    .create({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
      ...request,
    } as never)
    .then(
      () => undefined,
      (error: InstanceType<typeof Anthropic.APIError>) => ({
        status: error.status,
        type: (error.error as { error?: { type?: string } } | undefined)?.error?.type,
        message: error.message,
      }),
    );

describe('Anthropic tools', () => {
  it('answers tool_use blocks with toolu_ ids, one per tool for "parallel", stop_reason tool_use', async () => {
    const one = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'weather?' }],
    });
    expect(one.stop_reason).toBe('tool_use');
    expect(one.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_01[0-9a-f]{22}$/),
        name: 'weather',
        input: { city: 'mock' },
      },
    ]);
    const both = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'both in parallel' }],
    });
    expect(both.content.map((block) => block.type === 'tool_use' && block.name)).toEqual(['weather', 'time']);
    const single = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weather, time],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'both in parallel' }],
    });
    expect(single.content).toHaveLength(1);
  });

  it('quotes tool_result blocks with their tool_use ids (errors marked)', async () => {
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'in parallel' }],
    });
    const ids = first.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools: [weather, time],
      messages: [
        { role: 'user', content: 'in parallel' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: String(ids[0]), content: '20C' },
            {
              type: 'tool_result',
              tool_use_id: String(ids[1]),
              content: [{ type: 'text', text: 'down' }],
              is_error: true,
            },
          ],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([
      { type: 'text', text: `Tool results: ${ids[0]}=20C; ${ids[1]}=error: down` },
    ]);
  });

  it('streams tool_use as content_block_start (input {}), input_json_delta fragments, content_block_stop', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 100,
      tools: [weather, time],
      messages: [{ role: 'user', content: 'parallel' }],
    });
    const events: Anthropic.MessageStreamEvent[] = [];
    stream.on('streamEvent', (event) => events.push(event));
    const final = await stream.finalMessage();
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => event.content_block)).toEqual([
      expect.objectContaining({ type: 'tool_use', name: 'weather', input: {} }),
      expect.objectContaining({ type: 'tool_use', name: 'time', input: {} }),
    ]);
    const fragments = events.filter(
      (event) =>
        event.type === 'content_block_delta' && event.index === 0 && event.delta.type === 'input_json_delta',
    );
    expect(fragments.length).toBeGreaterThan(2);
    expect(final.content.map((block) => block.type === 'tool_use' && block.input)).toEqual([
      { city: 'mock' },
      { zone: 'UTC' },
    ]);
    expect(final.stop_reason).toBe('tool_use');
  });

  it('refuses a tool_result with no matching tool_use, and a tool_use left unanswered', async () => {
    const use = { type: 'tool_use', id: 'toolu_01a', name: 'weather', input: {} } as const;
    expect(
      await refusal({
        tools: [weather],
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: [use] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01b', content: 'r' }] },
        ],
      }),
    ).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      message: expect.stringContaining('unexpected `tool_use_id` found in `tool_result` blocks: toolu_01b'),
    });
    expect(
      await refusal({
        tools: [weather],
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', content: [use] },
          { role: 'user', content: 'never mind' },
        ],
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining(
        '`tool_use` ids were found without `tool_result` blocks immediately after: toolu_01a',
      ),
    });
  });

  it('refuses malformed tools and tool choices', async () => {
    expect(await refusal({ tools: [{ name: 'bad name', input_schema: { type: 'object' } }] })).toMatchObject({
      status: 400,
      message: expect.stringContaining('tools.0.custom.name: String should match pattern'),
    });
    expect(await refusal({ tools: [{ name: 'f' }] })).toMatchObject({
      message: expect.stringContaining('tools.0.custom.input_schema: Field required'),
    });
    expect(await refusal({ tools: [{ name: 'f', input_schema: { type: 'string' } }] })).toMatchObject({
      message: expect.stringContaining("input_schema.type: Input should be 'object'"),
    });
    expect(await refusal({ tools: [weather], tool_choice: { type: 'tool', name: 'nope' } })).toMatchObject({
      status: 400,
    });
    expect(await refusal({ tool_choice: { type: 'auto' } })).toMatchObject({ status: 400 });
  });

  it('refuses what Messages refuses outside tools: no max_tokens, an unknown field, an unknown model, a bad role', async () => {
    const noMax = await client.messages
      .create({ model: MODEL, messages: [{ role: 'user', content: 'x' }] } as never)
      .catch((error: InstanceType<typeof Anthropic.APIError>) => error);
    expect(noMax).toMatchObject({
      status: 400,
      message: expect.stringContaining('max_tokens: Field required'),
    });
    expect(await refusal({ frequency_penalty: 1 })).toMatchObject({
      status: 400,
      message: expect.stringContaining('frequency_penalty: Extra inputs are not permitted'),
    });
    expect(await refusal({ model: 'claude-nope' })).toMatchObject({ status: 404, type: 'not_found_error' });
    expect(await refusal({ messages: [{ role: 'system', content: 'x' }] })).toMatchObject({ status: 400 });
    expect(await refusal({ messages: [{ role: 'user', content: [] }] })).toMatchObject({ status: 400 });
  });
});

describe('Anthropic thinking', () => {
  const thinking = { type: 'enabled', budget_tokens: 1024 } as const;

  it('starts the answer with a thinking block whose signature is an HMAC of its text', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 2000,
      thinking,
      messages: [{ role: 'user', content: 'think it over' }],
    });
    const [block, text] = message.content;
    expect(block).toEqual({
      type: 'thinking',
      thinking: 'Thinking about: think it over',
      signature: signThinking('Thinking about: think it over'),
    });
    expect(text).toEqual({ type: 'text', text: 'Echo: think it over' });
    // Thinking words count as output: 5 of thinking, 4 of text.
    expect(message.usage.output_tokens).toBe(9);
  });

  it('streams thinking_delta pieces then one signature_delta', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 2000,
      thinking,
      messages: [{ role: 'user', content: 'a b c' }],
    });
    const kinds: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.index === 0) kinds.push(event.delta.type);
    });
    const final = await stream.finalMessage();
    expect(kinds.at(-1)).toBe('signature_delta');
    expect(kinds.filter((kind) => kind === 'thinking_delta').length).toBeGreaterThan(1);
    expect(final.content[0]).toMatchObject({
      type: 'thinking',
      signature: signThinking('Thinking about: a b c'),
    });
  });

  it('takes its thinking blocks back in a tool loop, and refuses an altered one or a missing one', async () => {
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 2000,
      thinking,
      tools: [weather],
      messages: [{ role: 'user', content: 'weather?' }],
    });
    expect(first.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
    const use = first.content[1] as Anthropic.ToolUseBlock;
    const next = (assistant: Anthropic.ContentBlockParam[]) =>
      refusal({
        max_tokens: 2000,
        thinking,
        tools: [weather],
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: assistant },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'sunny' }] },
        ],
      });
    expect(await next(first.content as Anthropic.ContentBlockParam[])).toBeUndefined();
    const altered = { ...(first.content[0] as Anthropic.ThinkingBlock), thinking: 'something else' };
    expect(await next([altered, use])).toMatchObject({
      status: 400,
      message: expect.stringContaining('Invalid `signature` in `thinking` block'),
    });
    expect(await next([use])).toMatchObject({
      status: 400,
      message: expect.stringContaining('must start with a thinking block'),
    });
  });

  it('refuses temperature, a forced tool, a small budget and a budget not below max_tokens with thinking on', async () => {
    expect(await refusal({ max_tokens: 2000, thinking, temperature: 0.5 })).toMatchObject({
      status: 400,
      message: expect.stringContaining('`temperature` may only be set to 1 when thinking is enabled'),
    });
    expect(
      await refusal({ max_tokens: 2000, thinking, tools: [weather], tool_choice: { type: 'any' } }),
    ).toMatchObject({
      message: expect.stringContaining('Thinking may not be enabled when tool_choice forces tool use'),
    });
    expect(
      await refusal({ max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 100 } }),
    ).toMatchObject({ status: 400 });
    expect(await refusal({ max_tokens: 1024, thinking })).toMatchObject({
      message: expect.stringContaining('`max_tokens` must be greater than `thinking.budget_tokens`'),
    });
  });
});

describe('Anthropic through the AI SDK', () => {
  const anthropic = () => createAnthropic({ baseURL: mock.baseUrl('anthropic'), apiKey: 'ant-test' });
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

  it('runs a multi-step parallel tool loop', async () => {
    const result = await generateText({
      model: anthropic()(MODEL),
      prompt: 'both in parallel',
      tools,
      stopWhen: ({ steps }) => steps.length >= 3,
    });
    const calls = result.steps[0]?.toolCalls ?? [];
    expect(calls.map((call) => call.toolName)).toEqual(['weather', 'time']);
    expect(result.text).toBe(
      `Tool results: ${calls[0]?.toolCallId}=sunny in mock; ${calls[1]?.toolCallId}=noon UTC`,
    );
  });

  it('runs a tool loop with thinking, sending the signed thinking back', async () => {
    const result = streamText({
      model: anthropic()(MODEL),
      prompt: 'weather?',
      tools,
      stopWhen: ({ steps }) => steps.length >= 3,
      providerOptions: { anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } } },
    });
    const steps = await result.steps;
    expect(steps[0]?.reasoningText).toBe('Thinking about: weather?');
    expect(await result.text).toBe(`Tool results: ${steps[0]?.toolCalls[0]?.toolCallId}=sunny in mock`);
    const second = mock.requests.at(-1)?.body as { messages: { content: { type: string }[] }[] };
    expect(second.messages[1]?.content[0]?.type).toBe('thinking');
  });
});
