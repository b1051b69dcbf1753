import { describe, expect, it } from 'vitest';
import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import { decodeMessages } from './decode-messages.js';

describe('decodeMessages', () => {
  it('carries system, tools, tool_choice any, thinking, and a tool_use / tool_result turn with IDs kept', () => {
    const call = decodeMessages({
      model: 'task:chat',
      max_tokens: 1024,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'sig-anthropic' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      stream: true,
      metadata: { user_id: 'u' },
    });
    expect(call.options.prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'Use the tool.',
            providerOptions: { anthropic: { signature: 'sig-anthropic' } },
          },
          { type: 'tool-call', toolCallId: 'toolu_1', toolName: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            toolName: 'get_weather',
            output: { type: 'text', value: '18C' },
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] },
    ]);
    expect(call.options.toolChoice).toEqual({ type: 'required' });
    expect(call.options.maxOutputTokens).toBe(1024);
    expect(call.controls).toEqual({
      reasoning: { budgetTokens: 2048, field: 'thinking' },
      parallelToolCalls: { allowed: false, field: 'tool_choice.disable_parallel_tool_use' },
    });
    expect(call.needs).toEqual(['tools']);
  });

  it('restores a reasoning signature Switchboard wrote for another provider', () => {
    const signature = encodeReasoningSignature({ google: { thoughtSignature: 'gem' } });
    const call = decodeMessages({
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ type: 'thinking', thinking: 't', signature }] },
      ],
    });
    expect(call.options.prompt[1]?.content).toEqual([
      { type: 'reasoning', text: 't', providerOptions: { google: { thoughtSignature: 'gem' } } },
    ]);
  });

  it('takes images as base64 and as URLs, and an error tool_result as an error result', () => {
    const call = decodeMessages({
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'failed', is_error: true },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/x.png' } },
          ],
        },
      ],
    });
    expect(call.options.prompt[1]?.content).toEqual([
      {
        type: 'tool-result',
        toolCallId: 't1',
        toolName: 'f',
        output: { type: 'error-text', value: 'failed' },
      },
    ]);
    const user = call.options.prompt[2]?.content as Array<{ data: unknown; mediaType: string }>;
    expect(user[0]).toEqual({ type: 'file', data: 'AAAA', mediaType: 'image/png' });
    expect(user[1]?.data).toBeInstanceOf(URL);
    expect(call.needs).toEqual(['vision']);
  });

  it.each([
    [{ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }, 'tools[0].type'],
    [{ mcp_servers: [] }, 'mcp_servers'],
    [
      { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'nope', content: 'x' }] }] },
      'messages[0].content[0].tool_use_id',
    ],
    [{ messages: [{ role: 'user', content: [{ type: 'search_result' }] }] }, 'messages[0].content[0].type'],
    [{ max_tokens: undefined }, 'max_tokens'],
  ])('refuses %j by naming the field', (extra, field) => {
    expect(() =>
      decodeMessages({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], ...extra }),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: expect.objectContaining({ field }) }),
    );
  });
});
