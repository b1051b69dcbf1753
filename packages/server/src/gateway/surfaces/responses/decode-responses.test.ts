import { describe, expect, it } from 'vitest';
import { decodeResponses } from './decode-responses.js';

describe('decodeResponses', () => {
  it('carries instructions, input items, a function_call and its output with the call_id kept', () => {
    const call = decodeResponses({
      model: 'task:chat',
      instructions: 'Be brief.',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather?' },
            { type: 'input_image', image_url: 'https://example.com/a.png' },
          ],
        },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'Use the tool.' }],
          encrypted_content: 'sig',
        },
        {
          type: 'function_call',
          id: 'fc_1',
          call_id: 'call_1',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
        },
        { type: 'function_call_output', call_id: 'call_1', output: '18C' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' }, strict: true }],
      tool_choice: 'required',
      parallel_tool_calls: true,
      reasoning: { effort: 'low', summary: 'auto' },
      text: { format: { type: 'json_schema', name: 'w', schema: { type: 'object' } } },
      max_output_tokens: 500,
      store: false,
      include: ['reasoning.encrypted_content'],
      stream: true,
    });
    expect(call.options.prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather?' },
          { type: 'file', data: new URL('https://example.com/a.png'), mediaType: 'image/*' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Use the tool.', providerOptions: { anthropic: { signature: 'sig' } } },
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
    expect(call.options.tools).toEqual([
      { type: 'function', name: 'get_weather', inputSchema: { type: 'object' }, strict: true },
    ]);
    expect(call.options.toolChoice).toEqual({ type: 'required' });
    expect(call.options.responseFormat).toEqual({ type: 'json', schema: { type: 'object' }, name: 'w' });
    expect(call.controls).toEqual({
      reasoning: { effort: 'low', field: 'reasoning.effort' },
      parallelToolCalls: { allowed: true, field: 'parallel_tool_calls' },
    });
    expect(call.needs).toEqual(['tools', 'vision', 'json']);
  });

  it('takes a string input as one user message', () => {
    expect(decodeResponses({ model: 'm', input: 'hi' }).options.prompt).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
  });

  it.each([
    [{ previous_response_id: 'resp_1' }, 'previous_response_id'],
    [{ tools: [{ type: 'web_search' }] }, 'tools[0].type'],
    [{ background: true }, 'background'],
    [{ input: [{ type: 'item_reference', id: 'x' }] }, 'input[0]'],
    [{ input: [{ type: 'function_call_output', call_id: 'nope', output: 'x' }] }, 'input[0].call_id'],
  ])('refuses %j by naming the field', (extra, field) => {
    expect(() => decodeResponses({ model: 'm', input: 'hi', ...extra })).toThrow(
      expect.objectContaining({ code: 'invalid_request', details: expect.objectContaining({ field }) }),
    );
  });
});
