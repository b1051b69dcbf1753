import { computeCost } from '@switchboard/core';
import type { LanguageModelUsage } from 'ai';
import { describe, expect, it } from 'vitest';
import { toTokenUsage } from './to-token-usage.js';

const none: LanguageModelUsage = {
  inputTokens: undefined,
  outputTokens: undefined,
  totalTokens: undefined,
  inputTokenDetails: { noCacheTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined },
  outputTokenDetails: { textTokens: undefined, reasoningTokens: undefined },
};

describe('toTokenUsage', () => {
  it.each([
    ['no usage object', undefined],
    ['a usage object with no counts', none],
  ])('keeps %s unknown, so a priced model is not recorded as free', (_what, usage) => {
    const converted = toTokenUsage(usage);
    expect(converted).toBeUndefined();
    const price = { input: 3, output: 15 };
    expect(converted ? computeCost(price, converted) : null).toBeNull();
  });

  it('converts reported counts, with cache and reasoning details', () => {
    expect(
      toTokenUsage({
        ...none,
        inputTokens: 120,
        outputTokens: 30,
        inputTokenDetails: { noCacheTokens: 20, cacheReadTokens: 100, cacheWriteTokens: undefined },
        outputTokenDetails: { textTokens: 10, reasoningTokens: 20 },
      }),
    ).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      cacheReadTokens: 100,
      cacheWriteTokens: undefined,
      reasoningTokens: 20,
    });
  });

  it('counts a side the provider left out as 0 when it reported the other', () => {
    expect(toTokenUsage({ ...none, inputTokens: 7 })).toMatchObject({ inputTokens: 7, outputTokens: 0 });
  });
});
