import { describe, expect, it } from 'vitest';
import { anthropicKind } from '../anthropic.js';
import { googleKind } from '../google.js';
import { ollamaKind } from '../ollama.js';
import { convertOpenAiUsage } from './openai-usage-reader.js';
import { tokenCounts } from './token-counts.js';

describe('tokenCounts', () => {
  const counts = tokenCounts('a', 'b');

  it('reads a block whose named fields are numbers, null or absent, and ignores the rest', () => {
    const block = { a: 1, b: null, other: 'anything' };
    expect(counts.read(block)).toBe(block);
    expect(counts.read({})).toEqual({});
  });

  it.each([
    ['a count that is text', { a: '1' }],
    ['a count that is an object', { b: { n: 1 } }],
    ['an array', [1, 2]],
    ['null', null],
    ['a number', 3],
  ])('refuses %s', (_what, raw) => {
    expect(counts.read(raw)).toBeUndefined();
  });
});

describe('usage readers on malformed blocks', () => {
  it('OpenAI: a details block that is not counts makes the usage unreadable, as before', () => {
    expect(convertOpenAiUsage({ prompt_tokens: 3, completion_tokens: 2 })).toEqual({
      inputTokens: 3,
      outputTokens: 2,
      cacheReadTokens: undefined,
      reasoningTokens: undefined,
    });
    expect(
      convertOpenAiUsage({
        prompt_tokens: 3,
        completion_tokens: 2,
        prompt_tokens_details: { cached_tokens: 1 },
        completion_tokens_details: null,
      }),
    ).toMatchObject({ inputTokens: 3, cacheReadTokens: 1 });
    expect(convertOpenAiUsage({ prompt_tokens: 3, prompt_tokens_details: 'x' })).toBeUndefined();
    expect(convertOpenAiUsage({ prompt_tokens: '3' })).toBeUndefined();
  });

  it('Anthropic, Google and Ollama: a count that is not a number is not read', () => {
    const anthropic = anthropicKind.createUsageReader();
    anthropic.read({ type: 'message', usage: { input_tokens: 'many', output_tokens: 2 } });
    expect(anthropic.result()).toBeUndefined();
    const google = googleKind.createUsageReader();
    google.read({ usageMetadata: { promptTokenCount: [1] } });
    expect(google.result()).toBeUndefined();
    const ollama = ollamaKind.createUsageReader();
    ollama.read({ done: true, prompt_eval_count: 5, eval_count: {} });
    expect(ollama.result()).toBeUndefined();
    ollama.read({ done: true, prompt_eval_count: 5, eval_count: 7 });
    expect(ollama.result()).toEqual({ inputTokens: 5, outputTokens: 7 });
  });
});
