import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { ProviderKind } from '@switchboard/core';
import type { OpenAiPaths, ProviderKindModule, ProxyPathRule } from '../provider-kind.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import { bearerAuthHeaders } from './bearer-auth.js';
import { discoverOpenAiModels } from './discover-openai-models.js';
import { getJson } from './get-json.js';
import { createOpenAiUsageReader, type OpenAiUsageOptions } from './openai-usage-reader.js';
import { createRuntimeFetch } from './undici-fetch.js';

export interface OpenAiLikeOptions {
  kind: ProviderKind;
  proxyPaths: readonly ProxyPathRule[];
  /** Path of the model list relative to the endpoint. Default `models`. */
  modelsPath?: string;
  /** The kind's own AI SDK provider; default the generic OpenAI-compatible one. */
  languageModel?: ProviderKindModule['languageModel'];
  embeddingModel?: ProviderKindModule['embeddingModel'];
  /** How the kind counts usage where it differs from OpenAI (xAI's reasoning tokens). */
  usage?: OpenAiUsageOptions;
}

/** Where every OpenAI-like kind serves the OpenAI API, relative to its endpoint. */
const OPENAI_PATHS: OpenAiPaths = { chatCompletions: 'chat/completions', embeddings: 'embeddings' };

function compatibleProvider(runtime: ProviderRuntime) {
  return createOpenAICompatible({
    name: runtime.info.name,
    baseURL: runtime.endpoint.href.replace(/\/+$/, ''),
    apiKey: runtime.apiKey,
    headers: runtime.headers,
    includeUsage: true,
    fetch: createRuntimeFetch(runtime),
  });
}

/**
 * OpenAI, xAI, OpenAI-compatible endpoints and Ollama's `/v1` speak one protocol and differ by
 * configuration: paths, model list location and the AI SDK provider. This builds a kind from those.
 */
export function createOpenAiLikeKind(options: OpenAiLikeOptions): ProviderKindModule {
  const modelsPath = options.modelsPath ?? 'models';
  return {
    kind: options.kind,
    authHeaders: bearerAuthHeaders,
    proxyPaths: options.proxyPaths,
    async probe(runtime) {
      return (await getJson(runtime, modelsPath, bearerAuthHeaders(runtime.apiKey))).probe;
    },
    discover: (runtime) => discoverOpenAiModels(runtime, bearerAuthHeaders(runtime.apiKey), modelsPath),
    languageModel: options.languageModel ?? ((runtime, name) => compatibleProvider(runtime).chatModel(name)),
    embeddingModel:
      options.embeddingModel ?? ((runtime, name) => compatibleProvider(runtime).textEmbeddingModel(name)),
    createUsageReader: () => createOpenAiUsageReader(options.usage),
    openAiPaths: OPENAI_PATHS,
  };
}
