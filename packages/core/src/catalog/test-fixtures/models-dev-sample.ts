// A small file of models.dev's `api.json` shape, for tests (never the real snapshot: the project does not
// read files outside itself). `scale` multiplies every price, so a second import changes them.

export interface ModelsDevSampleOptions {
  /** Multiplies every price. Default 1. */
  scale?: number;
  /** Gives openrouter's `acme/unpriced` a price ($4 / $8 per 1M, scaled). Default false. */
  priceTheUnpriced?: boolean;
}

/** Three providers a test config can map: openai (a tiered gpt-4o-mini), anthropic, openrouter. */
export function createModelsDevSample(options: ModelsDevSampleOptions = {}): Record<string, unknown> {
  const k = options.scale ?? 1;
  return {
    openai: {
      id: 'openai',
      name: 'OpenAI',
      env: ['OPENAI_API_KEY'],
      npm: '@ai-sdk/openai',
      doc: 'https://platform.openai.com/docs/models',
      models: {
        'gpt-4o-mini': {
          id: 'gpt-4o-mini',
          name: 'GPT-4o mini',
          family: 'gpt-mini',
          release_date: '2024-07-18',
          last_updated: '2024-07-18',
          attachment: true,
          reasoning: false,
          temperature: true,
          tool_call: true,
          structured_output: true,
          knowledge: '2023-09',
          open_weights: false,
          cost: {
            input: 0.15 * k,
            output: 0.6 * k,
            cache_read: 0.075 * k,
            tiers: [{ tier: { size: 200 }, input: 10 * k, output: 20 * k, cache_read: 5 * k }],
          },
          limit: { context: 128000, output: 16384 },
          modalities: { input: ['text', 'image'], output: ['text'] },
        },
        'gpt-5-nano': {
          id: 'gpt-5-nano',
          name: 'GPT-5 nano',
          release_date: '2025-08-07',
          last_updated: '2025-08-07',
          attachment: true,
          reasoning: true,
          tool_call: true,
          structured_output: true,
          knowledge: '2024-05-30',
          open_weights: false,
          cost: { input: 0.05 * k, output: 0.4 * k, reasoning: 0.8 * k },
          limit: { context: 400000, input: 272000, output: 128000 },
          modalities: { input: ['text', 'image', 'pdf'], output: ['text'] },
        },
        'text-embedding-3-small': {
          id: 'text-embedding-3-small',
          name: 'text-embedding-3-small',
          release_date: '2024-01-25',
          last_updated: '2024-01-25',
          attachment: false,
          reasoning: false,
          tool_call: false,
          open_weights: false,
          cost: { input: 0.02 * k, output: 0 },
          limit: { context: 8191, output: 1536 },
          modalities: { input: ['text'], output: ['text'] },
        },
      },
    },
    anthropic: {
      id: 'anthropic',
      name: 'Anthropic',
      env: ['ANTHROPIC_API_KEY'],
      npm: '@ai-sdk/anthropic',
      doc: 'https://docs.anthropic.com/en/docs/about-claude/models',
      models: {
        'claude-sonnet-4-5-20250929': {
          id: 'claude-sonnet-4-5-20250929',
          name: 'Claude Sonnet 4.5',
          release_date: '2025-09-29',
          last_updated: '2025-09-29',
          attachment: true,
          reasoning: true,
          tool_call: true,
          knowledge: '2025-07-31',
          open_weights: false,
          cost: {
            input: 3 * k,
            output: 15 * k,
            cache_read: 0.3 * k,
            cache_write: 3.75 * k,
            context_over_200k: { input: 6 * k, output: 22.5 * k, cache_read: 0.6 * k, cache_write: 7.5 * k },
          },
          limit: { context: 200000, output: 64000 },
          modalities: { input: ['text', 'image', 'pdf'], output: ['text'] },
        },
        'claude-3-haiku-20240307': {
          id: 'claude-3-haiku-20240307',
          name: 'Claude Haiku 3',
          release_date: '2024-03-13',
          last_updated: '2024-03-13',
          attachment: true,
          reasoning: false,
          tool_call: true,
          open_weights: false,
          status: 'deprecated',
          cost: { input: 0.25 * k, output: 1.25 * k },
          limit: { context: 200000, output: 4096 },
          modalities: { input: ['text', 'image'], output: ['text'] },
        },
      },
    },
    openrouter: {
      id: 'openrouter',
      name: 'OpenRouter',
      env: ['OPENROUTER_API_KEY'],
      npm: '@openrouter/ai-sdk-provider',
      api: 'https://openrouter.ai/api/v1',
      doc: 'https://openrouter.ai/models',
      models: {
        'acme/chat-2': {
          id: 'acme/chat-2',
          name: 'Acme Chat 2',
          release_date: '2025-01-01',
          last_updated: '2025-01-01',
          attachment: false,
          reasoning: false,
          tool_call: false,
          open_weights: true,
          cost: { input: 2 * k, output: 4 * k },
          limit: { context: 32768, output: 8192 },
          modalities: { input: ['text'], output: ['text'] },
        },
        'acme/unpriced': {
          id: 'acme/unpriced',
          name: 'Acme Unpriced',
          release_date: '2025-02-01',
          last_updated: '2025-02-01',
          attachment: false,
          reasoning: false,
          tool_call: true,
          open_weights: true,
          ...(options.priceTheUnpriced ? { cost: { input: 4 * k, output: 8 * k } } : {}),
          limit: { context: 65536, output: 8192 },
          modalities: { input: ['text'], output: ['text'] },
        },
      },
    },
  };
}
