import { BUILT_IN_CAPABILITIES } from '../capabilities.js';
import { findCatalogModel, listCatalogModels } from '../catalog/built-in-catalog.js';
import { catalogProviderOf } from '../catalog/catalog-provider-of.js';
import type { ImportedCatalog } from '../catalog/convert-models-dev.js';
import type { ModelFacts } from '../catalog/model-facts.js';
import type { ProviderConfig, SwitchboardConfig } from '../config/config-schema.js';
import { MODELS_RESERVED_KEYS } from '../config/config-schema.js';
import { isProviderKind, PROVIDER_KINDS, type ProviderKind, unpricedCostOf } from '../provider-kinds.js';
import { canonicalFeature, type TaskRequirements } from '../requirements/task-requirements.js';
import { BUILT_IN_TASKS, type TaskDefinition } from '../tasks/built-in-tasks.js';
import type { ModelInfo, ProviderInfo, Registry, TaskInfo } from './registry.js';

export interface CreateRegistryOptions {
  /** Providers the loader found unusable (a `${VAR}` that is not set), with the reason. */
  unconfigured?: Readonly<Record<string, string>>;
  /** Of those, the ones whose only problem is a missing key: a runtime key makes them configured. */
  keyless?: Readonly<Record<string, string>>;
  /** Facts imported from models.dev (the database's catalogue): under the config's, over the built-in table's. */
  imported?: ImportedCatalog | undefined;
}

/**
 * Imported facts over the built-in table's: newer prices, limits, dates. What models.dev cannot say stays
 * the table's: capabilities (it has none), embedding sizes, and features it has no word for (web, code).
 */
function mergeImportedFacts(builtIn: ModelFacts | undefined, imported: ModelFacts): ModelFacts {
  if (!builtIn) return imported;
  return {
    ...builtIn,
    ...imported,
    capabilities: builtIn.capabilities,
    embedding_dimensions: builtIn.embedding_dimensions ?? imported.embedding_dimensions,
    features: [...new Set([...imported.features, ...builtIn.features])],
  };
}

/**
 * A registry entry from facts, field by field: one object shape for every model, which V8 builds and
 * serializes several times faster than rest-and-spread copies (5,000 imported models at every start).
 */
function toModelInfo(
  facts: ModelFacts,
  head: Pick<ModelInfo, 'id' | 'provider' | 'name' | 'kind' | 'origin'>,
): ModelInfo {
  return {
    id: head.id,
    provider: head.provider,
    name: head.name,
    kind: head.kind,
    label: undefined,
    registered: true,
    origin: head.origin,
    capabilities: facts.capabilities,
    context_window: facts.context_window,
    max_input_tokens: facts.max_input_tokens,
    max_output_tokens: facts.max_output_tokens,
    cost: facts.cost,
    features: facts.features,
    embedding_dimensions: facts.embedding_dimensions,
    modalities: facts.modalities,
    knowledge_cutoff: facts.knowledge_cutoff,
    release_date: facts.release_date,
    status: facts.status,
  };
}

/** The provider sections of `models:`, in file order. */
export function listProviderSections(config: SwitchboardConfig): Array<[string, ProviderConfig]> {
  return Object.entries(config.models).filter(
    (entry): entry is [string, ProviderConfig] =>
      !(MODELS_RESERVED_KEYS as readonly string[]).includes(entry[0]) && typeof entry[1] === 'object',
  );
}

/** The kind a provider section speaks: its `kind`, else its name when that is a kind. */
export function providerKindOf(name: string, section: ProviderConfig): ProviderKind | undefined {
  if (section.kind) return section.kind;
  return isProviderKind(name) ? name : undefined;
}

/** A task's requirements with canonical feature names, each once; absent keys left out. */
function normalizeRequirements(requires: TaskRequirements | undefined): TaskRequirements {
  if (!requires) return {};
  const { features, ...limits } = requires;
  const defined = Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
  return features?.length ? { features: [...new Set(features.map(canonicalFeature))], ...defined } : defined;
}

/**
 * Builds the registry from a validated config: providers, the catalogue's models for each provider of a
 * built-in kind (under the provider's own name), the config's registry entries on top, and the tasks.
 * Sections whose kind cannot be told are left out; `parseConfig` reports them.
 */
export function createRegistry(config: SwitchboardConfig, options: CreateRegistryOptions = {}): Registry {
  const providers = new Map<string, ProviderInfo>();
  const models = new Map<string, ModelInfo>();

  for (const [name, section] of listProviderSections(config)) {
    const kind = providerKindOf(name, section);
    if (!kind) continue;
    const facts = PROVIDER_KINDS[kind];
    const endpoint = (section.endpoint ?? section.host ?? facts.defaultEndpoint ?? '').replace(/\/+$/, '');
    const envReason = options.unconfigured?.[name];
    const hasKey = Boolean(section.api_key) || (section.api_keys?.length ?? 0) > 0;
    const missingKey = facts.requiresApiKey && !hasKey;
    const reason =
      envReason ??
      (missingKey
        ? `no API key: set models.${name}.api_key${facts.apiKeyEnv ? ` (e.g. \${${facts.apiKeyEnv}})` : ''}`
        : !endpoint
          ? `no endpoint: set models.${name}.endpoint`
          : undefined);
    providers.set(name, {
      name,
      kind,
      endpoint,
      configured: reason === undefined,
      unconfigured_reason: reason,
      // Only a key is missing: a key added at runtime (the keys API) makes the provider configured.
      ...(reason !== undefined && (options.keyless?.[name] === reason || (!envReason && missingKey))
        ? { needs_key: true }
        : {}),
      has_api_key: hasKey,
      user_keys: section.user_keys === 'allow',
      discover: section.discover ?? facts.discoverByDefault,
      catalog: section.catalog ?? true,
      timeout_ms: section.timeout_ms,
    });

    const catalogProvider = catalogProviderOf(name, kind, config.catalog);
    const imported = catalogProvider ? options.imported?.get(catalogProvider) : undefined;
    const catalogFactsOf = (modelName: string): ModelFacts | undefined => {
      const builtIn = findCatalogModel(kind, modelName);
      const importedFacts = imported?.get(modelName);
      return importedFacts ? mergeImportedFacts(builtIn, importedFacts) : builtIn;
    };
    if (section.catalog ?? true) {
      const names = new Set(listCatalogModels(kind).map((model) => model.name));
      for (const modelName of imported?.keys() ?? []) names.add(modelName);
      for (const modelName of names) {
        const id = `${name}:${modelName}`;
        const facts = catalogFactsOf(modelName)!;
        models.set(id, toModelInfo(facts, { id, provider: name, name: modelName, kind, origin: 'catalog' }));
      }
    }
    for (const [modelName, entry] of Object.entries(section.registry ?? {})) {
      const id = `${name}:${modelName}`;
      const base: ModelFacts = models.get(id) ??
        catalogFactsOf(modelName) ?? {
          capabilities: ['chat'],
          context_window: null,
          max_output_tokens: null,
          cost: unpricedCostOf(kind),
          features: [],
        };
      models.set(id, {
        ...toModelInfo(base, { id, provider: name, name: modelName, kind, origin: 'config' }),
        label: entry?.label,
        capabilities: entry?.capabilities ?? [...base.capabilities],
        context_window: entry?.context_window ?? base.context_window,
        max_input_tokens: entry?.max_input_tokens ?? base.max_input_tokens,
        max_output_tokens: entry?.max_output_tokens ?? base.max_output_tokens,
        cost: entry?.cost === undefined ? base.cost : entry.cost,
        features: entry?.features ?? [...base.features],
        embedding_dimensions: entry?.embedding_dimensions ?? base.embedding_dimensions,
      });
    }
  }

  const tasks = new Map<string, TaskInfo>();
  for (const [name, definition] of Object.entries(BUILT_IN_TASKS)) {
    const custom = config.tasks?.[name];
    tasks.set(name, {
      name,
      label: custom?.label ?? definition.label,
      description: custom?.description ?? definition.description,
      category: custom?.category ?? definition.category,
      capability: custom?.capability ?? definition.capability,
      default: custom?.default,
      fallbacks: custom?.fallbacks ?? [],
      built_in: true,
      requires: normalizeRequirements(custom?.requires ?? (definition as TaskDefinition).requires),
    });
  }
  for (const [name, custom] of Object.entries(config.tasks ?? {})) {
    if (tasks.has(name) || !custom.capability) continue;
    tasks.set(name, {
      name,
      label: custom.label ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      description: custom.description ?? '',
      category: custom.category ?? 'Custom',
      capability: custom.capability,
      default: custom.default,
      fallbacks: custom.fallbacks ?? [],
      built_in: false,
      requires: normalizeRequirements(custom.requires),
    });
  }

  return {
    providers,
    models,
    tasks,
    capabilities: [...new Set([...BUILT_IN_CAPABILITIES, ...(config.capabilities ?? [])])],
    defaults: { ...(config.models.defaults ?? {}) },
    allowUnregistered: config.models.allow_unregistered ?? true,
    aliases: { ...(config.models.aliases ?? {}) },
  };
}
