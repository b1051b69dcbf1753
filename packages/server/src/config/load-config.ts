import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import {
  ConfigError,
  type ConfigIssue,
  convertV1Config,
  isV1Config,
  type ParsedConfig,
  parseConfig,
} from '@switchboard/core';
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { type ConfigFileSource, findConfigFile } from './find-config-file.js';
import { interpolateEnv } from './interpolate-env.js';

export interface LoadConfigOptions {
  /** `--config`; else `SWITCHBOARD_CONFIG`, `./switchboard.yaml`, the example. */
  file?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** The server will bind to this address (`--host`, `HOST`) instead of `server.host`; the caller checks it. */
  hostOverridden?: boolean;
}

export interface LoadedConfig extends ParsedConfig {
  file: string;
  source: ConfigFileSource;
  /** The file was version 1; these lines say what became what. */
  converted: string[] | undefined;
  /** Providers left unconfigured because an environment variable was not set, with the reason. */
  unconfigured: Record<string, string>;
  /** Of `unconfigured`, those that lack only a key (a runtime key makes them configured). */
  keyless: Record<string, string>;
}

/** Reads, converts (v1), fills `${VAR}`s and validates a config file. Throws `ConfigError` with file:line:col. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const { file, source } = findConfigFile({ flag: options.file, env, cwd });
  const shown = relative(cwd, file) || file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      [
        {
          path: '',
          message:
            code === 'ENOENT'
              ? 'file not found: expected a YAML config here (copy switchboard.example.yaml to switchboard.yaml to start)'
              : `cannot read the file (${code ?? (error as Error).message})`,
        },
      ],
      shown,
    );
  }
  return {
    ...parseConfigText(text, { file: shown, env, hostOverridden: options.hostOverridden }),
    file,
    source,
  };
}

/** The pure part of `loadConfig`, for text already in hand. Every problem is reported at once. */
export function parseConfigText(
  text: string,
  options: {
    file: string;
    env: Readonly<Record<string, string | undefined>>;
    hostOverridden?: boolean | undefined;
  },
): Omit<LoadedConfig, 'file' | 'source'> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '', message: `YAML syntax error: ${error.message.split('\n')[0]}`, line, column: col };
      }),
      options.file,
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const v1 = isV1Config(raw) ? convertV1Config(raw as Record<string, unknown>) : undefined;
  const interpolated = interpolateEnv(v1 ? v1.config : raw, options.env);
  // Paths of a v1 file's v2 form are not in its text; problems found before conversion are.
  const locate = (issues: readonly ConfigIssue[]) =>
    v1 ? issues : issues.map((issue) => withPosition(issue, doc, lineCounter));
  const early: ConfigIssue[] = [
    ...(v1?.problems ?? []).map((issue) => withPosition(issue, doc, lineCounter)),
    ...locate(interpolated.issues),
  ];
  try {
    const parsed = parseConfig(interpolated.value, {
      unconfigured: interpolated.unconfigured,
      keyless: interpolated.keyless,
      file: options.file,
      hostOverridden: options.hostOverridden,
    });
    if (early.length) throw new ConfigError(inFileOrder(early), options.file);
    return {
      ...parsed,
      warnings: [...(v1?.warnings ?? []), ...parsed.warnings],
      converted: v1?.converted,
      unconfigured: interpolated.unconfigured,
      keyless: interpolated.keyless,
    };
  } catch (error) {
    if (!(error instanceof ConfigError) || error.issues.every((issue) => early.includes(issue))) throw error;
    const seen = new Set(early.map((issue) => issue.path));
    const issues = locate(error.issues)
      // An unset variable makes its value wrong too; saying so twice would only repeat it.
      .filter((issue) => !seen.has(issue.path))
      .map((issue) =>
        v1 ? { ...issue, message: `${issue.message} (in the v2 form of this version 1 file)` } : issue,
      );
    throw new ConfigError(inFileOrder([...early, ...issues]), options.file);
  }
}

/**
 * Adds line and column of the deepest node that exists along the issue's path: the key when the path ends in
 * a mapping's key (so an unknown key, or one whose value is a block below it, points at its own line).
 */
function withPosition(issue: ConfigIssue, doc: Document, lineCounter: LineCounter): ConfigIssue {
  if (!issue.segments) return issue;
  for (let depth = issue.segments.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(issue.segments.slice(0, depth - 1), true);
    const last = issue.segments[depth - 1];
    const pair = isMap(parent)
      ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last))
      : undefined;
    const node = pair && isNode(pair.key) ? pair.key : doc.getIn(issue.segments.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { ...issue, line, column: col };
    }
  }
  return issue;
}

/** Problems sorted by where they are, so a reader goes down the file once; those without a line stay last. */
function inFileOrder(issues: ConfigIssue[]): ConfigIssue[] {
  const at = (issue: ConfigIssue) => (issue.line ?? Number.MAX_SAFE_INTEGER) * 10_000 + (issue.column ?? 0);
  return [...issues].sort((a, b) => at(a) - at(b));
}
