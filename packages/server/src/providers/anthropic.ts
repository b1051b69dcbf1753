import { createAnthropic } from '@ai-sdk/anthropic';
import type { DiscoveredModel, TokenUsage } from '@switchboard/core';
import { z } from 'zod';
import type { ProviderKindModule } from './provider-kind.js';
import type { ProviderRuntime } from './provider-runtime.js';
import { getJson } from './shared/get-json.js';
import { GET, GET_POST_DELETE, POST, pathRule, SEGMENT } from './shared/path-rules.js';
import { createRuntimeFetch } from './shared/undici-fetch.js';
import { asObject, type UsageReader } from './usage-reader.js';

/** Sent when the client names no version: https://docs.anthropic.com/en/api/versioning */
export const ANTHROPIC_VERSION = '2023-06-01';

const authHeaders = (apiKey: string | undefined): Record<string, string> =>
  apiKey ? { 'x-api-key': apiKey } : {};

/** `GET /v1/models`: https://docs.anthropic.com/en/api/models-list */
const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() }).loose()).nullish() }).loose();

/** A `usage` block: https://docs.anthropic.com/en/api/messages#response-usage */
const usageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
    cache_creation_input_tokens: z.number().nullish(),
  })
  .loose();

/**
 * Usage of a Messages answer: the JSON body's `usage`, or in a stream the input counts of `message_start`
 * and the output count of the last `message_delta` (its `output_tokens` is cumulative).
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
function createAnthropicUsageReader(): UsageReader {
  let input: Pick<TokenUsage, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'> | undefined;
  let outputTokens: number | undefined;
  const readInput = (raw: unknown) => {
    const usage = usageSchema.safeParse(raw);
    if (!usage.success) return;
    const cacheRead = usage.data.cache_read_input_tokens ?? 0;
    const cacheWrite = usage.data.cache_creation_input_tokens ?? 0;
    // `input_tokens` counts only what was neither read from nor written to the cache; all three are input.
    input = {
      inputTokens: (usage.data.input_tokens ?? 0) + cacheRead + cacheWrite,
      cacheReadTokens: cacheRead || undefined,
      cacheWriteTokens: cacheWrite || undefined,
    };
    outputTokens = usage.data.output_tokens ?? outputTokens;
  };
  return {
    markers: ['"usage"'],
    read(document) {
      const object = asObject(document);
      if (object?.type === 'message') readInput(object.usage);
      else if (object?.type === 'message_start') readInput(asObject(object.message)?.usage);
      else if (object?.type === 'message_delta') {
        const usage = usageSchema.safeParse(object.usage);
        if (usage.success) outputTokens = usage.data.output_tokens ?? outputTokens;
      }
    },
    result: () =>
      input || outputTokens !== undefined
        ? { inputTokens: 0, ...input, outputTokens: outputTokens ?? 0 }
        : undefined,
  };
}

/** Anthropic: `x-api-key` and `anthropic-version`; default endpoint `https://api.anthropic.com/v1`. */
export const anthropicKind: ProviderKindModule = {
  kind: 'anthropic',
  authHeaders,
  defaultHeaders: { 'anthropic-version': ANTHROPIC_VERSION },
  proxyPaths: [
    pathRule(POST, 'messages'),
    pathRule(POST, 'messages/count_tokens'),
    pathRule(GET_POST_DELETE, `messages/batches(/${SEGMENT}(/(cancel|results))?)?`),
    pathRule(GET, 'models'),
    pathRule(GET, `models/${SEGMENT}`),
  ],
  async probe(runtime) {
    return (await getJson(runtime, 'models', probeHeaders(runtime))).probe;
  },
  async discover(runtime): Promise<DiscoveredModel[]> {
    const parsed = modelListSchema.safeParse(
      (await getJson(runtime, 'models?limit=1000', probeHeaders(runtime))).body,
    );
    return parsed.success
      ? (parsed.data.data ?? []).map((model) => ({ name: model.id, capabilities: ['chat'] }))
      : [];
  },
  languageModel: (runtime, name) =>
    createAnthropic({
      baseURL: runtime.endpoint.href.replace(/\/+$/, ''),
      apiKey: runtime.apiKey,
      headers: runtime.headers,
      fetch: createRuntimeFetch(runtime),
    })(name),
  createUsageReader: createAnthropicUsageReader,
};

function probeHeaders(runtime: ProviderRuntime): Record<string, string> {
  return { ...authHeaders(runtime.apiKey), 'anthropic-version': ANTHROPIC_VERSION };
}
