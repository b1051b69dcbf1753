/** What a key is replaced by wherever it would have appeared. */
export const REDACTED = '[redacted]';

/**
 * Shorter strings are not treated as keys: scrubbing every `k` of a log line because a test config set
 * `api_key: k` would mangle everything and protect nothing (real provider keys are 20 characters and more).
 */
export const MIN_REDACTED_KEY_LENGTH = 8;

/**
 * Knows every provider key the gateway holds and scrubs them out of text. It learns keys at runtime (key
 * pools added through the API), so it is one object on the app, not a list frozen at start. Meant for the
 * error paths and the small bodies that carry errors (and log lines), not for every chunk of a 200 stream.
 */
export interface KeyRedactor {
  /** Starts scrubbing this key (and its URL-encoded form). Short or empty values are ignored. */
  learn(key: string | undefined): void;
  /** Stops scrubbing a key that was removed. */
  forget(key: string): void;
  /** How many key strings are known: 0 means `redact` is the identity. */
  readonly size: number;
  /** The longest known key string (0 without keys): what a streaming scrubber must hold back. */
  readonly longest: number;
  /** The text with every known key replaced by `[redacted]`. */
  redact(text: string): string;
  /** A JSON-like value with every known key in its strings replaced (the same value when none is there). */
  redactValue<T>(value: T): T;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Creates a redactor knowing `keys` (undefined entries, for providers without a key, are skipped). */
export function createKeyRedactor(keys: Iterable<string | undefined> = []): KeyRedactor {
  // Each learned key with the forms it may take in text; a counted set, as two providers may share a key.
  const learned = new Map<string, number>();
  let forms: string[] = [];
  let pattern: RegExp | undefined;
  let longest = 0;

  const rebuild = () => {
    const all = new Set<string>();
    for (const key of learned.keys()) {
      all.add(key);
      const encoded = encodeURIComponent(key);
      if (encoded !== key) all.add(encoded);
    }
    // Longest first, so a key that contains another is replaced whole.
    forms = [...all].sort((a, b) => b.length - a.length);
    longest = forms[0]?.length ?? 0;
    pattern = forms.length ? new RegExp(forms.map(escapeForRegExp).join('|'), 'g') : undefined;
  };

  const redactor: KeyRedactor = {
    learn(key) {
      if (!key || key.length < MIN_REDACTED_KEY_LENGTH) return;
      learned.set(key, (learned.get(key) ?? 0) + 1);
      if (learned.get(key) === 1) rebuild();
    },
    forget(key) {
      const count = learned.get(key);
      if (count === undefined) return;
      if (count > 1) learned.set(key, count - 1);
      else {
        learned.delete(key);
        rebuild();
      }
    },
    get size() {
      return forms.length;
    },
    get longest() {
      return longest;
    },
    redact(text) {
      if (!pattern || typeof text !== 'string') return text;
      // `includes` first: most texts hold no key, and a scan per form is cheaper than a regex replace.
      if (!forms.some((form) => text.includes(form))) return text;
      return text.replace(pattern, REDACTED);
    },
    redactValue(value) {
      if (!pattern || value === undefined || value === null) return value;
      if (typeof value === 'string') return redactor.redact(value) as typeof value;
      if (typeof value !== 'object') return value;
      const text = JSON.stringify(value);
      const scrubbed = redactor.redact(text);
      return scrubbed === text ? value : (JSON.parse(scrubbed) as typeof value);
    },
  };
  for (const key of keys) redactor.learn(key);
  return redactor;
}
