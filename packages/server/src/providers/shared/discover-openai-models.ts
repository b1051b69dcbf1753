import type { DiscoveredModel } from '@switchboard/core';
import { z } from 'zod';
import type { ProviderKindModule } from '../provider-kind.js';
import type { ProviderRuntime } from '../provider-runtime.js';
import { getJson } from './get-json.js';

/** `GET /models` of OpenAI and the APIs that copy it: `{ data: [{ id }] }`. Lenient on the rest. */
const modelListSchema = z.object({ data: z.array(z.object({ id: z.string() }).loose()).nullish() }).loose();

/** Lists the models an OpenAI-style API serves; names holding "embed" are taken for embeddings models. */
export async function discoverOpenAiModels(
  runtime: ProviderRuntime,
  kind: Pick<ProviderKindModule, 'credential' | 'defaultHeaders'>,
  path = 'models',
): Promise<DiscoveredModel[]> {
  const { body } = await getJson(runtime, kind, path);
  const parsed = modelListSchema.safeParse(body);
  if (!parsed.success) return [];
  return (parsed.data.data ?? []).map((model) => ({
    name: model.id,
    capabilities: /embed/i.test(model.id) ? ['embeddings'] : ['chat'],
  }));
}
