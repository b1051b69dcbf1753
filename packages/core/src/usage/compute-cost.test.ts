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

  it('bills reasoning tokens at the reasoning price when the model has one', () => {
    expect(
      computeCost(
        { input: 0, output: 10, reasoning: 20 },
        { inputTokens: 0, outputTokens: 1000, reasoningTokens: 900 },
      ),
    ).toBeCloseTo(100 * 10e-6 + 900 * 20e-6, 12);
  });

  it('prices the whole call at the long-context tier once its input passes the threshold', () => {
    const gemini = {
      input: 1.25,
      output: 10,
      cache_read: 0.31,
      tiers: [{ above_input_tokens: 200_000, input: 2.5, output: 15, cache_read: 0.625 }],
    };
    expect(computeCost(gemini, { inputTokens: 200_000, outputTokens: 1000 })).toBeCloseTo(
      200_000 * 1.25e-6 + 1000 * 10e-6,
      10,
    );
    expect(
      computeCost(gemini, { inputTokens: 250_000, outputTokens: 1000, cacheReadTokens: 50_000 }),
    ).toBeCloseTo(200_000 * 2.5e-6 + 50_000 * 0.625e-6 + 1000 * 15e-6, 10);
  });

  it('takes the highest tier passed, whatever order the tiers are listed in', () => {
    const cost = {
      input: 1,
      output: 1,
      tiers: [
        { above_input_tokens: 500_000, input: 4, output: 4 },
        { above_input_tokens: 100_000, input: 2, output: 2 },
      ],
    };
    expect(computeCost(cost, { inputTokens: 300_000, outputTokens: 0 })).toBeCloseTo(0.6, 10);
    expect(computeCost(cost, { inputTokens: 600_000, outputTokens: 0 })).toBeCloseTo(2.4, 10);
  });
});
