import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { generateText, streamText, tool } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AUTOMATIC_CACHE_MIN_TOKENS, type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const google = () => createGoogleGenerativeAI({ baseURL: mock.baseUrl('google'), apiKey: 'g-test' });
const post = async (model: string, body: unknown, method = 'generateContent') => {
  const response = await fetch(`${mock.baseUrl('google')}/models/${model}:${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'g-test' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const declarations = [
  {
    name: 'weather',
    parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
  {
    name: 'time',
    parameters: {
      type: 'OBJECT',
      properties: { zone: { type: 'STRING', enum: ['UTC'] } },
      required: ['zone'],
    },
  },
];
const user = (text: string) => ({ role: 'user', parts: [{ text }] });

describe('Gemini function calling', () => {
  it('answers functionCall parts (one per declaration for "parallel"), finishReason STOP, no ids', async () => {
    const one = await post('gemini-2.5-flash', {
      contents: [user('weather?')],
      tools: [{ functionDeclarations: declarations }],
    });
    expect(one.body.candidates[0]).toMatchObject({
      content: { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'mock' } } }] },
      finishReason: 'STOP',
    });
    expect(one.body.candidates[0].content.parts[0].functionCall.id).toBeUndefined();
    const both = await post('gemini-2.5-flash', {
      contents: [user('in parallel')],
      tools: [{ functionDeclarations: declarations }],
    });
    expect(both.body.candidates[0].content.parts.map((part: any) => part.functionCall.name)).toEqual([
      'weather',
      'time',
    ]);
  });

  it('follows functionCallingConfig: ANY with allowedFunctionNames, NONE', async () => {
    const tools = [{ functionDeclarations: declarations }];
    const forced = await post('gemini-2.5-flash', {
      contents: [user('x')],
      tools,
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['time'] } },
    });
    expect(forced.body.candidates[0].content.parts[0].functionCall).toEqual({
      name: 'time',
      args: { zone: 'UTC' },
    });
    const none = await post('gemini-2.5-flash', {
      contents: [user('x')],
      tools,
      tool_config: { function_calling_config: { mode: 'NONE' } },
    });
    expect(none.body.candidates[0].content.parts[0].text).toBe('Echo: x');
  });

  it('quotes functionResponse parts by id, else by name, after the call turn', async () => {
    const answer = await post('gemini-2.5-flash', {
      tools: [{ functionDeclarations: declarations }],
      contents: [
        user('in parallel'),
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'weather', args: {} } },
            { functionCall: { name: 'time', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'weather', response: { name: 'weather', content: 'sunny' } } },
            { functionResponse: { id: 't1', name: 'time', response: { hour: 12 } } },
          ],
        },
      ],
    });
    expect(answer.body.candidates[0].content.parts[0].text).toBe(
      'Tool results: weather=sunny; t1={"hour":12}',
    );
  });

  it('refuses what Gemini refuses', async () => {
    const refused = async (body: Record<string, unknown>, model = 'gemini-2.5-flash') => {
      const { status, body: answer } = await post(model, { contents: [user('x')], ...body });
      return { status, message: String(answer.error?.message), code: answer.error?.status };
    };
    expect(await refused({ prompt: 'x' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('Unknown name "prompt"'),
    });
    expect(await refused({}, 'gemini-nope')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(await refused({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })).toMatchObject({
      status: 400,
      code: 'INVALID_ARGUMENT',
    });
    expect(await refused({ tools: [{ functionDeclarations: [{ name: '1bad name' }] }] })).toMatchObject({
      status: 400,
      message: expect.stringContaining('Invalid function name'),
    });
    expect(
      await refused({
        contents: [
          user('x'),
          { role: 'user', parts: [{ functionResponse: { name: 'weather', response: {} } }] },
        ],
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('function response turn comes immediately after a function call turn'),
    });
    expect(
      await refused({
        contents: [
          user('x'),
          {
            role: 'model',
            parts: [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: {} } }],
          },
          { role: 'user', parts: [{ functionResponse: { name: 'a', response: {} } }] },
        ],
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('number of function response parts is equal'),
    });
    expect(
      await refused({
        toolConfig: { functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['weather'] } },
        tools: [{ functionDeclarations: declarations }],
      }),
    ).toMatchObject({
      status: 400,
    });
    expect(
      await refused({ generationConfig: { thinkingConfig: { thinkingBudget: 0 } } }, 'gemini-2.5-pro'),
    ).toMatchObject({
      status: 400,
      message: 'Budget 0 is invalid. This model only works in thinking mode.',
    });
    expect(
      await refused({
        contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: 'not base64!' } }] }],
      }),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('Base64 decoding failed'),
    });
  });
});

describe('Gemini thinking, caching, length and images', () => {
  it('reports thoughtsTokenCount, and thought parts with includeThoughts (streamed first)', async () => {
    const config = { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } };
    const { body } = await post('gemini-2.5-flash', { contents: [user('a b')], generationConfig: config });
    expect(body.candidates[0].content.parts).toEqual([
      { text: 'Thinking about: a b', thought: true },
      { text: 'Echo: a b' },
    ]);
    expect(body.usageMetadata).toMatchObject({
      thoughtsTokenCount: 4,
      candidatesTokenCount: 3,
      totalTokenCount: 9,
    });
    const hidden = await post('gemini-2.5-flash', {
      contents: [user('a b')],
      generationConfig: { thinkingConfig: { thinkingBudget: 512 } },
    });
    expect(hidden.body.candidates[0].content.parts).toEqual([{ text: 'Echo: a b' }]);
    expect(hidden.body.usageMetadata.thoughtsTokenCount).toBe(4);
    const result = streamText({
      model: google()('gemini-2.5-flash'),
      prompt: 'a b',
      providerOptions: { google: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } } },
    });
    expect(await result.reasoningText).toBe('Thinking about: a b');
    expect(await result.text).toBe('Echo: a b');
    expect((await result.usage).outputTokenDetails.reasoningTokens).toBe(4);
  });

  it('reports cachedContentTokenCount for a long prefix seen before', async () => {
    const long = Array.from({ length: AUTOMATIC_CACHE_MIN_TOKENS }, (_, i) => `w${i}`).join(' ');
    const first = await post('gemini-2.5-flash', { contents: [user(long)] });
    expect(first.body.usageMetadata.cachedContentTokenCount).toBeUndefined();
    const second = await post('gemini-2.5-flash', {
      contents: [user(long), { role: 'model', parts: [{ text: 'ok' }] }, user('more')],
    });
    expect(second.body.usageMetadata).toMatchObject({
      cachedContentTokenCount: AUTOMATIC_CACHE_MIN_TOKENS,
      promptTokenCount: AUTOMATIC_CACHE_MIN_TOKENS + 2,
    });
  });

  it('signs the first function call of a thinking answer with a thoughtSignature', async () => {
    const { body } = await post('gemini-2.5-flash', {
      contents: [user('in parallel')],
      tools: [{ functionDeclarations: declarations }],
      generationConfig: { thinkingConfig: { thinkingBudget: 1024 } },
    });
    const [first, second] = body.candidates[0].content.parts;
    expect(first.thoughtSignature).toEqual(expect.any(String));
    expect(second.thoughtSignature).toBeUndefined();
  });

  it('cuts at maxOutputTokens with finishReason MAX_TOKENS', async () => {
    const { body } = await post('gemini-2.5-flash', {
      contents: [user('a b c d e')],
      generationConfig: { maxOutputTokens: 3 },
    });
    expect(body.candidates[0]).toMatchObject({
      content: { parts: [{ text: 'Echo: a b' }] },
      finishReason: 'MAX_TOKENS',
    });
  });

  it('says it saw an inlineData image', async () => {
    const result = await generateText({
      model: google()('gemini-2.5-flash'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what?' },
            { type: 'image', image: Buffer.from(PNG, 'base64'), mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(result.text).toBe('Echo: what? [Saw 1 image(s) (image/png)]');
  });

  it('runs an AI SDK multi-step parallel tool loop', async () => {
    const result = await generateText({
      model: google()('gemini-2.5-flash'),
      prompt: 'both in parallel',
      tools: {
        weather: tool({
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `sunny in ${city}`,
        }),
        time: tool({ inputSchema: z.object({ zone: z.enum(['UTC']) }), execute: async () => 'noon' }),
      },
      stopWhen: ({ steps }) => steps.length >= 3,
    });
    const calls = result.steps[0]?.toolCalls ?? [];
    expect(calls.map((call) => call.toolName)).toEqual(['weather', 'time']);
    expect(result.text).toBe(
      `Tool results: ${calls[0]?.toolCallId}=sunny in mock; ${calls[1]?.toolCallId}=noon`,
    );
  });
});
