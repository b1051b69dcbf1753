import { describe, expect, it } from 'vitest';
import { decodeChatCompletions } from './decode-chat-completions.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('decodeChatCompletions', () => {
  it('carries a tool-result turn: tools, tool_choice, the call and its result with the IDs kept', () => {
    const call = decodeChatCompletions({
      model: 'task:chat',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image_url', image_url: { url: PNG } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18C' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      reasoning_effort: 'high',
      max_completion_tokens: 300,
      stream: true,
    });
    expect(call.options.prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather?' },
          { type: 'file', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'get_weather',
            output: { type: 'text', value: '18C' },
          },
        ],
      },
    ]);
    expect(call.options.tools?.[0]).toMatchObject({ type: 'function', name: 'get_weather' });
    expect(call.options.toolChoice).toEqual({ type: 'tool', toolName: 'get_weather' });
    expect(call.options.maxOutputTokens).toBe(300);
    expect(call.controls).toEqual({
      reasoning: { effort: 'high', field: 'reasoning_effort' },
      parallelToolCalls: { allowed: false, field: 'parallel_tool_calls' },
    });
    expect(call.needs).toEqual(['tools', 'vision']);
    expect(call.stream).toBe(true);
  });

  it('keeps an http image as a URL and asks for JSON on json_object', () => {
    const call = decodeChatCompletions({
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] },
      ],
      response_format: { type: 'json_object' },
    });
    const part = (call.options.prompt[0]?.content as Array<{ data: unknown }> | undefined)?.[0];
    expect(part?.data).toBeInstanceOf(URL);
    expect(call.options.responseFormat).toEqual({ type: 'json' });
    expect(call.needs).toEqual(['vision', 'json']);
  });

  it('carries a json_schema with its name', () => {
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const call = decodeChatCompletions({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_schema', json_schema: { name: 'thing', schema } },
    });
    expect(call.options.responseFormat).toEqual({ type: 'json', schema, name: 'thing' });
  });

  it.each([
    [{ n: 2 }, 'n'],
    [{ logprobs: true }, 'logprobs'],
    [{ audio: { voice: 'x' } }, 'audio'],
    [{ brand_new_field: 1 }, 'brand_new_field'],
    [{ tool_choice: 'required' }, 'tool_choice'],
  ])('refuses %j by naming the field', (extra, field) => {
    expect(() =>
      decodeChatCompletions({ model: 'm', messages: [{ role: 'user', content: 'x' }], ...extra }),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: expect.objectContaining({ field }) }),
    );
  });

  it('refuses a tool message that answers no call, and arguments that are not JSON', () => {
    expect(() =>
      decodeChatCompletions({ model: 'm', messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }] }),
    ).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'messages[0].tool_call_id' }) }),
    );
    expect(() =>
      decodeChatCompletions({
        model: 'm',
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{bad' } }],
          },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ field: 'messages[0].tool_calls[0].function.arguments' }),
      }),
    );
  });

  it('refuses audio parts and non-image data URLs by naming them', () => {
    expect(() =>
      decodeChatCompletions({
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }],
      }),
    ).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'messages[0].content[0].type' }) }),
    );
    expect(() =>
      decodeChatCompletions({
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:text/plain;base64,aGk=' } }],
          },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ field: 'messages[0].content[0].image_url.url' }),
      }),
    );
  });

  it('brings reasoning back: reasoning_content, or a signed reasoning_details entry', () => {
    const call = decodeChatCompletions({
      model: 'm',
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          content: 'y',
          reasoning_details: [{ type: 'reasoning.text', text: 'hmm', signature: 'sig-1' }],
        },
        { role: 'user', content: 'z' },
      ],
    });
    expect(call.options.prompt[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'hmm', providerOptions: { anthropic: { signature: 'sig-1' } } },
        { type: 'text', text: 'y' },
      ],
    });
  });
});
