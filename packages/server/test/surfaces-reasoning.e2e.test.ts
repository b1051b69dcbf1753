import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { type APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';
import { isChatCall, WEATHER_SCHEMA } from './support/surface-kinds.js';

let gw: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  gw = await startTestGateway();
  openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused-in-local-mode', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'unused-in-local-mode', maxRetries: 0 });
});
afterAll(async () => gw?.close());

const CLAUDE = 'anthropic:claude-haiku-4-5-20251001';
const GEMINI = 'google:gemini-2.5-flash';

function upstreamBody(kind: string) {
  const calls = gw.mock.requests.filter((request) => isChatCall(kind, request.path));
  expect(calls).toHaveLength(1);
  return calls[0]?.body as Record<string, unknown>;
}

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: WEATHER_SCHEMA },
};

describe('reasoning through Chat Completions', () => {
  it('reasoning_effort becomes Anthropic extended thinking; its text and signature come back, and a next turn verifies', async () => {
    gw.mock.clear();
    const first = await openai.chat.completions.create({
      model: CLAUDE,
      reasoning_effort: 'high',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weatherTool],
    });
    expect(upstreamBody('anthropic').thinking).toEqual({ type: 'enabled', budget_tokens: 16384 });
    const message = first.choices[0]?.message as OpenAI.Chat.ChatCompletionMessage & {
      reasoning_content?: string;
      reasoning_details?: Array<{ type: string; text: string; signature: string }>;
    };
    expect(message.reasoning_content).toBe('Thinking about: What is the weather in Paris?');
    expect(message.reasoning_details?.[0]?.signature).toMatch(/\S{20,}/);
    const call = message.tool_calls?.[0];
    if (!call) throw new Error('no tool call');

    // Anthropic wants the signed thinking back before the tool_use; the mock verifies the signature.
    gw.mock.clear();
    const second = await openai.chat.completions.create({
      model: CLAUDE,
      reasoning_effort: 'high',
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        { ...message, content: message.content ?? '' } as OpenAI.Chat.ChatCompletionAssistantMessageParam,
        { role: 'tool', tool_call_id: call.id, content: '18C' },
      ],
      tools: [weatherTool],
    });
    const sent = (
      upstreamBody('anthropic').messages as Array<{ content: Array<{ type: string; signature?: string }> }>
    )[1];
    expect(sent?.content[0]).toMatchObject({
      type: 'thinking',
      signature: message.reasoning_details?.[0]?.signature,
    });
    expect(second.choices[0]?.message.content).toBe(`Tool results: ${call.id}=18C`);
  });

  it('streams reasoning_content deltas before the text, and reasoning tokens in the usage chunk', async () => {
    gw.mock.clear();
    const stream = await openai.chat.completions.create({
      model: GEMINI,
      reasoning_effort: 'low',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hello there' }],
    });
    let reasoning = '';
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      if (delta?.reasoning_content) {
        expect(text).toBe('');
        reasoning += delta.reasoning_content;
      }
      text += delta?.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(upstreamBody('google').generationConfig).toMatchObject({
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
    expect(reasoning).toBe('Thinking about: hello there');
    expect(text).toBe('Echo: hello there');
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBe(4);
  });

  it('refuses a control the provider has no equivalent for, naming the field', async () => {
    gw.mock.clear();
    const error = (await openai.chat.completions
      .create({
        model: GEMINI,
        parallel_tool_calls: false,
        messages: [{ role: 'user', content: 'x' }],
        tools: [weatherTool],
      })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('"parallel_tool_calls"');
    expect(gw.mock.requests).toHaveLength(0);
  });
});

describe('thinking through Messages', () => {
  it('passes thinking through to Anthropic with the signature intact, streamed and back on the next turn', async () => {
    gw.mock.clear();
    const request = {
      model: CLAUDE,
      max_tokens: 4096,
      thinking: { type: 'enabled' as const, budget_tokens: 2048 },
      messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
      tools: [{ name: 'get_weather', input_schema: WEATHER_SCHEMA as unknown as Anthropic.Tool.InputSchema }],
    };
    const first = await anthropic.messages.stream(request).finalMessage();
    const thinking = first.content[0] as Anthropic.ThinkingBlock;
    expect(thinking).toMatchObject({ type: 'thinking', thinking: 'Thinking about: Weather in Paris?' });
    const toolUse = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
    if (!toolUse) throw new Error('no tool_use');
    gw.mock.clear();
    const second = await anthropic.messages.create({
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18C' }] },
      ],
    });
    expect(second.content.at(-1)).toMatchObject({ type: 'text', text: `Tool results: ${toolUse.id}=18C` });
    // Passed through as sent: the signature reached Anthropic byte for byte.
    const raw = gw.mock.requests.find((entry) => entry.path.endsWith('/messages'))?.rawBody ?? '';
    expect(raw).toContain(thinking.signature);
  });

  it.each([
    {
      model: GEMINI,
      kind: 'google',
      check: (body: Record<string, unknown>) =>
        expect(body.generationConfig).toMatchObject({
          thinkingConfig: { thinkingBudget: 3000, includeThoughts: true },
        }),
      thought: 'Thinking about: hi',
    },
    {
      model: 'xai:grok-3-mini',
      kind: 'xai',
      check: (body: Record<string, unknown>) => expect(body.reasoning_effort).toBe('high'),
      thought: 'The user wants their message echoed back.',
    },
  ])(
    'maps thinking to $kind and answers its reasoning as a thinking block',
    async ({ model, kind, check, thought }) => {
      gw.mock.clear();
      for (const stream of [false, true]) {
        gw.mock.clear();
        const request = {
          model,
          max_tokens: 8000,
          thinking: { type: 'enabled' as const, budget_tokens: 3000 },
          messages: [{ role: 'user' as const, content: 'hi' }],
        };
        const message = stream
          ? await anthropic.messages.stream(request).finalMessage()
          : await anthropic.messages.create(request);
        check(upstreamBody(kind));
        expect(message.content[0]).toMatchObject({ type: 'thinking', thinking: thought });
        expect(message.content.at(-1)).toMatchObject({ type: 'text', text: 'Echo: hi' });
      }
    },
  );
});

describe('reasoning through Responses', () => {
  it('answers a reasoning item whose encrypted_content carries the Anthropic signature to the next turn', async () => {
    gw.mock.clear();
    const tools: OpenAI.Responses.Tool[] = [
      { type: 'function', name: 'get_weather', parameters: WEATHER_SCHEMA as never, strict: true },
    ];
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await openai.responses
      .stream({ model: CLAUDE, input, tools, reasoning: { effort: 'low' }, store: false })
      .finalResponse();
    const reasoning = first.output[0] as OpenAI.Responses.ResponseReasoningItem;
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Thinking about: Weather in Paris?' }],
    });
    expect(reasoning.encrypted_content).toMatch(/\S{20,}/);
    const call = (first.output as OpenAI.Responses.ResponseOutputItem[]).find(
      (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
    );
    if (!call) throw new Error('no function_call');
    gw.mock.clear();
    const second = await openai.responses.create({
      model: CLAUDE,
      tools,
      reasoning: { effort: 'low' },
      store: false,
      input: [
        ...input,
        reasoning,
        call,
        { type: 'function_call_output', call_id: call.call_id, output: '18C' },
      ],
    });
    expect(second.output_text).toBe(`Tool results: ${call.call_id}=18C`);
  });

  it('counts reasoning tokens of an OpenAI reasoning model, with the effort asked', async () => {
    gw.mock.clear();
    const response = await openai.responses.create({
      model: 'openai:gpt-5-mini',
      input: 'hi',
      reasoning: { effort: 'high' },
    });
    expect(upstreamBody('openai').reasoning_effort).toBe('high');
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(64);
    expect(response.output_text).toBe('Echo: hi');
  });

  it('refuses previous_response_id with a clear 400', async () => {
    const error = (await openai.responses
      .create({ model: CLAUDE, input: 'hi', previous_response_id: 'resp_123' })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('previous_response_id');
  });
});
