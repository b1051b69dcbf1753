/**
 * What a task needs of its model beyond the capability: features, a context window, a price ceiling.
 * `tasks.<task>.requires` in the config; built-in tasks carry their own (see `BUILT_IN_TASKS`).
 */
export interface TaskRequirements {
  /** Canonical feature names (`tools`, `vision`, `pdf`, `json_schema`, `reasoning`, ...); synonyms are read as these. */
  features?: string[] | undefined;
  /** Smallest context window, in tokens. */
  min_context?: number | undefined;
  /** Highest input price, USD per 1M tokens. */
  max_input_price?: number | undefined;
  /** Highest output price, USD per 1M tokens. */
  max_output_price?: number | undefined;
}

/** The feature names requirements are written in; models.dev imports emit these too. */
export const CANONICAL_FEATURES = [
  'tools',
  'vision',
  'pdf',
  'json_schema',
  'reasoning',
  'web',
  'code',
  'code_execution',
  'audio',
  'embeddings',
] as const;

/**
 * Older names the built-in table, configs and discovery use for the same features. A requirement written
 * with one of them means the canonical one, and a model whose facts say one of them has the canonical one.
 */
export const FEATURE_SYNONYMS: Readonly<Record<string, string>> = {
  thinking: 'reasoning',
  structured_output: 'json_schema',
  structured_outputs: 'json_schema',
  json: 'json_schema',
  tool_call: 'tools',
};

/** The canonical name of a feature (`thinking` -> `reasoning`); unknown names are kept as they are. */
export function canonicalFeature(feature: string): string {
  return Object.hasOwn(FEATURE_SYNONYMS, feature) ? FEATURE_SYNONYMS[feature]! : feature;
}

/** True when no requirement is set, so every model fits (and checks can be skipped). */
export function hasNoRequirements(requirements: TaskRequirements | undefined): boolean {
  return (
    !requirements ||
    (!requirements.features?.length &&
      requirements.min_context === undefined &&
      requirements.max_input_price === undefined &&
      requirements.max_output_price === undefined)
  );
}

/**
 * Both sets of requirements at once: every feature of either (canonical, once), the larger context and the
 * lower prices. How a request's own needs (tools, images, JSON) add to its task's.
 */
export function mergeRequirements(
  a: TaskRequirements | undefined,
  b: TaskRequirements | undefined,
): TaskRequirements {
  const min = (x: number | undefined, y: number | undefined) =>
    x === undefined ? y : y === undefined ? x : Math.min(x, y);
  const max = (x: number | undefined, y: number | undefined) =>
    x === undefined ? y : y === undefined ? x : Math.max(x, y);
  const features = [...new Set([...(a?.features ?? []), ...(b?.features ?? [])].map(canonicalFeature))];
  return {
    ...(features.length ? { features } : {}),
    ...defined('min_context', max(a?.min_context, b?.min_context)),
    ...defined('max_input_price', min(a?.max_input_price, b?.max_input_price)),
    ...defined('max_output_price', min(a?.max_output_price, b?.max_output_price)),
  };
}

function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
