import type { DiscoveredModel, TokenUsage } from '@switchboard/core';
import { z } from 'zod';
import { asObject } from '../util/as-object.js';
import { adaptAnthropicCall } from './anthropic-call-adapter.js';
import type { ProviderKindModule } from './provider-kind.js';
import { createSdkSettings } from './shared/create-sdk-settings.js';
import { getJson } from './shared/get-json.js';
import { GET, GET_POST_DELETE, POST, pathRule, SEGMENT } from './shared/path-rules.js';
import { tokenCounts } from './shared/token-counts.js';
import type { UsageReader } from './usage-reader.js';

/** Sent when the client names no version: https://docs.anthropic.com/en/api/versioning */
export const ANTHROPIC_VERSION = '2023-06-01';

/** An error answer: `{ type: "error", error: { type, message } }`: https://docs.anthropic.com/en/api/errors */
const errorBodySchema = z.object({ error: z.object({ message: z.string() }).loose() }).loose();

/** `GET /v1/models`: https://docs.anthropic.com/en/api/models-list */
const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() }).loose()).nullish() }).loose();

/** A `usage` block: https://docs.anthropic.com/en/api/messages#response-usage */
const usageCounts = tokenCounts(
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
);

/**
 * Usage of a Messages answer: the JSON body's `usage`, or in a stream the input counts of `message_start`
 * and the output count of the last `message_delta` (its `output_tokens` is cumulative).
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
function createAnthropicUsageReader(): UsageReader {
  let input: Pick<TokenUsage, 'inputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'> | undefined;
  let outputTokens: number | undefined;
  const readInput = (raw: unknown) => {
    const usage = usageCounts.read(raw);
    if (!usage) return;
    const cacheRead = usage.cache_read_input_tokens ?? 0;
    const cacheWrite = usage.cache_creation_input_tokens ?? 0;
    // `input_tokens` counts only what was neither read from nor written to the cache; all three are input.
    input = {
      inputTokens: (usage.input_tokens ?? 0) + cacheRead + cacheWrite,
      cacheReadTokens: cacheRead || undefined,
      cacheWriteTokens: cacheWrite || undefined,
    };
    outputTokens = usage.output_tokens ?? outputTokens;
  };
  return {
    markers: ['"usage"'],
    read(document) {
      const object = asObject(document);
      if (object?.type === 'message') readInput(object.usage);
      else if (object?.type === 'message_start') readInput(asObject(object.message)?.usage);
      else if (object?.type === 'message_delta') {
        const usage = usageCounts.read(object.usage);
        if (usage) outputTokens = usage.output_tokens ?? outputTokens;
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
  credential: { header: 'x-api-key' },
  defaultHeaders: { 'anthropic-version': ANTHROPIC_VERSION },
  readErrorMessage: (body) => errorBodySchema.safeParse(body).data?.error.message.slice(0, 500),
  proxyPaths: [
    pathRule(POST, 'messages'),
    pathRule(POST, 'messages/count_tokens'),
    pathRule(GET_POST_DELETE, `messages/batches(/${SEGMENT}(/(cancel|results))?)?`),
    pathRule(GET, 'models'),
    pathRule(GET, `models/${SEGMENT}`),
  ],
  async probe(runtime) {
    return (await getJson(runtime, anthropicKind, 'models')).probe;
  },
  async discover(runtime): Promise<DiscoveredModel[]> {
    const parsed = modelListSchema.safeParse(
      (await getJson(runtime, anthropicKind, 'models?limit=1000')).body,
    );
    return parsed.success
      ? (parsed.data.data ?? []).map((model) => ({ name: model.id, capabilities: ['chat'] }))
      : [];
  },
  async languageModel(runtime, name) {
    const { createAnthropic } = await import('@ai-sdk/anthropic');
    return createAnthropic(createSdkSettings(runtime))(name);
  },
  adaptCall: adaptAnthropicCall,
  anthropicPaths: { messages: 'messages', countTokens: 'messages/count_tokens' },
  createUsageReader: createAnthropicUsageReader,
};
