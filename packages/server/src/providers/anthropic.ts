import { createAnthropic } from '@ai-sdk/anthropic';
import type { DiscoveredModel } from '@switchboard/core';
import { z } from 'zod';
import type { ProviderKindModule } from './provider-kind.js';
import type { ProviderRuntime } from './provider-runtime.js';
import { getJson } from './shared/get-json.js';
import { GET, GET_POST_DELETE, pathRule, POST, SEGMENT } from './shared/path-rules.js';
import { createRuntimeFetch } from './shared/undici-fetch.js';

/** Sent when the client names no version: https://docs.anthropic.com/en/api/versioning */
export const ANTHROPIC_VERSION = '2023-06-01';

const authHeaders = (apiKey: string | undefined): Record<string, string> => (apiKey ? { 'x-api-key': apiKey } : {});

/** `GET /v1/models`: https://docs.anthropic.com/en/api/models-list */
const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() }).loose()).nullish() }).loose();

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
    const parsed = modelListSchema.safeParse((await getJson(runtime, 'models?limit=1000', probeHeaders(runtime))).body);
    return parsed.success ? (parsed.data.data ?? []).map((model) => ({ name: model.id, capabilities: ['chat'] })) : [];
  },
  languageModel: (runtime, name) =>
    createAnthropic({
      baseURL: runtime.endpoint.href.replace(/\/+$/, ''),
      apiKey: runtime.apiKey,
      headers: runtime.headers,
      fetch: createRuntimeFetch(runtime),
    })(name),
};

function probeHeaders(runtime: ProviderRuntime): Record<string, string> {
  return { ...authHeaders(runtime.apiKey), 'anthropic-version': ANTHROPIC_VERSION };
}
