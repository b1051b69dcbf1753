import { describe, expect, it } from 'vitest';
import { formatCost } from './format-cost.js';
import { formatPrice, formatUsd } from './format-price.js';
import { formatTokenCount } from './format-token-count.js';

describe('formatTokenCount', () => {
  it.each([
    [200_000, '200K'],
    [128_000, '128K'],
    [1_048_576, '1M'],
    [2_000_000, '2M'],
    [8_191, '8K'],
    [131_072, '131K'],
    [512, '512'],
    [null, '?'],
  ])('%s -> %s', (tokens, text) => expect(formatTokenCount(tokens)).toBe(text));
});

describe('formatPrice', () => {
  it('writes prices per 1M tokens as people read them', () => {
    expect(formatPrice({ input: 3, output: 15 })).toBe('$3 / $15 per 1M');
    expect(formatPrice({ input: 0.15, output: 0.6 })).toBe('$0.15 / $0.60 per 1M');
    expect(formatPrice({ input: 2.5, output: 10 })).toBe('$2.50 / $10 per 1M');
    expect(formatUsd(0.075)).toBe('0.075');
    expect(formatPrice({ input: 0, output: 0 })).toBe('free');
    expect(formatPrice(null)).toBe('price unknown');
  });
});

describe('formatCost', () => {
  it.each([
    [4e-8, '$0.00000004'],
    [0.00004145, '$0.000041'],
    [0.0035, '$0.0035'],
    [0.15, '$0.15'],
    [12.3456, '$12.35'],
    [1234.5, '$1,234.50'],
    [0, '$0'],
    [null, 'price unknown'],
  ])('%s -> %s', (amount, text) => expect(formatCost(amount)).toBe(text));
});
