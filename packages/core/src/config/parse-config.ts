import { ConfigError, type ConfigIssue } from '../errors/config-error.js';
import { createRegistry } from '../registry/create-registry.js';
import type { Registry } from '../registry/registry.js';
import { checkConfigReferences } from './check-config-references.js';
import { checkTaskRequirements } from './check-task-requirements.js';
import type { SwitchboardConfig } from './config-schema.js';
import { V1_MODEL_KEYS } from './convert-v1-config.js';
import type { DescribedIssue } from './describe-zod-issue.js';
import { formatConfigPath } from './format-config-path.js';
import { validateConfigShape } from './validate-config-shape.js';

export interface ParseConfigOptions {
  /** Providers the loader found unusable (a `${VAR}` not set), with the reason. */
  unconfigured?: Readonly<Record<string, string>>;
  /** Of those, the ones that lack only a key (see `CreateRegistryOptions.keyless`). */
  keyless?: Readonly<Record<string, string>>;
  /** Named in errors. */
  file?: string;
  /** The server binds to `--host` / `HOST`, not `server.host`; the caller checks that address itself. */
  hostOverridden?: boolean;
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

/**
 * Validates a version 2 config object (already converted from v1 and with `${VAR}`s filled in) and builds its
 * registry. Collects every problem in one pass (schema, references, bind address against auth mode), then
 * throws one `ConfigError` listing them, each with its path.
 */
export function parseConfig(raw: unknown, options: ParseConfigOptions = {}): ParsedConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(
      [{ path: '', message: 'expected a mapping at the top level with at least a "models:" section' }],
      options.file,
    );
  }
  const v1Keys: DescribedIssue[] = [];
  for (const { path, instead } of V1_KEYS_IN_V2) {
    if (getIn(raw, path) !== undefined) {
      v1Keys.push({
        path: formatConfigPath(path),
        segments: path,
        message: `"${path.at(-1)}" is a version 1 key and cannot be mixed into a version 2 file: expected ${instead} instead (or remove "version: 2" and the v2 keys, then run "switchboard config migrate FILE")`,
      });
    }
  }
  const shape = validateConfigShape(raw as Record<string, unknown>, v1Keys);
  const issues: ConfigIssue[] = shape.issues.map(({ suggestion: _suggestion, ...issue }) => issue);
  const warnings: string[] = [];
  if (!shape.config) throw new ConfigError(issues, options.file);
  // What passed the schema is checked further even when other parts failed, so every problem shows at once.
  const config = shape.config;
  const registry = createRegistry(config, { unconfigured: options.unconfigured, keyless: options.keyless });
  issues.push(
    ...checkConfigReferences(config, registry, warnings, { hostOverridden: options.hostOverridden }),
    ...checkTaskRequirements(config, registry, warnings),
  );
  if (issues.length) throw new ConfigError(issues, options.file);
  return { config, registry, warnings };
}
