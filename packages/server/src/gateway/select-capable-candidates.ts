import { type ModelInfo, parseModelId, type Resolution } from '@switchboard/core';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { CallNeed } from './surfaces/surface-call.js';

/** The model features that satisfy each need. JSON output also comes through a forced tool call. */
const FEATURES: Readonly<Record<CallNeed, readonly string[]>> = {
  tools: ['tools'],
  vision: ['vision'],
  json: ['json', 'structured_output', 'tools'],
};

const NEED_NAMES: Readonly<Record<CallNeed, string>> = {
  tools: 'tools',
  vision: 'images (vision)',
  json: 'JSON output',
};

/**
 * The needs a model's facts say it lacks. A model with no features recorded at all (an unregistered or
 * undescribed model) is not known to lack anything, and is tried.
 */
export function lackedNeeds(info: ModelInfo | undefined, needs: readonly CallNeed[]): CallNeed[] {
  if (!info || info.features.length === 0) return [];
  return needs.filter((need) => !FEATURES[need].some((feature) => info.features.includes(feature)));
}

/**
 * Narrows a resolution to the candidates (the resolved model, then its fallbacks) whose facts have what
 * the request needs (tools, images, JSON). Those that lack it are skipped and listed in `skipped`, never
 * called, so a fallback cannot answer a 400 about a feature it lacks in place of the resolved model's 429.
 * None left is a 400 that says which feature no candidate has.
 */
export function selectCapableCandidates(
  models: ReadonlyMap<string, ModelInfo>,
  resolution: Resolution,
  needs: readonly CallNeed[] | undefined,
): Resolution {
  if (!needs?.length) return resolution;
  const candidates = [resolution.model, ...resolution.fallbacks];
  const skipped = [...resolution.skipped];
  const capable: string[] = [];
  for (const model of candidates) {
    const lacks = lackedNeeds(models.get(model), needs);
    if (lacks.length === 0) capable.push(model);
    else {
      skipped.push({
        source: resolution.source,
        model,
        code: 'lacks_feature',
        reason: `it lacks ${lacks.map((need) => NEED_NAMES[need]).join(' and ')}, which this request uses`,
      });
    }
  }
  const [first, ...rest] = capable;
  if (!first) {
    const lacking = needs.filter((need) =>
      candidates.every((model) => lackedNeeds(models.get(model), [need]).length),
    );
    throw new InvalidRequestError(
      `No model for task "${resolution.task}" has ${lacking.map((need) => NEED_NAMES[need]).join(' and ')}, which this request uses: ${candidates.join(', ')} ${candidates.length > 1 ? 'lack' : 'lacks'} it. Choose a model that has it, or leave the feature out.`,
      { task: resolution.task, needs: lacking, skipped: skipped.slice(resolution.skipped.length) },
    );
  }
  if (first === resolution.model) return { ...resolution, fallbacks: rest, skipped };
  const info = models.get(first);
  return {
    ...resolution,
    ...parseModelId(first),
    model: first,
    kind: info?.kind ?? resolution.kind,
    registered: info?.registered ?? false,
    info,
    via: `${resolution.via}, then fallback ${first} (${resolution.model} lacks what the request uses)`,
    fallbacks: rest,
    skipped,
  };
}
