import { describeFitProblems, type FitProblem } from '../requirements/check-model-fit.js';
import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** One model passed over for a task, with what it misses. */
export interface UnfitCandidate {
  model: string;
  problems: readonly FitProblem[];
}

/**
 * A model chosen for a task (a preference, a runtime default), or every candidate of a request, whose facts
 * miss what the task (`tasks.<task>.requires`) or the request (tools, images, JSON) needs: a feature, a
 * context window, a price ceiling. `details.missing_features` names the missing features, `details.candidates`
 * every model's problems.
 */
export class ModelUnfitForTaskError extends SwitchboardError<CoreErrorCode> {
  constructor(args: { task: string; candidates: readonly UnfitCandidate[]; hint?: string | undefined }) {
    const [first] = args.candidates;
    const each = args.candidates.map(
      (candidate) => `"${candidate.model}" ${describeFitProblems(candidate.problems)}`,
    );
    const head =
      args.candidates.length === 1 && first
        ? `Model "${first.model}" does not fit task "${args.task}": it ${describeFitProblems(first.problems)}.`
        : `No model for task "${args.task}" fits: ${each.join('; ')}.`;
    super(
      'model_unfit_for_task',
      `${head} ${args.hint ?? `Pick a model that fits, or change tasks.${args.task}.requires in the config.`}`,
      {
        task: args.task,
        ...(first ? { model: first.model } : {}),
        missing_features: [
          ...new Set(
            args.candidates.flatMap((candidate) =>
              candidate.problems.flatMap((problem) =>
                problem.code === 'missing_feature' ? [problem.feature] : [],
              ),
            ),
          ),
        ],
        candidates: args.candidates,
      },
    );
    this.name = 'ModelUnfitForTaskError';
  }
}
