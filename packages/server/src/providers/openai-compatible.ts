import { createOpenAiLikeKind } from './shared/create-openai-like-kind.js';
import { GET, POST, pathRule, SEGMENT } from './shared/path-rules.js';

/** The subset of OpenAI's API that OpenAI-compatible servers (OpenRouter, vLLM, LM Studio, ...) implement. */
export const OPENAI_COMPATIBLE_PROXY_PATHS = [
  pathRule(POST, 'chat/completions'),
  pathRule(POST, 'completions'),
  pathRule(POST, 'embeddings'),
  pathRule(POST, 'responses'),
  pathRule(GET, 'models'),
  pathRule(GET, `models/${SEGMENT}(/${SEGMENT})?`),
];

/** Any OpenAI-compatible endpoint: Bearer when a key is set; the config must name the endpoint. */
export const openaiCompatibleKind = createOpenAiLikeKind({
  kind: 'openai-compatible',
  proxyPaths: OPENAI_COMPATIBLE_PROXY_PATHS,
});
