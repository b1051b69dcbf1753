import { NoModelConfiguredError } from '../errors/no-model-configured-error.js';
import { UnknownTaskError } from '../errors/unknown-task-error.js';
import { parseModelId } from '../model-id.js';
import type { ProviderKind } from '../provider-kinds.js';
import type { ModelInfo, Registry, TaskInfo } from '../registry/registry.js';
import { checkModelFit, describeFitProblems } from '../requirements/check-model-fit.js';
import { hasNoRequirements } from '../requirements/task-requirements.js';
import { assertModelCanServe } from './assert-model-can-serve.js';
import { describeProviderUsability } from './describe-provider-usability.js';

/**
 * Which rule chose the model. `limit_fallback` is never answered by `resolveModel`: the gateway sets it when
 * a task's budget is exhausted and the rule's `on_exceeded.fallback` serves the call instead.
 */
export type ResolutionSource =
  | 'override'
  | 'preference'
  | 'runtime_default'
  | 'config_default'
  | 'limit_fallback';

/** A candidate that was passed over, and why: stale choices are reported, never dropped silently. */
export interface SkippedCandidate {
  source: ResolutionSource;
  model: string;
  /** `invalid_model_id`, `provider_gone`, `not_registered`, `capability_lost`, `unfit_for_task`; per request `lacks_feature`. */
  code: string;
  reason: string;
}

/** Runtime defaults set through `POST /v1/ai/models/primary`, by task name and by capability. */
export interface RuntimeDefaults {
  tasks?: Readonly<Record<string, string>>;
  capabilities?: Readonly<Record<string, string>>;
}

export interface ResolveInput {
  /** The request's `model`. Errors when it cannot serve the task. */
  override?: string | null | undefined;
  /** The user's stored choice for the task; skipped (and reported) when stale. */
  preference?: string | null | undefined;
  runtimeDefaults?: RuntimeDefaults | undefined;
  /**
   * Providers the caller holds their own key for (`user_keys: allow`): callable by this caller even when
   * the provider has no shared key. Per caller, so a resolution made with it is never shared across users.
   */
  ownKeys?: ReadonlySet<string> | undefined;
}

/** The answer: the model, which rule chose it, what was skipped, and the task's fallbacks. */
export interface Resolution {
  task: string;
  capability: string;
  model: string;
  provider: string;
  name: string;
  kind: ProviderKind;
  registered: boolean;
  source: ResolutionSource;
  /** Where exactly it came from: `request`, `preference`, `runtime default for task chat`, `tasks.chat.default`, ... */
  via: string;
  skipped: SkippedCandidate[];
  /** Model IDs to try, in order, when the resolved provider fails with a retryable error. */
  fallbacks: string[];
  /** The registry's facts, when the model is registered or discovered. */
  info: ModelInfo | undefined;
  /**
   * False when a call would fail for sure: the provider has no key (the server adds what health knows:
   * unauthorized, unreachable). An override never gets here unusable: it is refused instead (rule 1).
   */
  usable: boolean;
  /** Why `usable` is false, for people. */
  unusable_reason?: string | undefined;
}

type Rejection = { code: string; reason: string };

/** Why a stored choice (preference or default) can no longer serve the task, or undefined when it can. */
function checkStoredChoice(
  registry: Registry,
  task: TaskInfo,
  id: string,
  requireRegistered: boolean,
): Rejection | undefined {
  let provider: string;
  try {
    provider = parseModelId(id).provider;
  } catch (error) {
    return { code: 'invalid_model_id', reason: (error as Error).message };
  }
  if (!registry.providers.has(provider)) {
    return { code: 'provider_gone', reason: `provider "${provider}" is no longer configured` };
  }
  const model = registry.models.get(id);
  if (!model?.registered) {
    if (!requireRegistered && registry.allowUnregistered) return undefined;
    return { code: 'not_registered', reason: `"${id}" is no longer registered in the config` };
  }
  if (!model.capabilities.includes(task.capability)) {
    return {
      code: 'capability_lost',
      reason: `"${id}" no longer has capability "${task.capability}" (it has ${model.capabilities.join(', ') || 'none'})`,
    };
  }
  // After a config edit a stored choice may no longer meet `tasks.<task>.requires`; unknown facts pass.
  if (hasNoRequirements(task.requires)) return undefined;
  const fit = checkModelFit(model, task.requires);
  if (!fit.fits) {
    return {
      code: 'unfit_for_task',
      reason: `"${id}" does not fit task "${task.name}": it ${describeFitProblems(fit.problems)}`,
    };
  }
  return undefined;
}

function answer(
  registry: Registry,
  task: TaskInfo,
  id: string,
  source: ResolutionSource,
  via: string,
  skipped: SkippedCandidate[],
  ownKeys: ReadonlySet<string> | undefined,
): Resolution {
  const { provider, name } = parseModelId(id);
  const info = registry.models.get(id);
  const usability = describeProviderUsability(
    registry.providers.get(provider),
    undefined,
    ownKeys?.has(provider) ?? false,
  );
  return {
    task: task.name,
    capability: task.capability,
    model: id,
    provider,
    name,
    // The provider was checked to exist on every path that reaches here.
    kind: registry.providers.get(provider)!.kind,
    registered: info?.registered ?? false,
    source,
    via,
    skipped,
    fallbacks: task.fallbacks.filter((fallback) => fallback !== id),
    info,
    usable: usability.usable,
    ...(usability.reason ? { unusable_reason: usability.reason } : {}),
  };
}

/**
 * Picks the model for a task. First that applies wins: the request's override, the user's preference, a
 * runtime default (task, then capability), the config's default (`tasks.<task>.default`,
 * `models.defaults.<task>`, `models.defaults.<capability>`). Pure and synchronous: preferences and runtime
 * defaults come in as arguments, so the caller owns caching.
 */
export function resolveModel(registry: Registry, taskName: string, input: ResolveInput = {}): Resolution {
  const task = registry.tasks.get(taskName);
  if (!task) throw new UnknownTaskError(taskName, [...registry.tasks.keys()]);

  if (input.override) {
    assertModelCanServe(registry, input.override, {
      capability: task.capability,
      task: task.name,
      ownKeys: input.ownKeys,
    });
    return answer(registry, task, input.override, 'override', 'request', [], input.ownKeys);
  }

  const skipped: SkippedCandidate[] = [];
  const consider = (
    id: string | null | undefined,
    source: ResolutionSource,
    via: string,
    requireRegistered: boolean,
  ): Resolution | undefined => {
    if (!id) return undefined;
    const rejection = checkStoredChoice(registry, task, id, requireRegistered);
    if (!rejection) return answer(registry, task, id, source, via, skipped, input.ownKeys);
    skipped.push({ source, model: id, ...rejection });
    return undefined;
  };

  const runtime = input.runtimeDefaults;
  return (
    consider(input.preference, 'preference', 'preference', true) ??
    consider(
      runtime?.tasks?.[task.name],
      'runtime_default',
      `runtime default for task ${task.name}`,
      false,
    ) ??
    consider(
      runtime?.capabilities?.[task.capability],
      'runtime_default',
      `runtime default for capability ${task.capability}`,
      false,
    ) ??
    consider(task.default, 'config_default', `tasks.${task.name}.default`, false) ??
    consider(registry.defaults[task.name], 'config_default', `models.defaults.${task.name}`, false) ??
    consider(
      registry.defaults[task.capability],
      'config_default',
      `models.defaults.${task.capability}`,
      false,
    ) ??
    (() => {
      throw new NoModelConfiguredError(task.name, task.capability, skipped);
    })()
  );
}
