import { describe, expect, it } from 'vitest';
import { createKeyCipher } from './key-cipher.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('createKeyCipher', () => {
  it('seals a key so that neither it nor its base64 shows, and opens it back', () => {
    const cipher = createKeyCipher(SECRET);
    const sealed = cipher.seal('sk-plain-0123456789', 'provider/openai/main');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('sk-plain');
    expect(sealed).not.toContain(Buffer.from('sk-plain-0123456789').toString('base64url'));
    expect(cipher.open(sealed, 'provider/openai/main')).toBe('sk-plain-0123456789');
  });

  it('uses a fresh nonce per seal', () => {
    const cipher = createKeyCipher(SECRET);
    expect(cipher.seal('sk-same-0123456789', 'x')).not.toBe(cipher.seal('sk-same-0123456789', 'x'));
  });

  it('refuses another secret, another row, or an altered text', () => {
    const sealed = createKeyCipher(SECRET).seal('sk-plain-0123456789', 'provider/openai/main');
    expect(() => createKeyCipher(`${SECRET}!`).open(sealed, 'provider/openai/main')).toThrow();
    expect(() => createKeyCipher(SECRET).open(sealed, 'provider/openai/other')).toThrow();
    const [prefix, nonce, tag, body] = sealed.split('.');
    const flipped = `${body!.slice(0, -2)}${body!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() =>
      createKeyCipher(SECRET).open([prefix, nonce, tag, flipped].join('.'), 'provider/openai/main'),
    ).toThrow();
    expect(JSON.stringify({ cipher: createKeyCipher(SECRET) })).not.toContain(SECRET);
  });
});
