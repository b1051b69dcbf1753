import {
  canonicalFeature,
  checkModelFit,
  describeFitProblems,
  type FitProblem,
  hasNoRequirements,
  type ModelInfo,
  ModelUnfitForTaskError,
  mergeRequirements,
  parseModelId,
  type Registry,
  type Resolution,
  type SkippedCandidate,
  type TaskRequirements,
} from '@switchboard/core';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { CallNeed } from './surfaces/surface-call.js';

/** The feature each need of a request asks for, in the requirements' canonical names. */
const NEED_FEATURES: Readonly<Record<CallNeed, string>> = {
  tools: 'tools',
  vision: 'vision',
  json: 'json_schema',
};

const NEED_NAMES: Readonly<Record<string, string>> = {
  tools: 'tools',
  vision: 'images (vision)',
  json_schema: 'JSON output',
};

/** A request's needs as requirements: `['tools', 'vision', 'json']` -> `{ features: [tools, vision, json_schema] }`. */
export function requirementsOfNeeds(needs: readonly CallNeed[] | undefined): TaskRequirements {
  return needs?.length ? { features: needs.map((need) => NEED_FEATURES[need]) } : {};
}

/**
 * What a candidate misses of the task's requirements and the request's needs. A request's JSON may also
 * come through a forced tool call, so for the request alone (not a task that requires `json_schema`) a
 * model with tools is not held to `json_schema`. Facts that are unknown count against nothing.
 */
function problemsOf(
  info: ModelInfo | undefined,
  requirements: TaskRequirements,
  taskFeatures: ReadonlySet<string>,
): FitProblem[] {
  const { problems } = checkModelFit(info, requirements);
  const hasTools = info?.features.some((feature) => canonicalFeature(feature) === 'tools') ?? false;
  return problems.filter(
    (problem) =>
      !(problem.code === 'missing_feature' && problem.feature === 'json_schema' && hasTools) ||
      taskFeatures.has('json_schema'),
  );
}

/** True when every problem is a feature only the request (not the task) asks for. */
function onlyRequestNeeds(problems: readonly FitProblem[], taskFeatures: ReadonlySet<string>): boolean {
  return problems.every(
    (problem) => problem.code === 'missing_feature' && !taskFeatures.has(problem.feature),
  );
}

function reasonOf(problems: readonly FitProblem[], task: string, taskFeatures: ReadonlySet<string>): string {
  if (onlyRequestNeeds(problems, taskFeatures)) {
    const names = problems.map((problem) => (problem.code === 'missing_feature' ? problem.feature : ''));
    return `it lacks ${names.map((name) => NEED_NAMES[name] ?? name).join(' and ')}, which this request uses`;
  }
  return `it does not fit task "${task}": it ${describeFitProblems(problems)}`;
}

/**
 * Narrows a resolution to the candidates (the resolved model, then its fallbacks) that fit what the task
 * requires (`tasks.<task>.requires`) and what the request uses (tools, images, JSON). Those that do not are
 * skipped and listed in `skipped` (`lacks_feature` for the request's needs, `unfit_for_task` for the
 * task's), never called, so a fallback cannot answer a 400 about a feature it lacks in place of the
 * resolved model's 429. None left is a 400 that says what is missing: `invalid_request` when only the
 * request's needs are, `model_unfit_for_task` when the task's requirements are.
 */
export function selectCapableCandidates(
  registry: Pick<Registry, 'models' | 'tasks'>,
  resolution: Resolution,
  needs: readonly CallNeed[] | undefined,
): Resolution {
  const taskRequires = registry.tasks.get(resolution.task)?.requires;
  if (!needs?.length && hasNoRequirements(taskRequires)) return resolution;
  const requirements = mergeRequirements(taskRequires, requirementsOfNeeds(needs));
  const taskFeatures = new Set(taskRequires?.features ?? []);
  const { models } = registry;
  const candidates = [resolution.model, ...resolution.fallbacks];
  const newlySkipped: SkippedCandidate[] = [];
  const unfit: Array<{ model: string; problems: FitProblem[] }> = [];
  const capable: string[] = [];
  for (const model of candidates) {
    const problems = problemsOf(models.get(model), requirements, taskFeatures);
    if (problems.length === 0) {
      capable.push(model);
      continue;
    }
    unfit.push({ model, problems });
    newlySkipped.push({
      source: resolution.source,
      model,
      code: onlyRequestNeeds(problems, taskFeatures) ? 'lacks_feature' : 'unfit_for_task',
      reason: reasonOf(problems, resolution.task, taskFeatures),
    });
  }
  const skipped = [...resolution.skipped, ...newlySkipped];
  const [first, ...rest] = capable;
  if (!first) {
    if (unfit.every((entry) => onlyRequestNeeds(entry.problems, taskFeatures))) {
      const lacking = [
        ...new Set(
          unfit.flatMap((entry) =>
            entry.problems.flatMap((problem) =>
              problem.code === 'missing_feature' ? [problem.feature] : [],
            ),
          ),
        ),
      ];
      const needsLacking = (needs ?? []).filter((need) => lacking.includes(NEED_FEATURES[need]));
      throw new InvalidRequestError(
        `No model for task "${resolution.task}" has ${lacking.map((name) => NEED_NAMES[name] ?? name).join(' and ')}, which this request uses: ${candidates.join(', ')} ${candidates.length > 1 ? 'lack' : 'lacks'} it. Choose a model that has it, or leave the feature out.`,
        { task: resolution.task, needs: needsLacking, missing_features: lacking, skipped: newlySkipped },
      );
    }
    throw new ModelUnfitForTaskError({
      task: resolution.task,
      candidates: unfit,
      hint: 'Choose a model that fits (the settings page shows which do), or leave out what the request uses.',
    });
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
    via: `${resolution.via}, then fallback ${first} (${resolution.model} does not fit what the call needs)`,
    fallbacks: rest,
    skipped,
  };
}
