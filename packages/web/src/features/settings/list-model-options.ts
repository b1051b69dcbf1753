import type { ApiModel, ApiProvider, ProviderHealth } from '@switchboard/client';
import {
  checkModelFit,
  describeFitProblems,
  describeProviderUsability,
  hasNoRequirements,
  type TaskRequirements,
} from '@switchboard/core';

/** One model the picker offers: usable or not, and why not. */
export interface ModelOption {
  model: ApiModel;
  /** Why it cannot be chosen (no key, unreachable, ...), or undefined when it can. */
  unusableReason: string | undefined;
  /** What it misses of the task's requirements (`lacks tools`), or undefined when it fits. */
  unfitReason?: string | undefined;
  /** Its facts do not say whether it meets the task's requirements (no features recorded, ...). */
  unverified?: boolean | undefined;
}

/** The key of the group of models that do not fit the task: never a provider name, which starts with a letter. */
export const UNFIT_GROUP = '-unfit';

/** The options of one provider, under its name; or (key `UNFIT_GROUP`) the models that do not fit the task. */
export interface ProviderOptions {
  provider: string;
  /** Shown as the group's heading. */
  label: string;
  /** Why none of its models can be chosen, when so. */
  unusableReason: string | undefined;
  options: ModelOption[];
}

/** Whether a model matches every word of a search: in its ID, label or features. */
function matches(model: ApiModel, words: readonly string[]): boolean {
  const haystack = [model.id, model.label ?? '', ...model.features].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * The registered models that can serve a capability, grouped by provider (usable providers first, then in
 * the server's order), filtered by a search. Models that fit the task's requirements (core's
 * `checkModelFit`, as the server decides) come first; those that do not follow in one last group, each
 * with what it misses, and cannot be chosen (the server would refuse them). Models of a provider that
 * cannot be called now (judged as resolution judges it) stay listed, with the reason, so people see what
 * exists and what to fix. `ownKeys`: providers this user holds their own key for, callable by them even
 * without a shared key (the server accepts their choice there).
 */
export function listModelOptions(
  models: readonly ApiModel[],
  providers: readonly ApiProvider[],
  health: Readonly<Record<string, ProviderHealth>> | undefined,
  capability: string,
  query = '',
  requires?: TaskRequirements,
  ownKeys?: ReadonlySet<string>,
): ProviderOptions[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const checked = !hasNoRequirements(requires);
  const unfit: ModelOption[] = [];
  const groups = providers
    .map((provider) => {
      const { reason } = describeProviderUsability(
        provider,
        health?.[provider.name],
        ownKeys?.has(provider.name) ?? false,
      );
      const options: ModelOption[] = [];
      for (const model of models) {
        if (model.provider !== provider.name || !model.registered) continue;
        if (!model.capabilities.includes(capability) || !matches(model, words)) continue;
        const fit = checked ? checkModelFit(model, requires) : undefined;
        if (fit && !fit.fits) {
          unfit.push({ model, unusableReason: reason, unfitReason: describeFitProblems(fit.problems) });
        } else {
          options.push({ model, unusableReason: reason, unverified: Boolean(fit?.unverified.length) });
        }
      }
      return { provider: provider.name, label: provider.name, unusableReason: reason, options };
    })
    .filter((group) => group.options.length > 0)
    // What can be chosen first; the rest after it, still visible with the reason.
    .sort((a, b) => Number(a.unusableReason !== undefined) - Number(b.unusableReason !== undefined));
  if (unfit.length) {
    groups.push({
      provider: UNFIT_GROUP,
      label: 'Does not fit this task',
      unusableReason: undefined,
      options: unfit,
    });
  }
  return groups;
}
