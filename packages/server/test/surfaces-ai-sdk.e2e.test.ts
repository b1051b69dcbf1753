import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type LanguageModel, Output, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';
import { isChatCall, KINDS } from './support/surface-kinds.js';

let gw: TestGateway;
let models: Record<string, (model: string) => LanguageModel>;

beforeAll(async () => {
  gw = await startTestGateway();
  const openai = createOpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused-in-local-mode' });
  const anthropic = createAnthropic({ baseURL: `${gw.url}/v1`, apiKey: 'unused-in-local-mode' });
  models = {
    'chat-completions': (model) => openai.chat(model),
    responses: (model) => openai.responses(model),
    messages: (model) => anthropic(model),
  };
});
afterAll(async () => gw?.close());

const SURFACES = ['chat-completions', 'responses', 'messages'] as const;
const CELLS = SURFACES.flatMap((surface) => KINDS.map((kind) => ({ surface, ...kind })));

describe.each(CELLS)('the AI SDK on $surface -> $kind', ({ surface, kind, model }) => {
  const sdkModel = () => (models[surface] as (id: string) => LanguageModel)(model);

  it('runs a multi-step tool loop with generateText: the call, its result, the answer that quotes it', async () => {
    gw.mock.clear();
    const seen: unknown[] = [];
    const result = await generateText({
      model: sdkModel(),
      maxRetries: 0,
      maxOutputTokens: 500,
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Weather of a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async (input) => {
            seen.push(input);
            return `18C in ${input.city}`;
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(seen).toEqual([{ city: 'mock' }]);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toContain('Tool results: ');
    expect(result.text).toContain('18C in mock');
    expect(gw.mock.requests.filter((request) => isChatCall(kind, request.path))).toHaveLength(2);
  });

  it('streams text with streamText', async () => {
    const result = streamText({
      model: sdkModel(),
      maxRetries: 0,
      maxOutputTokens: 500,
      prompt: 'stream me',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Echo: stream me');
    expect((await result.usage).inputTokens).toBeGreaterThan(0);
  });

  it('answers an object for a schema with Output.object', async () => {
    const result = await generateText({
      model: sdkModel(),
      maxRetries: 0,
      maxOutputTokens: 500,
      prompt: 'Describe a city as JSON',
      output: Output.object({ schema: z.object({ name: z.string(), population: z.number() }) }),
    });
    expect(result.output).toEqual({ name: expect.any(String), population: expect.any(Number) });
  });
});
