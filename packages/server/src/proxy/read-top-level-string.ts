/** Index of the quote that closes the JSON string opening at `start`, or -1 when the text ends first. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

function decodeString(text: string, start: number, end: number): string | undefined {
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return undefined;
  }
}

function skipSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/**
 * The string value of `key` in the top-level object of a JSON text, which may be cut short: the proxy keeps
 * only the first part of a large body. Nested keys of the same name (a tool's `model` parameter) are not
 * taken for it. Scans once and stops at the key; undefined when it is absent, not a string, or cut off.
 */
export function readTopLevelString(text: string, key: string): string | undefined {
  let at = skipSpace(text, 0);
  if (text[at] !== '{') return undefined;
  let depth = 0;
  let expectKey = false;
  for (; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      const end = stringEnd(text, at);
      if (end === -1) return undefined;
      if (depth === 1 && expectKey) {
        expectKey = false;
        const colon = skipSpace(text, end + 1);
        if (text[colon] === ':' && decodeString(text, at, end) === key) {
          const value = skipSpace(text, colon + 1);
          if (text[value] !== '"') return undefined;
          const valueEnd = stringEnd(text, value);
          return valueEnd === -1 ? undefined : decodeString(text, value, valueEnd);
        }
      }
      at = end;
    } else if (char === '{' || char === '[') {
      depth++;
      expectKey = depth === 1;
    } else if (char === '}' || char === ']') {
      depth--;
    } else if (char === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return undefined;
}
