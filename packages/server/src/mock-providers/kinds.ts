/**
 * The wire protocols the mock upstream speaks. One server serves all of them, each under its own path
 * prefix, so a provider's base URL is `${mock.url}/<prefix>/...` exactly where the real one would stand.
 */
export const MOCK_KINDS = ['openai', 'anthropic', 'google', 'xai', 'ollama', 'compat'] as const;

/** One wire protocol of the mock: `compat` is a generic OpenAI-compatible server (OpenRouter-like). */
export type MockKind = (typeof MOCK_KINDS)[number];

/** A kind as the gateway names it: `openai-compatible` is accepted as another name for `compat`. */
export type MockKindName = MockKind | 'openai-compatible';

/**
 * The base URL path an SDK is given, per kind. It matches the real APIs' defaults: OpenAI, xAI and the
 * OpenAI-compatible ones end in `/v1`, Anthropic's AI SDK base is `https://api.anthropic.com/v1` (the
 * official SDK stops before `/v1`: give it `${url}/anthropic`), Gemini's is `/v1beta`, Ollama's is its host.
 */
const BASE_PATHS: Record<MockKind, string> = {
  openai: '/openai/v1',
  anthropic: '/anthropic/v1',
  google: '/google/v1beta',
  xai: '/xai/v1',
  ollama: '/ollama',
  compat: '/compat/v1',
};

/** Maps a kind's name (or its alias) to the kind, or `undefined` for anything else. */
export function parseMockKind(name: string): MockKind | undefined {
  if (name === 'openai-compatible') return 'compat';
  return (MOCK_KINDS as readonly string[]).includes(name) ? (name as MockKind) : undefined;
}

/** The path of a kind's base URL on the mock, e.g. `/openai/v1`. */
export function mockBasePath(kind: MockKindName): string {
  const parsed = parseMockKind(kind);
  if (!parsed) throw new TypeError(`Unknown mock provider kind: ${kind}`);
  return BASE_PATHS[parsed];
}
