import type { ConfigIssue } from '../errors/config-error.js';
import type { Registry, TaskInfo } from '../registry/registry.js';
import { checkModelFit, describeFitProblems, missingFeaturesOf } from '../requirements/check-model-fit.js';
import {
  CANONICAL_FEATURES,
  canonicalFeature,
  hasNoRequirements,
} from '../requirements/task-requirements.js';
import type { SwitchboardConfig } from './config-schema.js';
import { formatConfigPath } from './format-config-path.js';
import { suggestName } from './suggest-name.js';

type Path = Array<string | number>;

/** Where a task's requirements were written, for messages. */
function requiresSource(config: SwitchboardConfig, task: TaskInfo): string {
  return config.tasks?.[task.name]?.requires
    ? `tasks.${task.name}.requires`
    : `the built-in task's requirements`;
}

/**
 * Checks the models a task names itself (`tasks.<task>.default`, its fallbacks, `models.defaults.<task>`)
 * against the task's requirements: a registered model whose facts miss one is a config error at its path.
 * Facts that are unknown (a model with no features recorded, no context window, no price) cannot be
 * checked: they pass with a warning that says the fit is unverified. A capability default that a task
 * with requirements would fall back to, and that does not fit it, is a warning: it is right for other
 * tasks, and resolution skips it for this one (with the reason).
 */
export function checkTaskRequirements(
  config: SwitchboardConfig,
  registry: Registry,
  warnings: string[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known = new Set<string>(CANONICAL_FEATURES);
  for (const model of registry.models.values()) {
    for (const feature of model.features) known.add(canonicalFeature(feature));
  }

  for (const task of registry.tasks.values()) {
    if (hasNoRequirements(task.requires)) continue;
    const source = requiresSource(config, task);
    for (const [index, feature] of (config.tasks?.[task.name]?.requires?.features ?? []).entries()) {
      if (known.has(canonicalFeature(feature))) continue;
      const suggestion = suggestName(feature, known);
      warnings.push(
        `${formatConfigPath(['tasks', task.name, 'requires', 'features', index])}: no model has feature "${feature}", so only models whose features are unknown can serve task "${task.name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      );
    }

    const check = (path: Path, id: string, asError: boolean) => {
      const model = registry.models.get(id);
      // Unknown providers, unregistered models and lost capabilities are reported by the reference check.
      if (!model?.registered || !model.capabilities.includes(task.capability)) return;
      const fit = checkModelFit(model, task.requires);
      const at = formatConfigPath(path);
      if (!fit.fits) {
        const missing = missingFeaturesOf(fit);
        const hint = missing.length
          ? ` If it has ${missing.join(' and ')}, add ${missing.length > 1 ? 'them' : 'it'} to models.${model.provider}.registry["${model.name}"].features.`
          : '';
        const message = `model "${id}" does not fit task "${task.name}" (${source}): it ${describeFitProblems(fit.problems)}. Expected a model that fits.${hint}`;
        if (asError) issues.push({ path: at, segments: path, message });
        else {
          warnings.push(
            `${at}: "${id}" serves task "${task.name}" (which has no default of its own) but does not fit it: it ${describeFitProblems(fit.problems)}. Calls of the task will skip it; set tasks.${task.name}.default to a model that fits.`,
          );
        }
        return;
      }
      // Only where the task names the model itself: a capability default serves many tasks.
      if (asError && fit.unverified.length) {
        warnings.push(
          `${at}: the facts of "${id}" do not say whether it meets ${source} (${fit.unverified.map((entry) => entry.code.replace('_', ' ')).join(', ')}); it is used unverified. Add its features, context_window and cost under models.${model.provider}.registry["${model.name}"] to check it.`,
        );
      }
    };

    if (task.default) check(['tasks', task.name, 'default'], task.default, true);
    for (const [index, id] of task.fallbacks.entries())
      check(['tasks', task.name, 'fallbacks', index], id, true);
    const taskDefault = registry.defaults[task.name];
    if (taskDefault) check(['models', 'defaults', task.name], taskDefault, true);
    const capabilityDefault = registry.defaults[task.capability];
    if (!task.default && !taskDefault && capabilityDefault) {
      check(['models', 'defaults', task.capability], capabilityDefault, false);
    }
  }
  return issues;
}
