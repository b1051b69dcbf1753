/**
 * The models each kind lists by default (override with `startMockProviders({ models })`), and the facts
 * the listing routes show about them. Chat routes answer for any model name, as a permissive upstream.
 */
import type { MockKind } from './kinds.js';

/** Models listed per kind when the options name none. */
export const DEFAULT_MODELS: Record<MockKind, readonly string[]> = {
  openai: ['gpt-4o', 'gpt-4o-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-codex', 'text-embedding-3-small'],
  anthropic: ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805'],
  google: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-embedding-001'],
  xai: ['grok-4-latest', 'grok-4-fast', 'grok-3-latest', 'grok-3-mini'],
  ollama: ['llama3:latest', 'sqlcoder:7b', 'nomic-embed-text:latest'],
  compat: ['mock/chat-small', 'mock/chat-large', 'mock/embed'],
};

/** Whether a model name looks like an embedding model (`text-embedding-3-small`, `nomic-embed-text`). */
export function isEmbeddingModel(name: string): boolean {
  return /embed/i.test(name);
}

/** Embedding size per kind when the request does not ask for one (OpenAI 3-small, Gemini, nomic). */
export const DEFAULT_DIMENSIONS: Record<MockKind, number> = {
  openai: 1536,
  anthropic: 0,
  google: 3072,
  xai: 1536,
  ollama: 768,
  compat: 1536,
};

/** A fixed timestamp for listings, so answers stay deterministic (2025-01-01T00:00:00Z). */
export const LISTED_AT_SECONDS = 1_735_689_600;

/** "Claude Sonnet 4.5" from `claude-sonnet-4-5-20250929`, as Anthropic's `display_name`. */
export function displayNameOf(model: string): string {
  const words = model.replace(/-\d{8}$/, '').split('-');
  const out: string[] = [];
  for (const word of words) {
    const last = out[out.length - 1];
    if (/^\d+$/.test(word) && last !== undefined && /\d$/.test(last)) out[out.length - 1] = `${last}.${word}`;
    else out.push(/^\d/.test(word) ? word : word.charAt(0).toUpperCase() + word.slice(1));
  }
  return out.join(' ');
}
