import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidModelIdError } from './errors/invalid-model-id-error.js';
import { SwitchboardError } from './errors/switchboard-error.js';
import { formatModelId, isModelId, parseModelId, providerOf, tryParseModelId } from './model-id.js';

describe('parseModelId', () => {
  it.each([
    ['openai:gpt-4o-mini', 'openai', 'gpt-4o-mini'],
    ['ollama:llama3:latest', 'ollama', 'llama3:latest'],
    ['openrouter:anthropic/claude-sonnet-4.5', 'openrouter', 'anthropic/claude-sonnet-4.5'],
    ['my_provider-2:a:b:c', 'my_provider-2', 'a:b:c'],
  ])('splits %s at the first colon', (id, provider, name) => {
    expect(parseModelId(id)).toEqual({ id, provider, name });
  });

  it.each([
    ['gpt-4o', /no colon/],
    [':gpt-4o', /provider before the colon is empty/],
    ['openai:', /model name after the colon is empty/],
    ['OpenAI:gpt-4o', /must match/],
    ['1ai:gpt', /must match/],
    ['open ai:gpt', /must match/],
    [' openai:gpt-4o', /surrounding whitespace/],
    ['openai:gpt-4o\n', /surrounding whitespace/],
    ['openai: gpt-4o', /model name has surrounding whitespace/],
  ])('rejects %j with a reason', (id, reason) => {
    const error = (() => {
      try {
        parseModelId(id);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidModelIdError);
    expect(SwitchboardError.isInstance(error)).toBe(true);
    expect((error as InvalidModelIdError).code).toBe('invalid_model_id');
    expect((error as Error).message).toMatch(reason);
  });

  it('rejects non-strings', () => {
    expect(() => parseModelId(42)).toThrow(/expected a string/);
    expect(isModelId(undefined)).toBe(false);
  });
});

describe('tryParseModelId', () => {
  it('agrees with parseModelId on every input: the same parts, or undefined where it throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('openai:gpt-4o', 'gpt-4o', 'a:b:c', ' x:y')),
        (id) => {
          let parsed: ReturnType<typeof parseModelId> | undefined;
          try {
            parsed = parseModelId(id);
          } catch {
            parsed = undefined;
          }
          expect(tryParseModelId(id)).toEqual(parsed);
          expect(isModelId(id)).toBe(parsed !== undefined);
        },
      ),
    );
  });
});

const providerArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/);
// Names may hold colons, slashes and any unicode, but not surrounding whitespace.
const nameArb = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((name) => name.trim())
  .filter((name) => name.length > 0);

describe('formatModelId', () => {
  it('round-trips: format(parse(id)) == id, for names with colons, slashes and unicode', () => {
    fc.assert(
      fc.property(
        providerArb,
        nameArb,
        fc.constantFrom('', ':', '/', ':latest', '/x:y'),
        (provider, name, suffix) => {
          const id = formatModelId({ provider, name: `${name}${suffix}` });
          const parsed = parseModelId(id);
          expect(parsed.provider).toBe(provider);
          expect(parsed.name).toBe(`${name}${suffix}`);
          expect(formatModelId(parsed)).toBe(id);
        },
      ),
    );
  });

  it('refuses a provider containing a colon, which could not parse back', () => {
    expect(() => formatModelId({ provider: 'a:b', name: 'c' })).toThrow(InvalidModelIdError);
  });
});

describe('providerOf', () => {
  it.each([
    ['ollama:llama3:latest', 'ollama'],
    ['openrouter:anthropic/claude-sonnet-4.5', 'openrouter'],
    ['no-colon', 'no-colon'],
  ])('takes %s up to its first colon', (id, provider) => {
    expect(providerOf(id)).toBe(provider);
  });

  it('agrees with parseModelId on every well-formed ID', () => {
    fc.assert(
      fc.property(providerArb, nameArb, (provider, name) => {
        expect(providerOf(formatModelId({ provider, name }))).toBe(provider);
      }),
    );
  });
});
