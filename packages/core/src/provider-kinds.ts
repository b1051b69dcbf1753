/**
 * The facts about each provider kind that config validation needs, in the browser as well as on the server.
 * How a kind talks to its API (auth headers, proxy paths, probes, discovery) lives in the server's
 * `providers/<kind>.ts`, which reads its default endpoint from here.
 */
export interface ProviderKindFacts {
  /** Base URL used when the config gives none; `undefined` means the config must name one. */
  defaultEndpoint: string | undefined;
  /** Whether the provider is unusable without an API key (shown as `unconfigured` when it has none). */
  requiresApiKey: boolean;
  /** Environment variable the example config and the docs use for the key. */
  apiKeyEnv: string | undefined;
  /** List the provider's own models unless the config says `discover: false` (local servers). */
  discoverByDefault: boolean;
  /** Models run on your own hardware: a model without a price costs 0, not "unknown". */
  local: boolean;
}

export const PROVIDER_KINDS = {
  openai: {
    defaultEndpoint: 'https://api.openai.com/v1',
    requiresApiKey: true,
    apiKeyEnv: 'OPENAI_API_KEY',
    discoverByDefault: false,
    local: false,
  },
  anthropic: {
    defaultEndpoint: 'https://api.anthropic.com/v1',
    requiresApiKey: true,
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    discoverByDefault: false,
    local: false,
  },
  google: {
    defaultEndpoint: 'https://generativelanguage.googleapis.com/v1beta',
    requiresApiKey: true,
    apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    discoverByDefault: false,
    local: false,
  },
  xai: {
    defaultEndpoint: 'https://api.x.ai/v1',
    requiresApiKey: true,
    apiKeyEnv: 'XAI_API_KEY',
    discoverByDefault: false,
    local: false,
  },
  ollama: {
    defaultEndpoint: 'http://localhost:11434',
    requiresApiKey: false,
    apiKeyEnv: undefined,
    discoverByDefault: true,
    local: true,
  },
  'openai-compatible': {
    defaultEndpoint: undefined,
    requiresApiKey: false,
    apiKeyEnv: undefined,
    discoverByDefault: false,
    local: false,
  },
} as const satisfies Record<string, ProviderKindFacts>;

export type ProviderKind = keyof typeof PROVIDER_KINDS;

export const PROVIDER_KIND_NAMES = Object.keys(PROVIDER_KINDS) as ProviderKind[];

export function isProviderKind(value: string): value is ProviderKind {
  return Object.hasOwn(PROVIDER_KINDS, value);
}

/** The price of a model of `kind` that no one priced: 0 for local models, else unknown (`null`), never $0. */
export function unpricedCostOf(kind: ProviderKind): { input: number; output: number } | null {
  return PROVIDER_KINDS[kind].local ? { input: 0, output: 0 } : null;
}
