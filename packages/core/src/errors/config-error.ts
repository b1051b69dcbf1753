import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** One problem in a config file: where it is and what was expected there. */
export interface ConfigIssue {
  /** Path inside the file, e.g. `models.openai.registry.gpt-4o-mini.capabilities[0]`. */
  path: string;
  message: string;
  /** The same path as keys, so a loader can find the spot in its source text. */
  segments?: Array<string | number>;
  /** 1-based line and column in the file, when the caller knows the source text. */
  line?: number;
  column?: number;
}

/** A config file that cannot be used; `issues` lists every problem found, not only the first. */
export class ConfigError extends SwitchboardError<CoreErrorCode> {
  readonly file: string | undefined;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], file?: string) {
    super('config_invalid', formatConfigIssues(issues, file), { file, issues });
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

/** `file:line:col path: message`, one line per issue, so editors and terminals can jump to it. */
export function formatConfigIssues(issues: readonly ConfigIssue[], file?: string): string {
  const lines = issues.map((issue) => {
    const where = [file ?? 'config', issue.line, issue.line ? issue.column : undefined]
      .filter((part) => part !== undefined)
      .join(':');
    return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
  });
  return `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
