import { InvalidRequestError } from '../errors/invalid-request-error.js';

/**
 * How deeply JSON bodies (and WebSocket messages) may nest. A chat with tools and a JSON Schema nests a few
 * dozen levels; 10,000 levels is an attack on every recursive walk after the parse (validation, the AI
 * SDK's schema conversion, `JSON.stringify`), which would overflow the stack far from the cause.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * The deepest nesting of objects and arrays in a JSON text, counted up to `max + 1` and no further: one
 * pass over the characters, strings (and their escapes) skipped, no parse. Malformed JSON is left to the
 * parser; this only counts brackets.
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  // A text shorter than the limit cannot nest past it.
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}

/** The 400 for a body nested past the limit: says which limit and how to stay under it. */
export function createJsonTooDeepError(max = MAX_JSON_DEPTH): InvalidRequestError {
  return new InvalidRequestError(
    `The JSON is nested deeper than ${max} levels, the depth limit of this server: flatten the body (or the JSON Schema in it).`,
    { max_depth: max },
  );
}
