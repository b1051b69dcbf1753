import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';

/** Test data shared by the encoders' tests: usage with cached and reasoning tokens. */
export const TEST_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: 120, noCache: 20, cacheRead: 80, cacheWrite: 20 },
  outputTokens: { total: 50, text: 30, reasoning: 20 },
};

/**
 * A stream as the AI SDK's Anthropic model emits one: thinking with a signature, text, then two tool
 * calls whose input arrives in fragments, and a tool-calls finish.
 */
export function toolStreamParts(): LanguageModelV3StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: 'msg_1', modelId: 'm' },
    { type: 'reasoning-start', id: 'r0' },
    { type: 'reasoning-delta', id: 'r0', delta: 'Think' },
    { type: 'reasoning-delta', id: 'r0', delta: 'ing.' },
    {
      type: 'reasoning-delta',
      id: 'r0',
      delta: '',
      providerMetadata: { anthropic: { signature: 'sig-abc' } },
    },
    { type: 'reasoning-end', id: 'r0' },
    { type: 'text-start', id: 't1' },
    { type: 'text-delta', id: 't1', delta: 'Checking ' },
    { type: 'text-delta', id: 't1', delta: 'weather.' },
    { type: 'text-end', id: 't1' },
    { type: 'tool-input-start', id: 'call_1', toolName: 'get_weather' },
    { type: 'tool-input-delta', id: 'call_1', delta: '{"city":' },
    { type: 'tool-input-delta', id: 'call_1', delta: '"Paris"}' },
    { type: 'tool-input-end', id: 'call_1' },
    { type: 'tool-call', toolCallId: 'call_1', toolName: 'get_weather', input: '{"city":"Paris"}' },
    { type: 'tool-input-start', id: 'call_2', toolName: 'get_time' },
    { type: 'tool-input-delta', id: 'call_2', delta: '{"zone":"CET"}' },
    { type: 'tool-input-end', id: 'call_2' },
    { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_time', input: '{"zone":"CET"}' },
    { type: 'finish', usage: TEST_USAGE, finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
  ];
}
