import { createGoogleGenerativeAI } from '@ai-sdk/google';
import type { DiscoveredModel } from '@switchboard/core';
import { z } from 'zod';
import type { ProviderKindModule } from './provider-kind.js';
import { getJson } from './shared/get-json.js';
import { GET, pathRule, POST } from './shared/path-rules.js';
import { createRuntimeFetch } from './shared/undici-fetch.js';

const MODEL = '[A-Za-z0-9._-]+';

const authHeaders = (apiKey: string | undefined): Record<string, string> =>
  apiKey ? { 'x-goog-api-key': apiKey } : {};

/** `GET /v1beta/models`: https://ai.google.dev/api/models#method:-models.list */
const modelListSchema = z
  .object({
    models: z
      .array(
        z
          .object({
            name: z.string(),
            inputTokenLimit: z.number().nullish(),
            outputTokenLimit: z.number().nullish(),
            supportedGenerationMethods: z.array(z.string()).nullish(),
          })
          .loose(),
      )
      .nullish(),
  })
  .loose();

function toDiscovered(model: z.infer<typeof modelListSchema>['models'] & object): DiscoveredModel[] {
  return model.map((entry) => {
    const methods = entry.supportedGenerationMethods ?? [];
    const capabilities = [
      ...(methods.includes('generateContent') ? ['chat'] : []),
      ...(methods.some((method) => method.startsWith('embed')) ? ['embeddings'] : []),
    ];
    return {
      name: entry.name.replace(/^models\//, ''),
      capabilities: capabilities.length ? capabilities : ['chat'],
      context_window: entry.inputTokenLimit ?? null,
      max_output_tokens: entry.outputTokenLimit ?? null,
    };
  });
}

/** Gemini API: `x-goog-api-key`; default endpoint `https://generativelanguage.googleapis.com/v1beta`. */
export const googleKind: ProviderKindModule = {
  kind: 'google',
  authHeaders,
  // The Google SDKs may put the key in `?key=`; the client's dummy key must not reach Google.
  credentialQueryParams: ['key'],
  proxyPaths: [
    pathRule(GET, 'models'),
    pathRule(GET, `models/${MODEL}`),
    pathRule(POST, `models/${MODEL}:(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)`),
  ],
  async probe(runtime) {
    return (await getJson(runtime, 'models?pageSize=1', authHeaders(runtime.apiKey))).probe;
  },
  async discover(runtime) {
    const parsed = modelListSchema.safeParse((await getJson(runtime, 'models?pageSize=1000', authHeaders(runtime.apiKey))).body);
    return parsed.success ? toDiscovered(parsed.data.models ?? []) : [];
  },
  languageModel: (runtime, name) => googleProvider(runtime)(name),
  embeddingModel: (runtime, name) => googleProvider(runtime).textEmbeddingModel(name),
};

function googleProvider(runtime: Parameters<ProviderKindModule['probe']>[0]) {
  return createGoogleGenerativeAI({
    baseURL: runtime.endpoint.href.replace(/\/+$/, ''),
    apiKey: runtime.apiKey,
    headers: runtime.headers,
    fetch: createRuntimeFetch(runtime),
  });
}
