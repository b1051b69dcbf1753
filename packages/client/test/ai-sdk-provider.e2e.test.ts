import { embedMany, generateObject, generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestGateway, type TestGateway } from '../../server/test/support/start-test-gateway.js';
import { createSwitchboard, type SwitchboardProvider } from '../src/ai-sdk/index.js';
import { createSwitchboardClient } from '../src/index.js';

let gw: TestGateway;
let switchboard: SwitchboardProvider;

beforeAll(async () => {
  gw = await startTestGateway();
  switchboard = createSwitchboard({ baseURL: gw.url });
});
afterAll(async () => gw?.close());

/** A model of every kind, as a user would pick it for their PRD task. */
const CHOICES = [
  ['openai', 'openai:gpt-4o-mini'],
  ['anthropic', 'anthropic:claude-haiku-4-5-20251001'],
  ['google', 'google:gemini-2.5-flash'],
  ['xai', 'xai:grok-4-fast'],
  ['ollama', 'ollama:llama3:latest'],
  ['compat', 'compat:acme/chat-1'],
] as const;

async function choose(task: string, id: string) {
  const client = createSwitchboardClient({ baseURL: gw.url });
  await client.putPreference('local', task, { id });
}

describe.each(CHOICES)('an application naming only the task, with %s chosen', (kind, id) => {
  beforeAll(() => choose('prd_generation', id));

  it('generateText', async () => {
    gw.mock.clear();
    const { text, response, usage } = await generateText({
      model: switchboard.task('prd_generation'),
      prompt: 'draft a PRD for dark mode',
    });
    expect(text).toContain('draft a PRD for dark mode');
    expect(response.modelId).toBe(id);
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(gw.mock.requests.map((request) => request.kind)).toEqual([kind]);
  });

  it('streamText', async () => {
    const result = streamText({ model: switchboard.task('prd_generation'), prompt: 'stream a PRD outline' });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toContain('stream a PRD outline');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it('generateObject', async () => {
    const { object } = await generateObject({
      model: switchboard.task('prd_generation'),
      schema: z.object({ title: z.string(), goals: z.array(z.string()), priority: z.enum(['low', 'high']) }),
      prompt: 'a PRD as an object',
    });
    expect(object).toMatchObject({ title: expect.any(String), goals: expect.any(Array) });
    expect(['low', 'high']).toContain(object.priority);
  });

  it('passes tools through to the task: a multi-step tool loop, streamed', async () => {
    gw.mock.clear();
    const calls: unknown[] = [];
    const result = streamText({
      model: switchboard.task('prd_generation'),
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          inputSchema: z.object({ city: z.string() }),
          execute: async (input) => {
            calls.push(input);
            return '18C';
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(calls).toEqual([{ city: 'mock' }]);
    expect(text).toContain('Tool results: ');
    expect(text).toContain('18C');
    expect((await result.steps).length).toBe(2);
    expect(new Set(gw.mock.requests.map((request) => request.kind))).toEqual(new Set([kind]));
  });
});

describe('the model follows the preference', () => {
  it('changes with the user preference, without a restart of anything', async () => {
    const model = switchboard.task('insight_extraction');
    await choose('insight_extraction', 'anthropic:claude-haiku-4-5-20251001');
    const first = await generateText({ model, prompt: 'insights please' });
    await choose('insight_extraction', 'google:gemini-2.5-flash');
    const second = await generateText({ model, prompt: 'insights please' });
    expect([first.response.modelId, second.response.modelId]).toEqual([
      'anthropic:claude-haiku-4-5-20251001',
      'google:gemini-2.5-flash',
    ]);
  });

  it('takes an explicit model ID too, and embeddings by task', async () => {
    const { response } = await generateText({ model: switchboard.model('xai:grok-4-fast'), prompt: 'hi' });
    expect(response.modelId).toBe('xai:grok-4-fast');
    const { embeddings } = await embedMany({ model: switchboard.taskEmbedding(), values: ['a', 'b'] });
    expect(embeddings).toHaveLength(2);
  });
});
