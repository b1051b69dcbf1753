import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';

/** Settings of `createSwitchboard`. */
export interface SwitchboardProviderSettings {
  /** The gateway, e.g. `http://127.0.0.1:8787` (default: env `SWITCHBOARD_URL`, then that). */
  baseURL?: string;
  /** A Switchboard API token (token mode); not needed in local mode. Default: env `SWITCHBOARD_TOKEN`. */
  token?: string;
  /** Extra headers on every call. */
  headers?: Record<string, string>;
  /** A custom fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/** An AI SDK provider whose models are Switchboard tasks or explicit model IDs. */
export interface SwitchboardProvider {
  /**
   * The model a task resolves to for the token's user: their choice, else the default. Resolved by the
   * gateway on every call, so a changed preference applies to the next call with no restart.
   */
  task(task: string): LanguageModelV3;
  /** An explicit model ID (`anthropic:claude-haiku-4-5-20251001`), still served through the gateway. */
  model(id: string): LanguageModelV3;
  /** The embeddings model of a task (default `embeddings`). */
  taskEmbedding(task?: string): EmbeddingModelV3;
  /** An explicit embeddings model ID. */
  embedding(id: string): EmbeddingModelV3;
}

/** Default gateway address, as `npm start` serves it. */
export const DEFAULT_SWITCHBOARD_URL = 'http://127.0.0.1:8787';

/** Reads an environment variable where there is one (Node), and nothing in a browser. */
function env(name: string): string | undefined {
  const holder = globalThis as { process?: { env?: Record<string, string | undefined> } };
  return holder.process?.env?.[name];
}

/**
 * Creates the provider. Application code names tasks, not models:
 * ```ts
 * const switchboard = createSwitchboard({ token });
 * const { text } = await generateText({ model: switchboard.task('prd_generation'), prompt });
 * ```
 * Calls go to the gateway's OpenAI-compatible API with model `task:<name>`, so streaming, structured
 * output, tools (tool calls, results, multi-step loops), reasoning and usage work for every provider kind
 * behind it: the gateway translates them for the kinds that do not speak OpenAI's API.
 */
export function createSwitchboard(settings: SwitchboardProviderSettings = {}): SwitchboardProvider {
  const baseURL = (settings.baseURL ?? env('SWITCHBOARD_URL') ?? DEFAULT_SWITCHBOARD_URL).replace(/\/+$/, '');
  const provider = createOpenAICompatible({
    name: 'switchboard',
    baseURL: `${baseURL}/v1`,
    apiKey: settings.token ?? env('SWITCHBOARD_TOKEN'),
    headers: settings.headers,
    fetch: settings.fetch,
    includeUsage: true,
    // The gateway accepts OpenAI's json_schema response format and honours it for every kind.
    supportsStructuredOutputs: true,
  });
  return {
    task: (task) => provider.chatModel(`task:${task}`),
    model: (id) => provider.chatModel(id),
    taskEmbedding: (task = 'embeddings') => provider.textEmbeddingModel(`task:${task}`),
    embedding: (id) => provider.textEmbeddingModel(id),
  };
}
