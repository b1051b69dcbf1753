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
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import { type ConfigFileSource, findConfigFile } from './find-config-file.js';
import { interpolateEnv } from './interpolate-env.js';

export interface LoadConfigOptions {
  /** `--config`; else `SWITCHBOARD_CONFIG`, `./switchboard.yaml`, the example. */
  file?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

export interface LoadedConfig extends ParsedConfig {
  file: string;
  source: ConfigFileSource;
  /** The file was version 1; these lines say what became what. */
  converted: string[] | undefined;
  /** Providers left unconfigured because an environment variable was not set, with the reason. */
  unconfigured: Record<string, string>;
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
  return { ...parseConfigText(text, { file: shown, env }), file, source };
}

/** The pure part of `loadConfig`, for text already in hand. */
export function parseConfigText(
  text: string,
  options: { file: string; env: Readonly<Record<string, string | undefined>> },
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
  const locate = (issues: readonly ConfigIssue[]) =>
    v1 ? issues : issues.map((issue) => withPosition(issue, doc, lineCounter));
  if (interpolated.issues.length) throw new ConfigError(locate(interpolated.issues), options.file);
  try {
    const parsed = parseConfig(interpolated.value, {
      unconfigured: interpolated.unconfigured,
      file: options.file,
    });
    return {
      ...parsed,
      warnings: [...(v1?.warnings ?? []), ...parsed.warnings],
      converted: v1?.converted,
      unconfigured: interpolated.unconfigured,
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      const issues = locate(error.issues).map((issue) =>
        v1 ? { ...issue, message: `${issue.message} (in the v2 form of this version 1 file)` } : issue,
      );
      throw new ConfigError(issues, options.file);
    }
    throw error;
  }
}

/** Adds line and column of the deepest node that exists along the issue's path. */
function withPosition(issue: ConfigIssue, doc: Document, lineCounter: LineCounter): ConfigIssue {
  if (!issue.segments) return issue;
  for (let depth = issue.segments.length; depth > 0; depth--) {
    const node = doc.getIn(issue.segments.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { ...issue, line, column: col };
    }
  }
  return issue;
}
