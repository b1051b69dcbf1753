import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { PROVIDER_NAME_PATTERN, parseModelId } from '../model-id.js';
import { PROVIDER_KIND_NAMES, PROVIDER_KINDS } from '../provider-kinds.js';
import { createRegistry, listProviderSections, providerKindOf } from '../registry/create-registry.js';
import type { Registry } from '../registry/registry.js';
import { BUILT_IN_TASKS } from '../tasks/built-in-tasks.js';
import { configSchema, type SwitchboardConfig } from './config-schema.js';
import { V1_MODEL_KEYS } from './convert-v1-config.js';
import { formatConfigPath } from './format-config-path.js';

export interface ParseConfigOptions {
  /** Providers the loader found unusable (a `${VAR}` not set), with the reason. */
  unconfigured?: Readonly<Record<string, string>>;
  /** Named in errors. */
  file?: string;
}

export interface ParsedConfig {
  config: SwitchboardConfig;
  registry: Registry;
  /** Things that work but deserve a look (an unregistered default model, ...). */
  warnings: string[];
}

type Path = Array<string | number>;

/** v1 keys that must not appear in a v2 file, with where their meaning lives now. */
const V1_KEYS_IN_V2: Array<{ path: Path; instead: string }> = [
  ...V1_MODEL_KEYS.map((key) => ({
    path: ['models', key],
    instead:
      key === 'chat_backup' ? 'tasks.chat.fallbacks' : `models.defaults.${key.replace('_primary', '')}`,
  })),
  { path: ['models', 'openai', 'model'], instead: 'models.openai.registry.<name>' },
  { path: ['models', 'ollama', 'llama3_model'], instead: 'models.ollama.registry.<name>' },
  { path: ['models', 'ollama', 'sqlcoder_model'], instead: 'models.ollama.registry.<name>' },
  { path: ['models', 'embeddings', 'provider'], instead: 'models.defaults.embeddings' },
];

function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function describeZodIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const at = issue.keys.length === 1 ? [...path, issue.keys[0]!] : path;
    return {
      path: formatConfigPath(at),
      segments: at,
      message: `unknown key ${keys}: expected only the keys this section defines (check the spelling; "switchboard config schema" prints them all)`,
    };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { path: formatConfigPath(path), segments: path, message: `required: expected ${issue.expected}` };
  }
  const message = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
  return { path: formatConfigPath(path), segments: path, message };
}

/**
 * Validates a version 2 config object (already converted from v1 and with `${VAR}`s filled in) and builds its
 * registry. Collects every problem, then throws one `ConfigError` listing them, each with its path.
 */
export function parseConfig(raw: unknown, options: ParseConfigOptions = {}): ParsedConfig {
  const issues: ConfigIssue[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(
      [{ path: '', message: 'expected a mapping at the top level with at least a "models:" section' }],
      options.file,
    );
  }
  for (const { path, instead } of V1_KEYS_IN_V2) {
    if (getIn(raw, path) !== undefined) {
      issues.push({
        path: formatConfigPath(path),
        segments: path,
        message: `"${path.at(-1)}" is a version 1 key and cannot be mixed into a version 2 file: expected ${instead} instead (or remove "version: 2" and the v2 keys, then run "switchboard config migrate FILE")`,
      });
    }
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const known = new Set(issues.map((issue) => issue.path));
    for (const issue of result.error.issues) {
      const described = describeZodIssue(issue);
      if (![...known].some((path) => described.path.startsWith(path))) issues.push(described);
    }
    throw new ConfigError(issues, options.file);
  }
  if (issues.length) throw new ConfigError(issues, options.file);

  const config = result.data;
  const registry = createRegistry(config, { unconfigured: options.unconfigured });
  const warnings: string[] = [];
  issues.push(...checkReferences(config, registry, warnings));
  if (issues.length) throw new ConfigError(issues, options.file);
  return { config, registry, warnings };
}

function checkReferences(config: SwitchboardConfig, registry: Registry, warnings: string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issue = (path: Path, message: string) =>
    issues.push({ path: formatConfigPath(path), segments: path, message });
  const capabilities = new Set(registry.capabilities);
  const capabilityList = registry.capabilities.join(', ');
  const checkCapability = (path: Path, capability: string) => {
    if (!capabilities.has(capability)) {
      issue(
        path,
        `unknown capability "${capability}": expected one of ${capabilityList} (declare new ones under "capabilities:")`,
      );
    }
  };

  for (const [name, section] of listProviderSections(config)) {
    if (!PROVIDER_NAME_PATTERN.test(name)) {
      issue(
        ['models', name],
        `provider names must match ${PROVIDER_NAME_PATTERN.source}: expected e.g. "openrouter"`,
      );
    }
    const kind = providerKindOf(name, section);
    if (!kind) {
      issue(
        ['models', name, 'kind'],
        `required: expected one of ${PROVIDER_KIND_NAMES.join(', ')} ("${name}" is not a provider kind, so the section must say which API it speaks)`,
      );
      continue;
    }
    if (!PROVIDER_KINDS[kind].defaultEndpoint && !section.endpoint) {
      issue(
        ['models', name, 'endpoint'],
        `required: expected the base URL of the API (a ${kind} provider has no default)`,
      );
    }
    for (const [modelName, entry] of Object.entries(section.registry ?? {})) {
      const at: Path = ['models', name, 'registry', modelName];
      if (entry?.id !== undefined && entry.id !== `${name}:${modelName}`) {
        issue(
          [...at, 'id'],
          `expected "${name}:${modelName}" (the section's provider and the entry's key), got "${entry.id}"`,
        );
      }
      for (const [index, capability] of (entry?.capabilities ?? []).entries()) {
        checkCapability([...at, 'capabilities', index], capability);
      }
    }
  }

  const checkModel = (path: Path, id: string, capability: string) => {
    const { provider } = parseModelId(id);
    const providerInfo = registry.providers.get(provider);
    if (!providerInfo) {
      const known = [...registry.providers.keys()].join(', ') || '(none)';
      issue(
        path,
        `unknown provider "${provider}" in "${id}": expected one of the configured providers: ${known}`,
      );
      return;
    }
    const model = registry.models.get(id);
    if (model?.registered) {
      if (!model.capabilities.includes(capability)) {
        issue(
          path,
          `model "${id}" lacks capability "${capability}" (it has ${model.capabilities.join(', ')}): expected a model with "${capability}", or add it to models.${provider}.registry["${model.name}"].capabilities`,
        );
      }
      return;
    }
    if (!registry.allowUnregistered) {
      issue(
        path,
        `model "${id}" is not registered: expected a model under models.${provider}.registry (allow_unregistered is false)`,
      );
      return;
    }
    warnings.push(
      `${formatConfigPath(path)}: "${id}" is not registered, so its capabilities and price are unknown; add it under models.${provider}.registry to describe it`,
    );
  };

  for (const [key, id] of Object.entries(config.models.defaults ?? {})) {
    const task = registry.tasks.get(key);
    const capability = capabilities.has(key) ? key : task?.capability;
    if (!capability) {
      issue(
        ['models', 'defaults', key],
        `unknown capability or task "${key}": expected one of ${capabilityList}, or a task name`,
      );
      continue;
    }
    checkModel(['models', 'defaults', key], id, capability);
  }

  for (const [alias, id] of Object.entries(config.models.aliases ?? {})) {
    if (alias.startsWith('task:')) {
      issue(['models', 'aliases', alias], 'an alias cannot begin with "task:", which names a task');
      continue;
    }
    checkModel(['models', 'aliases', alias], id, registry.models.get(id)?.capabilities[0] ?? 'chat');
  }

  for (const [name, taskConfig] of Object.entries(config.tasks ?? {})) {
    const builtIn = Object.hasOwn(BUILT_IN_TASKS, name);
    if (!builtIn && !taskConfig.capability) {
      issue(
        ['tasks', name, 'capability'],
        `required: expected a capability (${capabilityList}); "${name}" is not a built-in task, so it must say what its model needs`,
      );
      continue;
    }
    if (taskConfig.capability) checkCapability(['tasks', name, 'capability'], taskConfig.capability);
    const capability = registry.tasks.get(name)?.capability;
    if (!capability || !capabilities.has(capability)) continue;
    if (taskConfig.default) checkModel(['tasks', name, 'default'], taskConfig.default, capability);
    for (const [index, id] of (taskConfig.fallbacks ?? []).entries()) {
      checkModel(['tasks', name, 'fallbacks', index], id, capability);
    }
  }
  return issues;
}
