import type { ProviderKind } from '@switchboard/core';
import type { CallAdapter } from '../call-adapter.js';
import type { OpenAiPaths, ProviderKindModule, ProxyPathRule, UpstreamCredential } from '../provider-kind.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import { createOpenAiLikeCallAdapter } from './create-openai-like-call-adapter.js';
import { createSdkSettings } from './create-sdk-settings.js';
import { discoverOpenAiModels } from './discover-openai-models.js';
import { getJson } from './get-json.js';
import { createOpenAiUsageReader, type OpenAiUsageOptions } from './openai-usage-reader.js';
import { readErrorMessage } from './read-error-message.js';

/** `Authorization: Bearer <key>`: OpenAI's, and every API's that copies it. */
export const BEARER_CREDENTIAL: UpstreamCredential = { header: 'authorization', scheme: 'Bearer' };

export interface OpenAiLikeOptions {
  kind: ProviderKind;
  proxyPaths: readonly ProxyPathRule[];
  /** Where the OpenAI API sits below the endpoint: `` (OpenAI, xAI) or `v1` (Ollama). Default ``. */
  apiPath?: string;
  /** Path of the model list relative to the endpoint. Default `<apiPath>/models`. */
  modelsPath?: string;
  /** The kind's own AI SDK provider; default the generic OpenAI-compatible one. */
  languageModel?: ProviderKindModule['languageModel'];
  embeddingModel?: ProviderKindModule['embeddingModel'];
  /** The kind's spelling of reasoning and parallel tool calls; default the OpenAI-compatible provider's. */
  adaptCall?: CallAdapter;
  /** How the kind counts usage where it differs from OpenAI (xAI's reasoning tokens). */
  usage?: OpenAiUsageOptions;
}

/** The generic provider's options are keyed by the provider's name; unknown keys go into the body as sent. */
const COMPATIBLE_CALL_ADAPTER = createOpenAiLikeCallAdapter({
  optionsKey: (runtime) => runtime.info.name,
  parallelToolCallsOption: 'parallel_tool_calls',
});

/**
 * The AI SDK's generic OpenAI-compatible provider for a runtime, with usage in streams turned on. The
 * package is imported on the first call (Node keeps it after), so the server starts without it.
 */
export async function createCompatibleProvider(runtime: ProviderRuntime, apiPath = '') {
  const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
  return createOpenAICompatible({
    name: runtime.info.name,
    includeUsage: true,
    // OpenAI-compatible servers (vLLM, OpenRouter, LM Studio, Ollama) take `json_schema`; without this the
    // AI SDK would send a schema as a bare `json_object`.
    supportsStructuredOutputs: true,
    ...createSdkSettings(runtime, apiPath),
  });
}

/**
 * OpenAI, xAI, OpenAI-compatible endpoints and Ollama's `/v1` speak one protocol and differ by
 * configuration: paths, model list location and the AI SDK provider. This builds a kind from those; a
 * kind with more of its own (Ollama's native API) spreads it and overrides the rest.
 */
export function createOpenAiLikeKind(options: OpenAiLikeOptions): ProviderKindModule {
  const prefix = options.apiPath ? `${options.apiPath.replace(/^\/+|\/+$/g, '')}/` : '';
  const modelsPath = options.modelsPath ?? `${prefix}models`;
  const paths: OpenAiPaths = {
    chatCompletions: `${prefix}chat/completions`,
    embeddings: `${prefix}embeddings`,
  };
  const kind: ProviderKindModule = {
    kind: options.kind,
    credential: BEARER_CREDENTIAL,
    readErrorMessage,
    proxyPaths: options.proxyPaths,
    async probe(runtime) {
      return (await getJson(runtime, kind, modelsPath)).probe;
    },
    discover: (runtime) => discoverOpenAiModels(runtime, kind, modelsPath),
    languageModel:
      options.languageModel ??
      (async (runtime, name) => (await createCompatibleProvider(runtime, options.apiPath)).chatModel(name)),
    embeddingModel:
      options.embeddingModel ??
      (async (runtime, name) =>
        (await createCompatibleProvider(runtime, options.apiPath)).textEmbeddingModel(name)),
    adaptCall: options.adaptCall ?? COMPATIBLE_CALL_ADAPTER,
    createUsageReader: () => createOpenAiUsageReader(options.usage),
    openAiPaths: paths,
  };
  return kind;
}
