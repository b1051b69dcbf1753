import { describe, expect, it } from 'vitest';
import { countWords, splitText } from './index.js';

describe('countWords', () => {
  it('counts whitespace-separated words', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  Echo:  hello\n there\t')).toBe(3);
  });
});

describe('splitText', () => {
  it('splits at word boundaries, keeping the spaces, and joins back', () => {
    expect(splitText('Echo: a b c d e', 3)).toEqual(['Echo: a', ' b c', ' d e']);
  });

  it('splits by characters when there are fewer words than pieces', () => {
    const pieces = splitText('Echo: hé', 6);
    expect(pieces).toHaveLength(6);
    expect(pieces.join('')).toBe('Echo: hé');
  });

  it('never splits more finely than one character per piece', () => {
    expect(splitText('ab', 10)).toEqual(['a', 'b']);
    expect(splitText('', 4)).toEqual(['']);
  });
});
