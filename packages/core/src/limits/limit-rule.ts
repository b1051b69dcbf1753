import {
  LIMIT_DIMENSIONS,
  LIMIT_MEASURES,
  type LimitDimension,
  type LimitMeasure,
  type LimitRuleConfig,
  type LimitWindowName,
} from '../config/config-schema.js';

/** Where a rule comes from: the config file (read-only at runtime) or `PUT /v1/limits/:name`. */
export type LimitRuleSource = 'config' | 'runtime';

/** A limit as the gateway applies it: the config's shape, with its one measure picked out. */
export interface LimitRule {
  name: string;
  source: LimitRuleSource;
  /** The dimensions it matches on: a value, or `"*"` for one counter per distinct value. Absent: any. */
  match: Readonly<Partial<Record<LimitDimension, string>>>;
  measure: LimitMeasure;
  /** Requests, tokens, or USD per window. */
  limit: number;
  per: LimitWindowName;
  /** `on_exceeded.fallback`: the model that serves the task once this rule is exhausted. */
  fallback?: string | undefined;
  /** `usd` rules: what happens to a model with no known price. */
  onUnpriced: 'refuse' | 'allow';
  /** Whether calls served with the caller's own provider key count (`include`) or not (`exclude`, default). */
  userKeys: 'exclude' | 'include';
}

/** Converts a rule as written (config or API) to the form the matcher and the counters use. */
export function toLimitRule(name: string, config: LimitRuleConfig, source: LimitRuleSource): LimitRule {
  const measure = LIMIT_MEASURES.find((candidate) => config[candidate] !== undefined);
  if (!measure) throw new Error(`limit "${name}" has no measure (the schema should have refused it)`);
  const match: Partial<Record<LimitDimension, string>> = {};
  for (const dimension of LIMIT_DIMENSIONS) {
    const value = config[dimension];
    if (value !== undefined) match[dimension] = value;
  }
  return {
    name,
    source,
    match,
    measure,
    limit: config[measure] as number,
    per: config.per,
    fallback: config.on_exceeded?.fallback,
    onUnpriced: config.on_unpriced ?? 'refuse',
    userKeys: config.user_keys ?? 'exclude',
  };
}

/** The rule back in the shape it is written in (config file and API). */
export function toLimitRuleConfig(rule: LimitRule): LimitRuleConfig {
  return {
    ...rule.match,
    [rule.measure]: rule.limit,
    per: rule.per,
    ...(rule.fallback ? { on_exceeded: { fallback: rule.fallback } } : {}),
    ...(rule.measure === 'usd' && rule.onUnpriced !== 'refuse' ? { on_unpriced: rule.onUnpriced } : {}),
    ...(rule.userKeys === 'include' ? { user_keys: 'include' } : {}),
  } as LimitRuleConfig;
}
