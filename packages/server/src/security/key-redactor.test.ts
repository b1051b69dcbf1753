import { describe, expect, it } from 'vitest';
import { createStreamRedactor } from './create-stream-redactor.js';
import { createKeyRedactor, REDACTED } from './key-redactor.js';

const KEY = 'sk-live-0123456789abcdef';
const OTHER = 'goog-api-key-9876543210';

describe('createKeyRedactor', () => {
  it('replaces every known key, and leaves text without one untouched', () => {
    const redactor = createKeyRedactor([KEY, undefined, OTHER]);
    expect(redactor.redact(`a ${KEY} b ${OTHER} c ${KEY}`)).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
    const clean = 'nothing to see';
    expect(redactor.redact(clean)).toBe(clean);
  });

  it('learns and forgets keys at runtime', () => {
    const redactor = createKeyRedactor();
    expect(redactor.redact(KEY)).toBe(KEY);
    redactor.learn(KEY);
    expect(redactor.redact(`x${KEY}x`)).toBe(`x${REDACTED}x`);
    redactor.forget(KEY);
    expect(redactor.redact(KEY)).toBe(KEY);
  });

  it('keeps a key shared by two providers until both forgot it', () => {
    const redactor = createKeyRedactor([KEY, KEY]);
    redactor.forget(KEY);
    expect(redactor.redact(KEY)).toBe(REDACTED);
    redactor.forget(KEY);
    expect(redactor.redact(KEY)).toBe(KEY);
  });

  it('catches the URL-encoded form and keys with characters special to a regex', () => {
    const odd = 'key+with/slash=and.dot*';
    const redactor = createKeyRedactor([odd]);
    expect(redactor.redact(`?key=${encodeURIComponent(odd)}&x=1`)).toBe(`?key=${REDACTED}&x=1`);
    expect(redactor.redact(`key: ${odd}`)).toBe(`key: ${REDACTED}`);
    expect(redactor.redact('keyXwithXslash=andXdotX')).toBe('keyXwithXslash=andXdotX');
  });

  it('ignores values too short to be keys', () => {
    const redactor = createKeyRedactor(['k', 'short']);
    expect(redactor.size).toBe(0);
    expect(redactor.redact('keep k and short')).toBe('keep k and short');
  });

  it('scrubs the strings inside a JSON value, and answers the same value when none holds a key', () => {
    const redactor = createKeyRedactor([KEY]);
    const value = { error: { message: `bad key ${KEY}`, details: { list: [KEY, 1, null] } } };
    expect(redactor.redactValue(value)).toEqual({
      error: { message: `bad key ${REDACTED}`, details: { list: [REDACTED, 1, null] } },
    });
    const clean = { a: 1 };
    expect(redactor.redactValue(clean)).toBe(clean);
  });
});

describe('createStreamRedactor', () => {
  it('catches a key split across chunks at every possible point, and passes other bytes as they were', () => {
    const redactor = createKeyRedactor([KEY, OTHER]);
    const body = Buffer.from(`{"error":"é ${KEY} and ${OTHER}!"}`, 'utf8');
    for (let cut = 0; cut <= body.length; cut++) {
      for (const step of [1, 3, 7]) {
        const stream = createStreamRedactor(redactor);
        const out: Buffer[] = [stream.write(body.subarray(0, cut))];
        for (let at = cut; at < body.length; at += step) out.push(stream.write(body.subarray(at, at + step)));
        out.push(stream.end());
        expect(Buffer.concat(out).toString('utf8')).toBe(`{"error":"é ${REDACTED} and ${REDACTED}!"}`);
      }
    }
  });
});
