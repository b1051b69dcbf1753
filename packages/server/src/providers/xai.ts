import { createOpenAiLikeCallAdapter } from './shared/create-openai-like-call-adapter.js';
import { createOpenAiLikeKind } from './shared/create-openai-like-kind.js';
import { createSdkSettings } from './shared/create-sdk-settings.js';
import { GET, GET_POST_DELETE, POST, pathRule, SEGMENT } from './shared/path-rules.js';

/** https://docs.x.ai/docs/api-reference: OpenAI's shape plus xAI's own model listings. */
export const XAI_PROXY_PATHS = [
  pathRule(POST, 'chat/completions'),
  pathRule(POST, 'completions'),
  pathRule(POST, 'embeddings'),
  pathRule(POST, 'responses'),
  pathRule(GET_POST_DELETE, `responses/${SEGMENT}`),
  pathRule(POST, 'tokenize-text'),
  pathRule(POST, 'images/generations'),
  pathRule(GET, `(models|language-models|embedding-models|image-generation-models)(/${SEGMENT})?`),
];

/** xAI: `Authorization: Bearer`, default endpoint `https://api.x.ai/v1`. */
export const xaiKind = createOpenAiLikeKind({
  kind: 'xai',
  proxyPaths: XAI_PROXY_PATHS,
  // xAI's `completion_tokens` leaves reasoning out; it is billed as output all the same.
  usage: { reasoningOutsideCompletion: true },
  // xAI takes two efforts, `low` and `high` (https://docs.x.ai/docs/guides/reasoning); parallel calls are
  // its `parallel_function_calling`.
  adaptCall: createOpenAiLikeCallAdapter({
    optionsKey: () => 'xai',
    parallelToolCallsOption: 'parallel_function_calling',
    effort: (effort) => (effort === 'minimal' || effort === 'low' ? 'low' : 'high'),
  }),
  languageModel: async (runtime, name) => {
    const { createXai } = await import('@ai-sdk/xai');
    return createXai(createSdkSettings(runtime)).chat(name);
  },
});
