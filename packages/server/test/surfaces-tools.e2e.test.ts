import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';
import {
  chatCompletionsDriver,
  messagesDriver,
  responsesDriver,
  type SurfaceDriver,
} from './support/surface-drivers.js';
import { isChatCall, KINDS, upstreamToolNames } from './support/surface-kinds.js';

let gw: TestGateway;
const drivers: Record<string, SurfaceDriver> = {};

beforeAll(async () => {
  gw = await startTestGateway();
  drivers['chat-completions'] = chatCompletionsDriver(gw.url);
  drivers.responses = responsesDriver(gw.url);
  drivers.messages = messagesDriver(gw.url);
});
afterAll(async () => gw?.close());

const SURFACES = ['chat-completions', 'responses', 'messages'] as const;
const CELLS = SURFACES.flatMap((surface) => KINDS.map((kind) => ({ surface, ...kind })));

/** The one chat call the mock received (a translation makes exactly one). */
function upstreamCall(kind: string) {
  const calls = gw.mock.requests.filter((request) => isChatCall(kind, request.path));
  expect(calls).toHaveLength(1);
  return calls[0];
}

describe.each(CELLS)('$surface -> $kind ($model)', ({ surface, kind, model }) => {
  const driver = () => drivers[surface] as SurfaceDriver;

  it.each([false, true])(
    'calls a tool (stream: %s): the offered tool reached the provider, the call the client',
    async (stream) => {
      gw.mock.clear();
      const answer = await driver().turn(model, { stream, prompt: 'What is the weather in Paris?' });
      expect(upstreamToolNames(kind, upstreamCall(kind)?.body)).toEqual(['get_weather']);
      expect(answer.calls).toHaveLength(1);
      expect(answer.calls[0]).toMatchObject({ name: 'get_weather', arguments: { city: 'mock' } });
      expect(answer.calls[0]?.id).toMatch(/\S/);
      expect(answer.stop).toBe(driver().toolStop);
      expect(answer.model).toBe(model);
    },
  );

  it.each([false, true])('calls tools in parallel (stream: %s), each with its own id', async (stream) => {
    gw.mock.clear();
    const answer = await driver().turn(model, {
      stream,
      prompt: 'Weather and time in Paris, in parallel please',
      parallel: true,
    });
    expect(answer.calls.map((call) => call.name)).toEqual(['get_weather', 'get_time']);
    expect(answer.calls[1]?.arguments).toEqual({ zone: 'mock' });
    expect(new Set(answer.calls.map((call) => call.id)).size).toBe(2);
  });

  it.each([false, true])(
    'answers a tool-result turn (stream: %s), the call id kept on the way',
    async (stream) => {
      gw.mock.clear();
      const first = await driver().turn(model, { stream: false, prompt: 'What is the weather in Paris?' });
      const call = first.calls[0];
      if (!call) throw new Error('no tool call');
      gw.mock.clear();
      const answer = await driver().turn(model, {
        stream,
        prompt: 'What is the weather in Paris?',
        result: { call, output: '18C and sunny' },
      });
      expect(answer.calls).toEqual([]);
      expect(answer.stop).toBe(driver().endStop);
      // Gemini has no call ids: its results are named after the function.
      expect(answer.text).toContain('Tool results: ');
      expect(answer.text).toContain('18C and sunny');
      if (kind !== 'google') expect(answer.text).toContain(`${call.id}=`);
      upstreamCall(kind);
    },
  );
});
