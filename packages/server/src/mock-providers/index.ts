/**
 * Mock upstream AI providers for tests, demos and benchmarks: one local server speaking the OpenAI,
 * Anthropic, Gemini, xAI, Ollama and OpenAI-compatible wire formats, with recording and fault injection.
 */
export {
  type Answer,
  type AnswerRequest,
  ECHO_PREFIX,
  MAX_PARALLEL_CALLS,
  planAnswer,
  TOOL_RESULTS_PREFIX,
} from './answer.js';
export { DEFAULT_MODELS } from './catalog.js';
export { DEFAULT_CHUNKS } from './context.js';
export { createEmbedding, encodeEmbeddingBase64 } from './embedding.js';
export {
  FAULT_HEADER,
  FAULT_MODES,
  type FaultMode,
  type FaultPlan,
  type FaultSpec,
  parseFaultHeaders,
  parseFaultSpec,
} from './faults.js';
export { sampleJsonSchema } from './json-schema-sample.js';
export { MOCK_KINDS, type MockKind, type MockKindName, mockBasePath, parseMockKind } from './kinds.js';
export { REASONING_EFFORT_TOKENS } from './openai-reasoning.js';
export { AUTOMATIC_CACHE_MIN_TOKENS } from './prompt-cache.js';
export type { MockAbortEvent, MockRequest, ReportedUsage, UsageTally } from './recorder.js';
export {
  type MockProviders,
  type MockProvidersOptions,
  startMockProviders,
} from './start-mock-providers.js';
export { DEFAULT_THINKING_SECRET, signThinking, verifyThinking } from './thinking-signature.js';
export { countWords, splitText, type TokenUsage } from './tokens.js';
