/** Each provider kind of the test config, with a model of it and the name its provider knows it by. */
export const KINDS = [
  { kind: 'openai', model: 'openai:gpt-4o-mini', name: 'gpt-4o-mini' },
  { kind: 'anthropic', model: 'anthropic:claude-haiku-4-5-20251001', name: 'claude-haiku-4-5-20251001' },
  { kind: 'google', model: 'google:gemini-2.5-flash', name: 'gemini-2.5-flash' },
  { kind: 'xai', model: 'xai:grok-4-fast', name: 'grok-4-fast' },
  { kind: 'ollama', model: 'ollama:llama3:latest', name: 'llama3:latest' },
  { kind: 'compat', model: 'compat:acme/chat-1', name: 'acme/chat-1' },
] as const;

export type KindCase = (typeof KINDS)[number];

/** The tool every cell offers: required `city`, so the mock's arguments are `{"city":"mock"}`. */
export const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
} as const;

export const TIME_SCHEMA = {
  type: 'object',
  properties: { zone: { type: 'string' } },
  required: ['zone'],
  additionalProperties: false,
} as const;

/** The names of the tools an upstream request offered, in each kind's own wire shape. */
export function upstreamToolNames(kind: string, body: unknown): string[] {
  const tools = ((body as { tools?: unknown[] } | undefined)?.tools ?? []) as Array<Record<string, unknown>>;
  if (kind === 'anthropic') return tools.map((tool) => String(tool.name));
  if (kind === 'google') {
    return tools.flatMap((tool) =>
      ((tool.functionDeclarations ?? []) as Array<{ name: string }>).map((fn) => fn.name),
    );
  }
  return tools.map((tool) => String((tool.function as { name?: unknown } | undefined)?.name));
}

/** The upstream path of a chat call of each kind, to find it among the mock's requests. */
export function isChatCall(kind: string, path: string): boolean {
  if (kind === 'anthropic') return path.endsWith('/messages');
  if (kind === 'google') return /:(stream)?generateContent$/i.test(path);
  return path.endsWith('/chat/completions') || path === '/api/chat';
}

/** A 1x1 PNG, so mocks that check image bytes accept it. */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
