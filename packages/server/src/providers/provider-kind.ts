import type { DiscoveredModel, ProviderKind } from '@switchboard/core';
import type { EmbeddingModel, LanguageModel } from 'ai';
import type { ProviderRuntime } from './provider-runtime.js';

/** One path the proxy forwards, relative to the provider's endpoint (`chat/completions`). */
export interface ProxyPathRule {
  methods: readonly string[];
  /** Matched against the whole relative path, which has already been checked for traversal. */
  pattern: RegExp;
}

/** What a probe learned: reachability, auth, and (for discovery) the models listed. */
export interface ProbeResult {
  status: 'ok' | 'unauthorized' | 'unreachable' | 'error';
  latencyMs: number;
  error?: string | undefined;
}

/**
 * Everything particular to one provider kind, in one shape. Adding a kind is a new module and one line in
 * `providers/index.ts`; nothing else switches on the kind.
 */
export interface ProviderKindModule {
  kind: ProviderKind;
  /** Headers that carry the key upstream (`Authorization: Bearer`, `x-api-key`, `x-goog-api-key`). */
  authHeaders(apiKey: string | undefined): Record<string, string>;
  /** Headers the kind needs on every call when the client sent none (Anthropic's `anthropic-version`). */
  defaultHeaders?: Readonly<Record<string, string>>;
  /** Query parameters that carry credentials and must never be forwarded (Gemini's `key`). */
  credentialQueryParams?: readonly string[];
  /** The paths the proxy forwards. */
  proxyPaths: readonly ProxyPathRule[];
  /** A free call (a model list, never a completion) that tells whether the key works. */
  probe(runtime: ProviderRuntime): Promise<ProbeResult>;
  /** The provider's own model list, for `registered: false` entries. */
  discover(runtime: ProviderRuntime): Promise<DiscoveredModel[]>;
  /** The AI SDK model the task endpoints call. */
  languageModel(runtime: ProviderRuntime, modelName: string): LanguageModel;
  /** The AI SDK embedding model, where the kind has embeddings. */
  embeddingModel?(runtime: ProviderRuntime, modelName: string): EmbeddingModel;
}
