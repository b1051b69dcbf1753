import { type ConfigIssue, formatConfigPath, MODELS_RESERVED_KEYS } from '@switchboard/core';

/** `${VAR}` or `${VAR:-fallback}`; `$${` escapes a literal `${`. */
const REFERENCE = /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationResult {
  value: unknown;
  /** Provider sections that referenced an unset variable, with the reason; their key was left out. */
  unconfigured: Record<string, string>;
  /** Unset variables outside provider sections, where no fallback is sensible. */
  issues: ConfigIssue[];
}

type Path = Array<string | number>;

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
  const issues: ConfigIssue[] = [];
  const DROP = Symbol('drop');

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
        unconfigured[provider] ??= `environment variable ${missing.join(', ')} is not set (${where})`;
        return DROP;
      }
      issues.push({
        path: where,
        segments: [...path],
        message: `environment variable ${missing.join(', ')} is not set: expected it in the environment, or write the value in the file`,
      });
      return value;
    }
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const next = visit(item, [...path, key]);
        if (next !== DROP) out[key] = next;
      }
      return out;
    }
    return value;
  };

  return { value: visit(raw, []), unconfigured, issues };
}
