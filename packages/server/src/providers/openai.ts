import type { ProviderRuntime } from './provider-runtime.js';
import { createOpenAiLikeCallAdapter } from './shared/create-openai-like-call-adapter.js';
import { createOpenAiLikeKind } from './shared/create-openai-like-kind.js';
import { createSdkSettings } from './shared/create-sdk-settings.js';
import { GET, GET_POST_DELETE, POST, pathRule, SEGMENT } from './shared/path-rules.js';

/** https://platform.openai.com/docs/api-reference: the endpoints an application calls with a model. */
export const OPENAI_PROXY_PATHS = [
  pathRule(POST, 'chat/completions'),
  pathRule(POST, 'completions'),
  pathRule(POST, 'embeddings'),
  pathRule(POST, 'moderations'),
  pathRule(POST, 'responses'),
  pathRule(GET_POST_DELETE, `responses/${SEGMENT}(/(cancel|input_items))?`),
  pathRule(GET, 'models'),
  pathRule(GET, `models/${SEGMENT}`),
  pathRule(POST, 'audio/(speech|transcriptions|translations)'),
  pathRule(POST, 'images/(generations|edits|variations)'),
];

async function openaiProvider(runtime: ProviderRuntime) {
  const { createOpenAI } = await import('@ai-sdk/openai');
  return createOpenAI(createSdkSettings(runtime));
}

/** OpenAI: `Authorization: Bearer`, default endpoint `https://api.openai.com/v1`. */
export const openaiKind = createOpenAiLikeKind({
  kind: 'openai',
  proxyPaths: OPENAI_PROXY_PATHS,
  // Chat Completions, not Responses: it is what every OpenAI-compatible upstream also speaks.
  languageModel: async (runtime, name) => (await openaiProvider(runtime)).chat(name),
  embeddingModel: async (runtime, name) => (await openaiProvider(runtime)).embedding(name),
  adaptCall: createOpenAiLikeCallAdapter({
    optionsKey: () => 'openai',
    parallelToolCallsOption: 'parallelToolCalls',
  }),
});
