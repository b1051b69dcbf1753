import type { ModelFacts } from '../catalog/model-facts.js';
import { formatUsd } from '../format/format-price.js';
import { canonicalFeature, type TaskRequirements } from './task-requirements.js';

/** The facts a fit is decided on; anything else a model carries is ignored. */
export type FitFacts = Pick<ModelFacts, 'features' | 'context_window' | 'cost'>;

/** One requirement the model's facts say it misses. */
export type FitProblem =
  | { code: 'missing_feature'; feature: string }
  | { code: 'context_too_small'; required: number; context_window: number }
  | { code: 'input_price_too_high'; max: number; price: number }
  | { code: 'output_price_too_high'; max: number; price: number };

/**
 * One requirement the facts cannot decide: no features recorded (an unregistered or undescribed model), no
 * context window, no price. Not a failure: such a model is tried, and reported as unverified.
 */
export type UnverifiedRequirement =
  | { code: 'features_unknown'; features: string[] }
  | { code: 'context_unknown'; required: number }
  | { code: 'price_unknown' };

export interface ModelFit {
  /** No problem found (unverified requirements do not count against the model). */
  fits: boolean;
  problems: FitProblem[];
  unverified: UnverifiedRequirement[];
}

/**
 * Does a model with these facts fit these requirements, and if not, why. Pure; the gateway, the config
 * check and the settings page all decide with it. `facts` undefined (a model the registry does not know)
 * leaves every requirement unverified. Features are compared by canonical name (`thinking` is `reasoning`).
 */
export function checkModelFit(
  facts: FitFacts | undefined,
  requirements: TaskRequirements | undefined,
): ModelFit {
  const problems: FitProblem[] = [];
  const unverified: UnverifiedRequirement[] = [];
  const wanted = [...new Set((requirements?.features ?? []).map(canonicalFeature))];
  if (wanted.length) {
    if (!facts?.features.length) unverified.push({ code: 'features_unknown', features: wanted });
    else {
      const has = new Set(facts.features.map(canonicalFeature));
      for (const feature of wanted) {
        if (!has.has(feature)) problems.push({ code: 'missing_feature', feature });
      }
    }
  }
  const minContext = requirements?.min_context;
  if (minContext !== undefined) {
    const context = facts?.context_window;
    if (context === null || context === undefined)
      unverified.push({ code: 'context_unknown', required: minContext });
    else if (context < minContext) {
      problems.push({ code: 'context_too_small', required: minContext, context_window: context });
    }
  }
  const maxInput = requirements?.max_input_price;
  const maxOutput = requirements?.max_output_price;
  if (maxInput !== undefined || maxOutput !== undefined) {
    const cost = facts?.cost;
    if (!cost) unverified.push({ code: 'price_unknown' });
    else {
      if (maxInput !== undefined && cost.input > maxInput) {
        problems.push({ code: 'input_price_too_high', max: maxInput, price: cost.input });
      }
      if (maxOutput !== undefined && cost.output > maxOutput) {
        problems.push({ code: 'output_price_too_high', max: maxOutput, price: cost.output });
      }
    }
  }
  return { fits: problems.length === 0, problems, unverified };
}

/**
 * One problem in words that follow "it": `lacks tools`, `has a context window of 8,192 tokens (100,000
 * required)`, `costs $15 per 1M input tokens (at most $5 allowed)`.
 */
export function describeFitProblem(problem: FitProblem): string {
  switch (problem.code) {
    case 'missing_feature':
      return `lacks ${problem.feature}`;
    case 'context_too_small':
      return `has a context window of ${problem.context_window.toLocaleString('en-US')} tokens (${problem.required.toLocaleString('en-US')} required)`;
    case 'input_price_too_high':
      return `costs $${formatUsd(problem.price)} per 1M input tokens (at most $${formatUsd(problem.max)} allowed)`;
    case 'output_price_too_high':
      return `costs $${formatUsd(problem.price)} per 1M output tokens (at most $${formatUsd(problem.max)} allowed)`;
  }
}

/** Every problem in words, joined: `lacks tools and lacks vision`. */
export function describeFitProblems(problems: readonly FitProblem[]): string {
  return problems.map(describeFitProblem).join(' and ');
}

/** The features a fit says are missing, for error details and the settings page. */
export function missingFeaturesOf(fit: ModelFit): string[] {
  return fit.problems.flatMap((problem) => (problem.code === 'missing_feature' ? [problem.feature] : []));
}
