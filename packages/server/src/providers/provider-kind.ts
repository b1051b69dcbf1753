import type { DiscoveredModel, ProviderKind } from '@switchboard/core';
import type { EmbeddingModel, LanguageModel } from 'ai';
import type { CallAdapter } from './call-adapter.js';
import type { ProviderRuntime } from './provider-runtime.js';
import type { UsageReader } from './usage-reader.js';

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
 * How a kind carries its key: one request header (`authorization` with the `Bearer` scheme, `x-api-key`,
 * `x-goog-api-key`). The proxy drops every kind's credential headers from what a client sends, the auth
 * plugin reads a client's Switchboard token from them, and the logger redacts them: all three take the
 * list from the kinds (`CREDENTIAL_HEADERS`), so a kind with a new header is one declaration.
 */
export interface UpstreamCredential {
  /** The header's name, lower-case. */
  header: string;
  /** The scheme before the key (`Bearer`), if the header has one. */
  scheme?: string | undefined;
}

/** Where a kind that speaks OpenAI's API serves it, relative to the provider's endpoint. */
export interface OpenAiPaths {
  /** `chat/completions` (Ollama: `v1/chat/completions`). */
  chatCompletions: string;
  /** `embeddings` (Ollama: `v1/embeddings`). */
  embeddings: string;
}

/**
 * Everything particular to one provider kind, in one shape. Adding a kind is a new module and one line in
 * `providers/index.ts`; nothing else switches on the kind.
 */
export interface ProviderKindModule {
  kind: ProviderKind;
  /** The header that carries the key upstream; `createUpstreamHeaders` puts it on. */
  credential: UpstreamCredential;
  /** Headers the kind needs on every call when the client sent none (Anthropic's `anthropic-version`). */
  defaultHeaders?: Readonly<Record<string, string>>;
  /** Query parameters that carry credentials and must never be forwarded (Gemini's `key`). */
  credentialQueryParams?: readonly string[];
  /**
   * The provider's own message in an error answer's parsed JSON body, or in an error event of a stream;
   * undefined when it holds none. Task calls and the passthrough both read errors with it.
   */
  readErrorMessage(body: unknown): string | undefined;
  /** The paths the proxy forwards. */
  proxyPaths: readonly ProxyPathRule[];
  /** A free call (a model list, never a completion) that tells whether the key works. */
  probe(runtime: ProviderRuntime): Promise<ProbeResult>;
  /** The provider's own model list, for `registered: false` entries. */
  discover(runtime: ProviderRuntime): Promise<DiscoveredModel[]>;
  /**
   * The AI SDK model the task endpoints call. Async so that the kind's AI SDK provider package is imported
   * on its first call, not when the server starts.
   */
  languageModel(runtime: ProviderRuntime, modelName: string): Promise<LanguageModel>;
  /**
   * Maps a translated request's controls (reasoning, parallel tool calls, JSON without a schema) to the
   * kind's AI SDK provider options. A kind without one refuses every control by name.
   */
  adaptCall?: CallAdapter;
  /** The AI SDK embedding model, where the kind has embeddings (its package imported on first use too). */
  embeddingModel?(runtime: ProviderRuntime, modelName: string): Promise<EmbeddingModel>;
  /** A fresh reader of the usage one answer reports: the proxy and the passthrough calls read usage with it. */
  createUsageReader(): UsageReader;
  /**
   * The model name a proxied request is for, from its path relative to the endpoint and its body's `model`.
   * Default: the body's. Gemini names it in the path; Ollama's `llama3` means `llama3:latest`.
   */
  proxyModelName?(relativePath: string, bodyModel: string | undefined): string | undefined;
  /**
   * Set when the kind speaks OpenAI's API: the OpenAI-compatible routes then pass requests through (only
   * `model` rewritten) instead of translating them through the AI SDK.
   */
  openAiPaths?: OpenAiPaths;
  /**
   * Set when the kind speaks Anthropic's Messages API: `/v1/messages` and `/v1/messages/count_tokens` then
   * pass requests through (only `model` rewritten) instead of translating them.
   */
  anthropicPaths?: AnthropicPaths;
}

/** Where a kind that speaks Anthropic's Messages API serves it, relative to the provider's endpoint. */
export interface AnthropicPaths {
  messages: string;
  countTokens: string;
}
