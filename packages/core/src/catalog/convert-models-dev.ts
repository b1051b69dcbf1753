import { formatConfigPath } from '../config/format-config-path.js';
import { CatalogInvalidError } from '../errors/catalog-invalid-error.js';
import type { ModelCost, ModelCostTier, ModelFacts, ModelStatus } from './model-facts.js';
import { type ModelsDevModel, modelsDevCatalogSchema } from './models-dev-schema.js';

/** One model of an imported catalogue, under the models.dev provider that lists it. */
export interface ImportedModel {
  /** The models.dev provider ID (`anthropic`, `openrouter`, ...). */
  provider: string;
  name: string;
  facts: ModelFacts;
}

/** Imported facts by models.dev provider, then model name: what the registry merges under the config's. */
export type ImportedCatalog = ReadonlyMap<string, ReadonlyMap<string, ModelFacts>>;

const STATUSES: readonly string[] = ['alpha', 'beta', 'deprecated'] satisfies ModelStatus[];

type Prices = { input: number; output: number } & Partial<
  Record<'cache_read' | 'cache_write' | 'reasoning', number | null | undefined>
>;

/** Only the prices that are set, so absent ones fall back as `computeCost` documents. */
function pricesOf(source: Prices): Omit<ModelCostTier, 'above_input_tokens'> {
  return {
    input: source.input,
    output: source.output,
    ...(source.cache_read != null ? { cache_read: source.cache_read } : {}),
    ...(source.cache_write != null ? { cache_write: source.cache_write } : {}),
    ...(source.reasoning != null ? { reasoning: source.reasoning } : {}),
  };
}

function costOf(model: ModelsDevModel): ModelCost | null {
  const cost = model.cost;
  if (!cost) return null;
  const tiers: ModelCostTier[] = (cost.tiers ?? []).map((tier) => ({
    above_input_tokens: tier.tier.size,
    ...pricesOf(tier),
  }));
  if (cost.context_over_200k && !tiers.some((tier) => tier.above_input_tokens === 200_000)) {
    tiers.push({ above_input_tokens: 200_000, ...pricesOf(cost.context_over_200k) });
  }
  tiers.sort((a, b) => a.above_input_tokens - b.above_input_tokens);
  return { ...pricesOf(cost), ...(tiers.length ? { tiers } : {}) };
}

/** The canonical feature names (see `ModelFacts.features`) a models.dev entry earns. */
function featuresOf(model: ModelsDevModel, input: readonly string[]): string[] {
  const features: string[] = [];
  if (model.tool_call) features.push('tools');
  if (input.includes('image') || (model.attachment && !model.modalities)) features.push('vision');
  if (input.includes('pdf')) features.push('pdf');
  if (model.structured_output) features.push('json_schema');
  if (model.reasoning) features.push('reasoning');
  if (input.includes('audio')) features.push('audio');
  if (input.includes('video')) features.push('video');
  return features;
}

/** models.dev does not say what a model serves; embeddings models are told by name, the rest chat. */
function capabilitiesOf(name: string): string[] {
  return /embed/i.test(name) ? ['embeddings'] : ['chat'];
}

/** One models.dev model as facts; `null` limits (0 in the file) mean unknown. */
export function convertModelsDevModel(name: string, model: ModelsDevModel): ModelFacts {
  const input = model.modalities?.input ?? [];
  const output = model.modalities?.output ?? [];
  const limit = model.limit;
  const embeddings = capabilitiesOf(name)[0] === 'embeddings';
  const facts: ModelFacts = {
    capabilities: capabilitiesOf(name),
    context_window: limit?.context || null,
    // An embeddings model's `output` limit is its vector size in models.dev.
    max_output_tokens: embeddings ? null : limit?.output || null,
    cost: costOf(model),
    features: featuresOf(model, input),
  };
  if (limit?.input && limit.input !== limit.context) facts.max_input_tokens = limit.input;
  if (embeddings && limit?.output && limit.output > 1) facts.embedding_dimensions = limit.output;
  if (model.modalities) facts.modalities = { input: [...input], output: [...output] };
  if (model.knowledge) facts.knowledge_cutoff = model.knowledge;
  if (model.release_date) facts.release_date = model.release_date;
  if (model.status && STATUSES.includes(model.status)) facts.status = model.status as ModelStatus;
  return facts;
}

/** What `parseModelsDevCatalog` answers: every model, and how many providers listed them. */
export interface ParsedCatalog {
  providers: number;
  models: ImportedModel[];
}

/**
 * Validates a parsed models.dev `api.json` and converts it to model facts. A file of the wrong shape, or
 * one with no models at all, is a `CatalogInvalidError` naming each bad path: an import must never
 * replace a good catalogue with an empty or broken one.
 */
export function parseModelsDevCatalog(json: unknown, source = 'catalogue'): ParsedCatalog {
  const parsed = modelsDevCatalogSchema.safeParse(json);
  if (!parsed.success) {
    throw new CatalogInvalidError(
      source,
      parsed.error.issues.map((issue) => {
        const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
        return `${path.length ? formatConfigPath(path) : '(top level)'}: ${issue.message.replace(/^Invalid input: /, '')}`;
      }),
    );
  }
  const models: ImportedModel[] = [];
  let providers = 0;
  for (const [provider, entry] of Object.entries(parsed.data)) {
    const names = Object.keys(entry.models);
    if (names.length) providers++;
    for (const name of names) {
      models.push({ provider, name, facts: convertModelsDevModel(name, entry.models[name]!) });
    }
  }
  if (!models.length) throw new CatalogInvalidError(source, ['(top level): the file lists no models']);
  return { providers, models };
}

/** Groups imported models by provider, as the registry looks them up. */
export function groupImportedModels(models: Iterable<ImportedModel>): ImportedCatalog {
  const catalog = new Map<string, Map<string, ModelFacts>>();
  for (const model of models) {
    let byName = catalog.get(model.provider);
    if (!byName) {
      byName = new Map();
      catalog.set(model.provider, byName);
    }
    byName.set(model.name, model.facts);
  }
  return catalog;
}
