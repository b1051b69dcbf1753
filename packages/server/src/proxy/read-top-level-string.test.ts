import { describe, expect, it } from 'vitest';
import { readTopLevelString } from './read-top-level-string.js';

describe('readTopLevelString', () => {
  it('reads a top-level string wherever the key stands', () => {
    expect(readTopLevelString('{"model":"gpt-4o-mini","messages":[]}', 'model')).toBe('gpt-4o-mini');
    expect(
      readTopLevelString(' {\n  "messages": [{"role": "user"}],\n  "model" : "claude"\n}', 'model'),
    ).toBe('claude');
  });

  it('skips nested keys and keys inside strings', () => {
    const text = JSON.stringify({
      metadata: { model: 'nested' },
      messages: [{ role: 'user', content: 'say "model":"fake" please' }],
      tools: [{ parameters: { properties: { model: { type: 'string' } } } }],
      model: 'real',
    });
    expect(readTopLevelString(text, 'model')).toBe('real');
  });

  it('decodes escapes and survives backslashes before quotes', () => {
    expect(readTopLevelString('{"prompt":"a \\\\","model":"x\\u002fy"}', 'model')).toBe('x/y');
  });

  it('reads a key in a body cut short, and gives up on one cut before its value ends', () => {
    expect(readTopLevelString('{"model":"gpt-4o","messages":[{"role":"user","content":"lo', 'model')).toBe(
      'gpt-4o',
    );
    expect(readTopLevelString('{"messages":[{"content":"lo', 'model')).toBeUndefined();
    expect(readTopLevelString('{"model":"gpt-', 'model')).toBeUndefined();
  });

  it('answers undefined for non-string values, arrays and non-JSON', () => {
    expect(readTopLevelString('{"model":42}', 'model')).toBeUndefined();
    expect(readTopLevelString('[{"model":"x"}]', 'model')).toBeUndefined();
    expect(
      readTopLevelString('--boundary\r\nContent-Disposition: form-data; name="model"', 'model'),
    ).toBeUndefined();
    expect(readTopLevelString('', 'model')).toBeUndefined();
  });
});
