/**
 * Deterministic token counting and chunking. The mock counts whitespace-separated words as tokens: not
 * what any tokenizer does, but stable, cheap, and easy to predict in a test (`"Echo: hi there"` is 3).
 */

/** Usage one answer reports. `outputTokens` includes `reasoningTokens` (what a provider bills as output). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens?: number;
  /** Input tokens read from the prompt cache (a part of `inputTokens` for OpenAI, xAI and Gemini). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic; not a part of `inputTokens`). */
  cacheCreationInputTokens?: number;
}

/** Number of whitespace-separated words in `text`. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13);
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Words in every string of a list, summed. */
export function countWordsIn(texts: readonly string[]): number {
  let total = 0;
  for (const text of texts) total += countWords(text);
  return total;
}

/**
 * Splits `text` into `parts` pieces that join back to it: at word boundaries when there are enough
 * words (each word keeps the space before it, as model deltas do), else by code points, so that
 * `chunks=50` gives 50 deltas even for a short answer (up to one per character).
 */
export function splitText(text: string, parts: number): string[] {
  const wanted = Math.max(1, Math.floor(parts));
  if (wanted === 1 || text.length === 0) return [text];
  const words = text.match(/\s*\S+/g) ?? [];
  const tail = text.slice(words.join('').length);
  if (words.length >= wanted) return group(words, wanted, tail);
  const chars = Array.from(text);
  return group(chars, Math.min(wanted, chars.length), '');
}

function group(pieces: string[], parts: number, tail: string): string[] {
  const out: string[] = [];
  const base = Math.floor(pieces.length / parts);
  let extra = pieces.length % parts;
  let at = 0;
  for (let i = 0; i < parts; i++) {
    const size = base + (extra-- > 0 ? 1 : 0);
    out.push(pieces.slice(at, at + size).join(''));
    at += size;
  }
  out[out.length - 1] += tail;
  return out;
}
