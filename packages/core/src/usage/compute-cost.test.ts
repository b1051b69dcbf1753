import { describe, expect, it } from 'vitest';
import { computeCost } from './compute-cost.js';

describe('computeCost', () => {
  it('prices input and output per 1M tokens', () => {
    expect(computeCost({ input: 3, output: 15 }, { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(
      18,
    );
    expect(computeCost({ input: 0.15, output: 0.6 }, { inputTokens: 1200, outputTokens: 300 })).toBeCloseTo(
      0.00036,
      12,
    );
  });

  it('bills cached input at cache_read and cache writes at cache_write, falling back to input', () => {
    const sonnet = { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 };
    expect(
      computeCost(sonnet, {
        inputTokens: 1_000_000,
        outputTokens: 0,
        cacheReadTokens: 500_000,
        cacheWriteTokens: 100_000,
      }),
    ).toBeCloseTo(400_000 * 3e-6 + 500_000 * 0.3e-6 + 100_000 * 3.75e-6, 10);
    expect(
      computeCost(
        { input: 2, output: 0 },
        { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 1_000_000 },
      ),
    ).toBe(2);
  });

  it('counts reasoning tokens as the output they are part of, not on top', () => {
    expect(
      computeCost({ input: 0, output: 10 }, { inputTokens: 0, outputTokens: 1000, reasoningTokens: 900 }),
    ).toBe(0.01);
  });

  it('answers null, never 0, for an unknown price; 0 for a free model', () => {
    expect(computeCost(null, { inputTokens: 10, outputTokens: 10 })).toBeNull();
    expect(computeCost({ input: 0, output: 0 }, { inputTokens: 10, outputTokens: 10 })).toBe(0);
  });
});
