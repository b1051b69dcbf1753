import { type ConfigIssue, formatConfigPath, MODELS_RESERVED_KEYS } from '@switchboard/core';

/** `${VAR}` or `${VAR:-fallback}`; `$${` escapes a literal `${`. */
const REFERENCE = /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationResult {
  value: unknown;
  /** Provider sections that referenced an unset variable, with the reason; their key was left out. */
  unconfigured: Record<string, string>;
  /**
   * Of those, the ones whose only problem is a key (`api_key`, or every `api_keys` entry) left out: a key
   * added at runtime makes them configured.
   */
  keyless: Record<string, string>;
  /** Unset variables outside provider sections, where no fallback is sensible. */
  issues: ConfigIssue[];
}

type Path = Array<string | number>;

/** Where a path points in a provider section: `api_key`, one entry of `api_keys`, or elsewhere. */
function keyPlaceOf(path: Path): 'api_key' | 'api_keys' | undefined {
  if (path[2] === 'api_key' && path.length === 3) return 'api_key';
  if (path[2] === 'api_keys' && typeof path[3] === 'number') return 'api_keys';
  return undefined;
}

/** The variable a value names when it is exactly one `${VAR}`: the default label of a pool key. */
const WHOLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * Gives every `api_keys` entry its stable label before variables are filled: the one written, else the
 * variable's name (`${OPENAI_KEY_EU}` -> `OPENAI_KEY_EU`), else `key-<position from 1>`. Never the key.
 */
function labelPoolKeys(raw: unknown): unknown {
  const models = (raw as { models?: unknown } | null)?.models;
  if (typeof models !== 'object' || models === null) return raw;
  const out: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(models)) {
    const keys = (section as { api_keys?: unknown } | null)?.api_keys;
    if (!Array.isArray(keys)) {
      out[name] = section;
      continue;
    }
    const labelled = keys.map((entry: unknown, index) => {
      if (typeof entry !== 'object' || entry === null || 'label' in entry) return entry;
      const key = (entry as { key?: unknown }).key;
      const variable = typeof key === 'string' ? WHOLE_REFERENCE.exec(key)?.[1] : undefined;
      return { ...entry, label: variable ?? `key-${index + 1}` };
    });
    out[name] = { ...(section as object), api_keys: labelled };
  }
  return { ...(raw as object), models: out };
}

/** The provider section a path lies in (`models.<name>.…`), if any. */
function providerOf(path: Path): string | undefined {
  const [section, name] = path;
  if (section !== 'models' || typeof name !== 'string' || path.length < 3) return undefined;
  return (MODELS_RESERVED_KEYS as readonly string[]).includes(name) ? undefined : name;
}

/**
 * Fills `${VAR}` references from `env`. An unset (or empty) variable inside a provider section leaves that
 * provider unconfigured, with the reason, instead of sending a literal `${VAR}` upstream; elsewhere it is an
 * error. Returns a new object; `raw` is not changed.
 */
export function interpolateEnv(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>>,
): InterpolationResult {
  const unconfigured: Record<string, string> = {};
  const keyReasons: Record<string, string> = {};
  const issues: ConfigIssue[] = [];
  const DROP = Symbol('drop');
  // An `api_keys` entry with an unset variable is left out whole; the pool's other keys still serve.
  const DROP_ENTRY = Symbol('drop-entry');

  const visit = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') {
      const missing: string[] = [];
      const filled = value.replace(REFERENCE, (match, name: string, fallback: string | undefined) => {
        if (match.startsWith('$$')) return match.slice(1);
        const found = env[name];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        missing.push(name);
        return match;
      });
      if (!missing.length) return filled;
      const where = formatConfigPath(path);
      const provider = providerOf(path);
      if (provider) {
        const reason = `environment variable ${missing.join(', ')} is not set (${where})`;
        const place = keyPlaceOf(path);
        if (place) {
          keyReasons[provider] ??= reason;
          return place === 'api_keys' ? DROP_ENTRY : DROP;
        }
        unconfigured[provider] ??= reason;
        return DROP;
      }
      issues.push({
        path: where,
        segments: [...path],
        message: `environment variable ${missing.join(', ')} is not set: expected it in the environment, or write the value in the file`,
      });
      return value;
    }
    if (Array.isArray(value)) {
      return value.map((item, index) => visit(item, [...path, index])).filter((item) => item !== DROP_ENTRY);
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const next = visit(item, [...path, key]);
        if (next === DROP_ENTRY) return DROP_ENTRY;
        if (next !== DROP) out[key] = next;
      }
      return out;
    }
    return value;
  };

  const value = visit(labelPoolKeys(raw), []);
  // A provider is keyless only when no key at all is left: one unset variable of a pool leaves the others.
  const keyless: Record<string, string> = {};
  const models = (value as { models?: Record<string, unknown> } | null)?.models ?? {};
  for (const [provider, reason] of Object.entries(keyReasons)) {
    const section = models[provider] as { api_key?: unknown; api_keys?: unknown[] } | undefined;
    if (section?.api_key !== undefined || (section?.api_keys?.length ?? 0) > 0) continue;
    unconfigured[provider] ??= reason;
    if (unconfigured[provider] === reason) keyless[provider] = reason;
  }
  return { value, unconfigured, keyless, issues };
}
