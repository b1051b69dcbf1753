import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-depth.js';

const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects, up to the limit and past it', () => {
    expect(jsonDepthExceeds(nest(128), 128)).toBe(false);
    expect(jsonDepthExceeds(nest(129), 128)).toBe(true);
    expect(jsonDepthExceeds(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`, 128)).toBe(true);
    expect(jsonDepthExceeds(nest(10_000), 128)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: `${'['.repeat(500)} \\" "${'{'.repeat(500)}` });
    expect(jsonDepthExceeds(text, 128)).toBe(false);
  });

  it('measures depth, not the count of brackets', () => {
    expect(jsonDepthExceeds(JSON.stringify(Array.from({ length: 1000 }, () => [[1]])), 3)).toBe(false);
  });
});
