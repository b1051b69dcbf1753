import type { ConfigIssue } from '../errors/config-error.js';
import { withArticle } from '../format/with-article.js';
import { checkLimitRule } from '../limits/check-limit-rule.js';
import { PROVIDER_NAME_PATTERN, parseModelId } from '../model-id.js';
import { PROVIDER_KIND_NAMES, PROVIDER_KINDS } from '../provider-kinds.js';
import { listProviderSections, providerKindOf } from '../registry/create-registry.js';
import type { Registry } from '../registry/registry.js';
import { BUILT_IN_TASKS } from '../tasks/built-in-tasks.js';
import { DEFAULT_HOST, type SwitchboardConfig } from './config-schema.js';
import { describeUnsafeBind } from './describe-unsafe-bind.js';
import { formatConfigPath } from './format-config-path.js';
import { suggestName } from './suggest-name.js';

type Path = Array<string | number>;

export interface ReferenceCheckOptions {
  /** The caller binds elsewhere than `server.host` (`--host`, `HOST`) and checks that address itself. */
  hostOverridden?: boolean;
}

const didYouMean = (suggestion: string | undefined) => (suggestion ? ` Did you mean "${suggestion}"?` : '');

/**
 * What the schema cannot see: names that must agree with each other (providers, kinds, capabilities, model
 * IDs in defaults and tasks) and the bind address against the auth mode. Problems are returned, each at its
 * path; things that work but deserve a look go to `warnings`.
 */
export function checkConfigReferences(
  config: SwitchboardConfig,
  registry: Registry,
  warnings: string[],
  options: ReferenceCheckOptions = {},
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const issue = (path: Path, message: string) =>
    issues.push({ path: formatConfigPath(path), segments: path, message });
  const capabilities = new Set(registry.capabilities);
  const capabilityList = registry.capabilities.join(', ');
  const checkCapability = (path: Path, capability: string) => {
    if (!capabilities.has(capability)) {
      issue(
        path,
        `unknown capability "${capability}": expected one of ${capabilityList} (declare new ones under "capabilities:").${didYouMean(suggestName(capability, capabilities))}`,
      );
    }
  };

  if (!options.hostOverridden) {
    const unsafe = describeUnsafeBind(config.server?.host ?? DEFAULT_HOST, config.auth?.mode ?? 'local');
    if (unsafe) issue(['server', 'host'], unsafe);
  }

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
        `required: expected one of ${PROVIDER_KIND_NAMES.join(', ')} ("${name}" is not a provider kind, so the section must say which API it speaks).${didYouMean(suggestName(name, PROVIDER_KIND_NAMES))}`,
      );
      continue;
    }
    if (!PROVIDER_KINDS[kind].defaultEndpoint && !section.endpoint) {
      issue(
        ['models', name, 'endpoint'],
        `required: expected the base URL of the API (${withArticle(kind)} provider has no default)`,
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

  const registeredNames = (provider: string) =>
    [...registry.models.values()]
      .filter((model) => model.registered && model.provider === provider)
      .map((model) => model.name);

  const checkModel = (path: Path, id: string, capability: string) => {
    const { provider } = parseModelId(id);
    const providerInfo = registry.providers.get(provider);
    if (!providerInfo) {
      const known = [...registry.providers.keys()];
      const suggestion = suggestName(provider, known);
      issue(
        path,
        `unknown provider "${provider}" in "${id}": expected one of the providers this file declares: ${known.join(', ') || '(none)'}.${didYouMean(suggestion && `${suggestion}${id.slice(provider.length)}`)}`,
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
    const near = suggestName(parseModelId(id).name, registeredNames(provider), 1);
    const hint = didYouMean(near && `${provider}:${near}`);
    if (near) {
      // One typo from a registered model is far likelier a typo than another model; a real one is registered.
      issue(
        path,
        `model "${id}" is not registered.${hint} (If it is another model, add it under models.${provider}.registry.)`,
      );
      return;
    }
    if (!registry.allowUnregistered) {
      issue(
        path,
        `model "${id}" is not registered: expected a model under models.${provider}.registry (allow_unregistered is false).${hint}`,
      );
      return;
    }
    warnings.push(
      `${formatConfigPath(path)}: "${id}" is not registered, so its capabilities and price are unknown; add it under models.${provider}.registry to describe it.${hint}`,
    );
  };

  for (const [key, id] of Object.entries(config.models.defaults ?? {})) {
    const task = registry.tasks.get(key);
    const capability = capabilities.has(key) ? key : task?.capability;
    if (!capability) {
      issue(
        ['models', 'defaults', key],
        `unknown capability or task "${key}": expected one of ${capabilityList}, or a task name.${didYouMean(suggestName(key, [...capabilities, ...registry.tasks.keys()]))}`,
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
      const suggestion = suggestName(name, Object.keys(BUILT_IN_TASKS));
      issue(
        ['tasks', name, 'capability'],
        `required: expected a capability (${capabilityList}); "${name}" is not a built-in task, so it must say what its model needs.${didYouMean(suggestion)}`,
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
  for (const [name, rule] of Object.entries(config.limits ?? {})) {
    for (const found of checkLimitRule(rule, registry)) issue(['limits', name, ...found.path], found.message);
  }
  for (const name of Object.keys(config.catalog?.providers ?? {})) {
    if (registry.providers.has(name)) continue;
    const known = [...registry.providers.keys()];
    issue(
      ['catalog', 'providers', name],
      `unknown provider "${name}": expected a provider of models: (${known.join(', ') || 'none configured'})`,
    );
  }
  return issues;
}
