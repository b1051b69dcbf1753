import type { DiscoveredModel, TokenUsage } from '@switchboard/core';
import { z } from 'zod';
import { asObject } from '../util/as-object.js';
import { adaptGoogleCall } from './google-call-adapter.js';
import type { ProviderKindModule } from './provider-kind.js';
import type { ProviderRuntime } from './provider-runtime.js';
import { createSdkSettings } from './shared/create-sdk-settings.js';
import { getJson } from './shared/get-json.js';
import { GET, POST, pathRule } from './shared/path-rules.js';
import { tokenCounts } from './shared/token-counts.js';
import type { UsageReader } from './usage-reader.js';

const MODEL = '[A-Za-z0-9._-]+';

/** An error answer: `{ error: { code, message, status } }`: https://ai.google.dev/gemini-api/docs/troubleshooting */
const errorBodySchema = z.object({ error: z.object({ message: z.string() }).loose() }).loose();

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

/** `usageMetadata`: https://ai.google.dev/api/generate-content#UsageMetadata */
const usageMetadataCounts = tokenCounts(
  'promptTokenCount',
  'candidatesTokenCount',
  'thoughtsTokenCount',
  'cachedContentTokenCount',
);

/**
 * Usage of a Gemini answer: `usageMetadata` of the body, or of the last stream chunk (every chunk carries
 * the running total). Thinking tokens are billed as output; cached tokens are part of the prompt count.
 */
function createGoogleUsageReader(): UsageReader {
  let usage: TokenUsage | undefined;
  return {
    markers: ['"usageMetadata"'],
    read(document) {
      const metadata = usageMetadataCounts.read(asObject(document)?.usageMetadata);
      if (!metadata) return;
      const thoughts = metadata.thoughtsTokenCount ?? undefined;
      usage = {
        inputTokens: metadata.promptTokenCount ?? 0,
        outputTokens: (metadata.candidatesTokenCount ?? 0) + (thoughts ?? 0),
        cacheReadTokens: metadata.cachedContentTokenCount ?? undefined,
        reasoningTokens: thoughts,
      };
    },
    result: () => usage,
  };
}

/** The model of a call is in its path: `models/gemini-2.5-flash:streamGenerateContent`. */
const MODEL_IN_PATH = new RegExp(`^models/(${MODEL}):`);

/** Gemini API: `x-goog-api-key`; default endpoint `https://generativelanguage.googleapis.com/v1beta`. */
export const googleKind: ProviderKindModule = {
  kind: 'google',
  credential: { header: 'x-goog-api-key' },
  readErrorMessage: (body) => errorBodySchema.safeParse(body).data?.error.message.slice(0, 500),
  // The Google SDKs may put the key in `?key=`; the client's dummy key must not reach Google.
  credentialQueryParams: ['key'],
  proxyPaths: [
    pathRule(GET, 'models'),
    pathRule(GET, `models/${MODEL}`),
    pathRule(
      POST,
      `models/${MODEL}:(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)`,
    ),
  ],
  async probe(runtime) {
    return (await getJson(runtime, googleKind, 'models?pageSize=1')).probe;
  },
  async discover(runtime) {
    const parsed = modelListSchema.safeParse(
      (await getJson(runtime, googleKind, 'models?pageSize=1000')).body,
    );
    return parsed.success ? toDiscovered(parsed.data.models ?? []) : [];
  },
  languageModel: async (runtime, name) => (await googleProvider(runtime))(name),
  embeddingModel: async (runtime, name) => (await googleProvider(runtime)).textEmbeddingModel(name),
  adaptCall: adaptGoogleCall,
  createUsageReader: createGoogleUsageReader,
  proxyModelName: (relativePath) => MODEL_IN_PATH.exec(relativePath)?.[1],
};

async function googleProvider(runtime: ProviderRuntime) {
  const { createGoogleGenerativeAI } = await import('@ai-sdk/google');
  return createGoogleGenerativeAI(createSdkSettings(runtime));
}
