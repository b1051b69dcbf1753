import { describe, expect, it } from 'vitest';
import { TEST_USAGE, toolStreamParts } from '../test-stream-parts.js';
import { encodeResponse } from './encode-response.js';
import { createResponsesStreamEncoder } from './encode-responses-stream.js';

const META = { id: 'resp_abc', model: 'google:gemini-2.5-flash', created: 1700000000 };

type Event = {
  type: string;
  sequence_number: number;
  output_index?: number;
  item?: Record<string, unknown>;
  delta?: string;
  response?: Record<string, unknown>;
};

describe('the Responses stream encoder', () => {
  it('streams reasoning, message and function_call items with their deltas, numbered in order', () => {
    const encoder = createResponsesStreamEncoder(META);
    const data = toolStreamParts()
      .flatMap((part) => encoder.encode(part))
      .map((event) => event.data as Event);
    expect(data.map((event) => event.sequence_number)).toEqual(data.map((_, index) => index));
    expect(data.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const completed = data.at(-1)?.response as {
      output: Array<Record<string, unknown>>;
      usage: unknown;
      status: string;
    };
    expect(completed.status).toBe('completed');
    expect(completed.output.map((item) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
    expect(completed.output[0]).toMatchObject({
      summary: [{ type: 'summary_text', text: 'Thinking.' }],
      encrypted_content: 'sig-abc',
    });
    expect(completed.output[2]).toMatchObject({
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      status: 'completed',
    });
    expect(completed.usage).toEqual({
      input_tokens: 120,
      input_tokens_details: { cached_tokens: 80 },
      output_tokens: 50,
      output_tokens_details: { reasoning_tokens: 20 },
      total_tokens: 170,
    });
  });

  it('ends with response.incomplete when the model ran out of tokens', () => {
    const encoder = createResponsesStreamEncoder(META);
    const events = [
      { type: 'text-delta', id: 't', delta: 'a' },
      { type: 'finish', usage: TEST_USAGE, finishReason: { unified: 'length', raw: 'length' } },
    ].flatMap((part) => encoder.encode(part as never));
    const last = events.at(-1)?.data as Event;
    expect(last.type).toBe('response.incomplete');
    expect(last.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });
});

describe('encodeResponse', () => {
  it('answers output items in order, arguments as JSON text', () => {
    const response = encodeResponse(
      {
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{"a":1}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: TEST_USAGE,
      },
      META,
    );
    expect(response).toMatchObject({
      id: 'resp_abc',
      object: 'response',
      status: 'completed',
      model: 'google:gemini-2.5-flash',
      output: [
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{"a":1}' },
      ],
    });
  });
});
