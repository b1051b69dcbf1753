/**
 * The mock's prompt cache, one per mock instance: which prompt prefixes it has seen, per kind and model.
 * Anthropic caches the prefixes `cache_control` marks (created on first sight, read afterwards); OpenAI,
 * xAI and Gemini cache automatically the longest prefix seen before once it holds 1,024 tokens.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
import { createHash } from 'node:crypto';

/** The fewest tokens an automatic (OpenAI, xAI, Gemini) cache hit holds, as the real APIs. */
export const AUTOMATIC_CACHE_MIN_TOKENS = 1024;

/** Prefixes remembered; the oldest are forgotten so a long benchmark run stays flat. */
const CACHE_LIMIT = 10_000;

/** A prompt as the cache sees it: its parts in order, and the tokens held up to each part. */
export interface CachedPrompt {
  /** The kind and model: caches are not shared between models. */
  scope: string;
  /** Everything the prompt holds, in order (tools, system, messages), as JSON-able values. */
  parts: readonly unknown[];
  /** `tokensUpTo[i]`: tokens of `parts[0..i]`. */
  tokensUpTo: readonly number[];
}

/** Anthropic's split of a prompt's input tokens. */
export interface MarkedCacheUsage {
  /** Tokens read from the cache: up to the last marked prefix seen before. */
  read: number;
  /** Tokens written to the cache: from there up to the last marked prefix. */
  created: number;
}

/** The seen-prefix store behind the cached-token counts. */
export interface PromptCache {
  /** Anthropic: the prefixes ending at the `marked` part indexes, checked and remembered. */
  marked(prompt: CachedPrompt, marked: readonly number[]): MarkedCacheUsage;
  /**
   * OpenAI, xAI, Gemini: tokens of the longest prefix seen before, when it holds at least
   * {@link AUTOMATIC_CACHE_MIN_TOKENS} (else 0); remembers every prefix that long.
   */
  automatic(prompt: CachedPrompt): number;
}

/** Creates an empty {@link PromptCache}. */
export function createPromptCache(): PromptCache {
  const seen = new Set<string>();
  const remember = (key: string): void => {
    seen.add(key);
    if (seen.size > CACHE_LIMIT) seen.delete(seen.values().next().value as string);
  };
  /** Calls `visit` with the chained hash of every prefix `wanted` accepts, in order. */
  const walk = (
    prompt: CachedPrompt,
    wanted: (i: number) => boolean,
    visit: (key: string, i: number) => void,
  ) => {
    let key = createHash('sha256').update(prompt.scope).digest('base64');
    prompt.parts.forEach((part, i) => {
      key = createHash('sha256')
        .update(key)
        .update(JSON.stringify(part) ?? 'null')
        .digest('base64');
      if (wanted(i)) visit(key, i);
    });
  };
  return {
    marked(prompt, marked) {
      const usage: MarkedCacheUsage = { read: 0, created: 0 };
      if (marked.length === 0) return usage;
      const last = Math.max(...marked);
      let lastSeen = false;
      walk(
        prompt,
        (i) => marked.includes(i),
        (key, i) => {
          lastSeen = seen.has(key);
          if (lastSeen) usage.read = prompt.tokensUpTo[i] ?? 0;
          else remember(key);
        },
      );
      if (!lastSeen) usage.created = (prompt.tokensUpTo[last] ?? 0) - usage.read;
      return usage;
    },
    automatic(prompt) {
      let cached = 0;
      // Short prompts (every benchmark's) are never hashed: they cannot be cached.
      const total = prompt.tokensUpTo[prompt.tokensUpTo.length - 1] ?? 0;
      if (total < AUTOMATIC_CACHE_MIN_TOKENS) return 0;
      walk(
        prompt,
        (i) => (prompt.tokensUpTo[i] ?? 0) >= AUTOMATIC_CACHE_MIN_TOKENS,
        (key, i) => {
          if (seen.has(key)) cached = prompt.tokensUpTo[i] ?? 0;
          else remember(key);
        },
      );
      return cached;
    },
  };
}
