import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** A catalogue file (models.dev `api.json`) that cannot be imported; `problems` says where and why. */
export class CatalogInvalidError extends SwitchboardError<CoreErrorCode> {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    const shown = problems.slice(0, 10);
    const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : '';
    super(
      'catalog_invalid',
      `${source} is not a models.dev catalogue (api.json):\n  ${shown.join('\n  ')}${more}`,
      { source, problems: shown },
    );
    this.name = 'CatalogInvalidError';
    this.problems = problems;
  }
}
