import type { DiscoveredModel, TokenUsage } from '@switchboard/core';
import { z } from 'zod';
import { asObject } from '../util/as-object.js';
import type { ProviderKindModule } from './provider-kind.js';
import type { ProviderRuntime } from './provider-runtime.js';
import { createOpenAiLikeKind } from './shared/create-openai-like-kind.js';
import { getJson } from './shared/get-json.js';
import { createOpenAiUsageReader } from './shared/openai-usage-reader.js';
import { GET, POST, pathRule, SEGMENT } from './shared/path-rules.js';
import { tokenCounts } from './shared/token-counts.js';
import type { UsageReader } from './usage-reader.js';

/** Discovery reads `/api/show` for at most this many models at once. */
const SHOW_CONCURRENCY = 4;

/** `GET /api/tags`: https://github.com/ollama/ollama/blob/main/docs/api.md#list-local-models */
const tagsSchema = z.object({ models: z.array(z.object({ name: z.string() }).loose()).nullish() }).loose();
/** `POST /api/show`: `capabilities` (completion, embedding, vision, tools) and `<arch>.context_length`. */
const showSchema = z
  .object({
    capabilities: z.array(z.string()).nullish(),
    model_info: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

async function describeModel(runtime: ProviderRuntime, name: string): Promise<DiscoveredModel> {
  const { body } = await getJson(runtime, ollamaKind, 'api/show', {
    method: 'POST',
    body: { model: name },
  });
  const show = showSchema.safeParse(body);
  if (!show.success) return { name, capabilities: ['chat'] };
  const kinds = show.data.capabilities ?? [];
  const contextKey = Object.keys(show.data.model_info ?? {}).find((key) => key.endsWith('.context_length'));
  const context = contextKey ? Number(show.data.model_info?.[contextKey]) : Number.NaN;
  const capabilities = kinds.includes('embedding') ? ['embeddings'] : ['chat'];
  return {
    name,
    capabilities,
    context_window: Number.isFinite(context) ? context : null,
    features: kinds.filter((kind) => kind === 'vision' || kind === 'tools' || kind === 'thinking'),
    cost: { input: 0, output: 0 },
  };
}

/** The counts of a native answer's last line (or of `/api/embed`): https://github.com/ollama/ollama/blob/main/docs/api.md */
const nativeCounts = tokenCounts('prompt_eval_count', 'eval_count');

/**
 * Usage of an Ollama answer: the native API's `prompt_eval_count` / `eval_count` (on the `done` line of a
 * stream), or `usage` in the OpenAI shape of its `/v1`.
 */
function createOllamaUsageReader(): UsageReader {
  const openAi = createOpenAiUsageReader();
  let native: TokenUsage | undefined;
  return {
    markers: ['eval_count"', '"usage"'],
    read(document) {
      const object = asObject(document);
      if (!object) return;
      if (object.usage !== undefined) return openAi.read(object);
      if (object.prompt_eval_count === undefined && object.eval_count === undefined) return;
      const counts = nativeCounts.read(object);
      if (counts) {
        native = {
          inputTokens: counts.prompt_eval_count ?? 0,
          outputTokens: counts.eval_count ?? 0,
        };
      }
    },
    result: () => native ?? openAi.result(),
  };
}

/**
 * Ollama's OpenAI-compatible `/v1` (task calls, the OpenAI-compatible routes) from the shared base; the
 * native API (`/api/*`) adds the probe, discovery and usage of its own.
 */
const openAiLike = createOpenAiLikeKind({
  kind: 'ollama',
  apiPath: 'v1',
  proxyPaths: [
    pathRule(POST, 'api/(chat|generate|embed|embeddings|show)'),
    pathRule(GET, 'api/(tags|ps|version)'),
    pathRule(POST, 'v1/(chat/completions|completions|embeddings)'),
    pathRule(GET, `v1/models(/${SEGMENT})?`),
  ],
});

/** Ollama: no key, or Bearer when one is set; default host `http://localhost:11434`. */
export const ollamaKind: ProviderKindModule = {
  ...openAiLike,
  async probe(runtime) {
    return (await getJson(runtime, ollamaKind, 'api/tags')).probe;
  },
  async discover(runtime) {
    const parsed = tagsSchema.safeParse((await getJson(runtime, ollamaKind, 'api/tags')).body);
    const names = parsed.success ? (parsed.data.models ?? []).map((model) => model.name) : [];
    const found: DiscoveredModel[] = [];
    for (let index = 0; index < names.length; index += SHOW_CONCURRENCY) {
      found.push(
        ...(await Promise.all(
          names.slice(index, index + SHOW_CONCURRENCY).map((name) => describeModel(runtime, name)),
        )),
      );
    }
    return found;
  },
  createUsageReader: createOllamaUsageReader,
  // `llama3` is `llama3:latest` to Ollama, and in the registry.
  proxyModelName: (_relativePath, bodyModel) =>
    bodyModel && !bodyModel.includes(':') ? `${bodyModel}:latest` : bodyModel,
};
