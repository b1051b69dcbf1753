import { describe, expect, it } from 'vitest';
import { TEST_USAGE, toolStreamParts } from '../test-stream-parts.js';
import { encodeChatCompletion } from './encode-chat-completion.js';
import { createChatCompletionsStreamEncoder } from './encode-chat-completions-stream.js';

const META = { id: 'chatcmpl-1', model: 'anthropic:claude', created: 1700000000 };

function encodeAll(includeUsage: boolean) {
  const encoder = createChatCompletionsStreamEncoder({ ...META, includeUsage });
  return toolStreamParts().flatMap((part) => encoder.encode(part));
}

type Chunk = {
  choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: unknown;
};

describe('the Chat Completions stream encoder', () => {
  it('streams role, reasoning, text and tool calls as OpenAI does: index, id on the first delta, argument fragments', () => {
    const events = encodeAll(false);
    const chunks = events.filter((event) => !event.raw).map((event) => event.data as Chunk);
    expect(events.at(-1)).toEqual({ data: '[DONE]', raw: true });
    // The canonical loop: every chunk has choices[0] when the client did not ask for usage.
    for (const chunk of chunks) expect(chunk.choices[0]).toBeDefined();
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta);
    expect(deltas[0]).toEqual({ role: 'assistant', reasoning_content: 'Think' });
    expect(
      deltas
        .filter((delta) => delta?.content)
        .map((delta) => delta?.content)
        .join(''),
    ).toBe('Checking weather.');
    const toolDeltas = deltas.flatMap((delta) => (delta?.tool_calls as Array<Record<string, unknown>>) ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      { index: 1, id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
      { index: 1, function: { arguments: '{"zone":"CET"}' } },
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('sends the usage chunk (choices: []) only when include_usage asked for it, with cached and reasoning tokens', () => {
    const chunks = encodeAll(true)
      .filter((event) => !event.raw)
      .map((event) => event.data as Chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({
      prompt_tokens: 120,
      completion_tokens: 50,
      total_tokens: 170,
      prompt_tokens_details: { cached_tokens: 80 },
      completion_tokens_details: { reasoning_tokens: 20 },
    });
  });

  it('sends a whole tool call in one delta when the provider streamed no input', () => {
    const encoder = createChatCompletionsStreamEncoder({ ...META, includeUsage: false });
    const [event] = encoder.encode({ type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' });
    expect((event?.data as Chunk | undefined)?.choices[0]?.delta).toEqual({
      role: 'assistant',
      tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
    });
  });

  it('ends a broken stream with an error event OpenAI clients raise', () => {
    const encoder = createChatCompletionsStreamEncoder({ ...META, includeUsage: false });
    expect(encoder.fail({ code: 'upstream_error', message: 'boom', status: 502 })).toEqual([
      { data: { error: { code: 'upstream_error', message: 'boom', type: 'upstream_error' } } },
    ]);
  });
});

describe('encodeChatCompletion', () => {
  it('answers tool calls with content null, reasoning_content with its signature, the stop reason mapped', () => {
    const completion = encodeChatCompletion(
      {
        content: [
          { type: 'reasoning', text: 'hmm', providerMetadata: { anthropic: { signature: 'sig' } } },
          { type: 'tool-call', toolCallId: 'call_9', toolName: 'f', input: '{"a":1}' },
        ],
        finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        usage: TEST_USAGE,
      },
      META,
    );
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        reasoning_content: 'hmm',
        reasoning_details: [{ type: 'reasoning.text', text: 'hmm', signature: 'sig' }],
        tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    });
    expect(completion.model).toBe('anthropic:claude');
  });

  it.each([
    ['length', 'length'],
    ['content-filter', 'content_filter'],
    ['stop', 'stop'],
    ['other', 'stop'],
  ] as const)('maps finish %s to %s', (unified, expected) => {
    const completion = encodeChatCompletion(
      {
        content: [{ type: 'text', text: 'x' }],
        finishReason: { unified, raw: undefined },
        usage: TEST_USAGE,
      },
      META,
    );
    expect(completion.choices[0]?.finish_reason).toBe(expected);
  });
});
