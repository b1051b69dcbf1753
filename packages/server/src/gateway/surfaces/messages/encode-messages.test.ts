import { describe, expect, it } from 'vitest';
import { TEST_USAGE, toolStreamParts } from '../test-stream-parts.js';
import { encodeMessage } from './encode-message.js';
import { createMessagesStreamEncoder } from './encode-messages-stream.js';

const META = { id: 'msg_1', model: 'openai:gpt-4o-mini', created: 1700000000 };

type Event = {
  type: string;
  index?: number;
  delta?: Record<string, unknown>;
  content_block?: Record<string, unknown>;
};

describe('the Messages stream encoder', () => {
  it('streams blocks one at a time: thinking with its signature, text, tool_use with input_json_delta', () => {
    const encoder = createMessagesStreamEncoder(META);
    const events = toolStreamParts().flatMap((part) => encoder.encode(part));
    for (const event of events) expect(event.event).toBe((event.data as Event).type);
    const data = events.map((event) => event.data as Event);
    expect(data.map((event) => `${event.type}${event.index ?? ''}`)).toEqual([
      'message_start',
      'content_block_start0',
      'content_block_delta0',
      'content_block_delta0',
      'content_block_delta0',
      'content_block_stop0',
      'content_block_start1',
      'content_block_delta1',
      'content_block_delta1',
      'content_block_stop1',
      'content_block_start2',
      'content_block_delta2',
      'content_block_delta2',
      'content_block_stop2',
      'content_block_start3',
      'content_block_delta3',
      'content_block_stop3',
      'message_delta',
      'message_stop',
    ]);
    expect(data[1]?.content_block).toEqual({ type: 'thinking', thinking: '', signature: '' });
    expect(data[4]?.delta).toEqual({ type: 'signature_delta', signature: 'sig-abc' });
    expect(data[10]?.content_block).toEqual({
      type: 'tool_use',
      id: 'call_1',
      name: 'get_weather',
      input: {},
    });
    expect(data[11]?.delta).toEqual({ type: 'input_json_delta', partial_json: '{"city":' });
    expect(data.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: {
        input_tokens: 20,
        output_tokens: 50,
        cache_read_input_tokens: 80,
        cache_creation_input_tokens: 20,
      },
    });
  });

  it('opens a new text block when text resumes after a tool call, and closes an open block at the end', () => {
    const encoder = createMessagesStreamEncoder(META);
    const events = [
      { type: 'text-delta', id: 't', delta: 'a' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' },
      { type: 'text-delta', id: 't', delta: 'b' },
      { type: 'finish', usage: TEST_USAGE, finishReason: { unified: 'length', raw: 'length' } },
    ].flatMap((part) => encoder.encode(part as never));
    const data = events.map((event) => event.data as Event);
    expect(
      data.filter((event) => event.type === 'content_block_start').map((event) => event.content_block?.type),
    ).toEqual(['text', 'tool_use', 'text']);
    expect(data.filter((event) => event.type === 'content_block_stop')).toHaveLength(3);
    expect(data.find((event) => event.type === 'message_delta')?.delta).toEqual({
      stop_reason: 'max_tokens',
      stop_sequence: null,
    });
  });

  it('ends a broken stream with an Anthropic error event', () => {
    const encoder = createMessagesStreamEncoder(META);
    expect(encoder.fail({ code: 'upstream_rate_limited', message: 'slow down', status: 429 })).toEqual([
      { event: 'error', data: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } },
    ]);
  });
});

describe('encodeMessage', () => {
  it('answers thinking, text and tool_use blocks in order with the stop reason and usage', () => {
    const message = encodeMessage(
      {
        content: [
          { type: 'reasoning', text: 'hmm', providerMetadata: { anthropic: { signature: 'sig' } } },
          { type: 'text', text: 'Let me ' },
          { type: 'text', text: 'check.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'f', input: '{"a":1}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: TEST_USAGE,
      },
      META,
    );
    expect(message).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'openai:gpt-4o-mini',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 20,
        output_tokens: 50,
        cache_read_input_tokens: 80,
        cache_creation_input_tokens: 20,
      },
    });
  });

  it.each([
    ['content-filter', 'refusal'],
    ['stop', 'end_turn'],
  ] as const)('maps finish %s to %s', (unified, expected) => {
    const message = encodeMessage(
      { content: [], finishReason: { unified, raw: undefined }, usage: TEST_USAGE },
      META,
    );
    expect(message.stop_reason).toBe(expected);
  });
});
