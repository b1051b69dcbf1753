import { BUILT_IN_CAPABILITIES } from '../capabilities.js';
import { findCatalogModel, listCatalogModels } from '../catalog/built-in-catalog.js';
import type { ModelFacts } from '../catalog/model-facts.js';
import type { ProviderConfig, SwitchboardConfig } from '../config/config-schema.js';
import { MODELS_RESERVED_KEYS } from '../config/config-schema.js';
import { isProviderKind, PROVIDER_KINDS, type ProviderKind, unpricedCostOf } from '../provider-kinds.js';
import { BUILT_IN_TASKS } from '../tasks/built-in-tasks.js';
import type { ModelInfo, ProviderInfo, Registry, TaskInfo } from './registry.js';

export interface CreateRegistryOptions {
  /** Providers the loader found unusable (a `${VAR}` that is not set), with the reason. */
  unconfigured?: Readonly<Record<string, string>>;
  /** Of those, the ones whose only problem is a missing key: a runtime key makes them configured. */
  keyless?: Readonly<Record<string, string>>;
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

    if (section.catalog ?? true) {
      for (const model of listCatalogModels(kind)) {
        const { kind: _kind, name: modelName, ...catalogFacts } = model;
        const id = `${name}:${modelName}`;
        models.set(id, {
          id,
          provider: name,
          name: modelName,
          kind,
          registered: true,
          origin: 'catalog',
          ...catalogFacts,
        });
      }
    }
    for (const [modelName, entry] of Object.entries(section.registry ?? {})) {
      const id = `${name}:${modelName}`;
      const base: ModelFacts = models.get(id) ??
        findCatalogModel(kind, modelName) ?? {
          capabilities: ['chat'],
          context_window: null,
          max_output_tokens: null,
          cost: unpricedCostOf(kind),
          features: [],
        };
      models.set(id, {
        id,
        provider: name,
        name: modelName,
        kind,
        registered: true,
        origin: 'config',
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
