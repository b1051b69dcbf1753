/**
 * Lenient readers for request bodies: a mock must accept whatever a client sends and never throw on a
 * missing field, so every read falls back to an empty value.
 */

/** A JSON object, as a record. */
export type JsonRecord = Record<string, unknown>;

/** `value` if it is a plain object, else `{}`. */
export function asRecord(value: unknown): JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : {};
}

/** `value` if it is an array, else `[]`. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` if it is a string, else `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` if it is a finite number, else `undefined`. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The text of a message's content in the shapes the chat formats use: a string, or an array of parts
 * whose text sits in `text` (OpenAI, Anthropic, Gemini, Responses `input_text`/`output_text`) or, for
 * tool results, a nested `content`. Images and other parts add nothing.
 */
export function textsOf(content: unknown, out: string[] = []): string[] {
  if (typeof content === 'string') {
    out.push(content);
  } else if (Array.isArray(content)) {
    for (const part of content) textsOf(part, out);
  } else if (typeof content === 'object' && content !== null) {
    const part = content as JsonRecord;
    if (typeof part.text === 'string') out.push(part.text);
    else if (part.content !== undefined) textsOf(part.content, out);
  }
  return out;
}
