import { CapabilityMismatchError } from '../errors/capability-mismatch-error.js';
import { ModelUnfitForTaskError } from '../errors/model-unfit-for-task-error.js';
import { ProviderUnconfiguredError } from '../errors/provider-unconfigured-error.js';
import { UnknownProviderError } from '../errors/unknown-provider-error.js';
import { UnregisteredModelError } from '../errors/unregistered-model-error.js';
import { parseModelId } from '../model-id.js';
import { configuredProviderNames } from '../registry/configured-provider-names.js';
import type { ModelInfo, ProviderInfo, Registry } from '../registry/registry.js';
import { checkModelFit } from '../requirements/check-model-fit.js';
import type { TaskRequirements } from '../requirements/task-requirements.js';

export interface ServeCheck {
  capability: string;
  /** Named in the error; the capability's name when the check is not for a task. */
  task?: string | undefined;
  /** Refuse unregistered models even when `allow_unregistered` is true (stored preferences). */
  requireRegistered?: boolean | undefined;
  /**
   * The task's requirements: a model whose facts miss one is refused (`model_unfit_for_task`). Facts that
   * are unknown (no features recorded, no context window, no price) do not refuse it.
   */
  requires?: TaskRequirements | undefined;
  /** Providers the caller holds their own key for: callable by them even without a shared key. */
  ownKeys?: ReadonlySet<string> | undefined;
}

/** Why a provider cannot be called by this caller; one that takes user keys says how to bring one. */
export function unconfiguredReason(provider: ProviderInfo): string {
  const reason = provider.unconfigured_reason ?? 'it is not configured';
  if (!provider.user_keys) return reason;
  return `${reason}; or store your own key for it (PUT /api/users/:user_id/provider-keys/${provider.name}, or your settings page)`;
}

/**
 * Throws the error a caller can act on unless `id` can serve `capability`: it must parse, its provider must
 * be in the config and configured (a key, an endpoint, or the caller's own key), and a registered model must have the capability. Unregistered models pass when the config
 * allows them (and the check does not require registration). A registered model must also fit `requires`. Returns the model's registry entry, if any.
 */
export function assertModelCanServe(
  registry: Registry,
  id: string,
  check: ServeCheck,
): ModelInfo | undefined {
  const { provider } = parseModelId(id);
  const providerInfo = registry.providers.get(provider);
  const configured = configuredProviderNames(registry.providers.values());
  if (!providerInfo) throw new UnknownProviderError(provider, configured, id);
  // DESIGN rule 1: a choice's provider must be callable, or the call it promises fails later with a 503.
  if (!providerInfo.configured && !check.ownKeys?.has(provider)) {
    throw new ProviderUnconfiguredError(provider, unconfiguredReason(providerInfo), configured);
  }
  const model = registry.models.get(id);
  if (model?.registered) {
    if (!model.capabilities.includes(check.capability)) {
      throw new CapabilityMismatchError({
        model: id,
        task: check.task ?? check.capability,
        capability: check.capability,
        modelCapabilities: model.capabilities,
      });
    }
    const fit = checkModelFit(model, check.requires);
    if (!fit.fits) {
      throw new ModelUnfitForTaskError({
        task: check.task ?? check.capability,
        candidates: [{ model: id, problems: fit.problems }],
      });
    }
    return model;
  }
  if (check.requireRegistered || !registry.allowUnregistered) {
    const registered = [...registry.models.values()]
      .filter((entry) => entry.provider === provider && entry.registered)
      .map((entry) => entry.id);
    const why = check.requireRegistered
      ? 'only registered models can be stored as a choice'
      : 'models.allow_unregistered is false';
    throw new UnregisteredModelError(id, provider, why, registered);
  }
  return model;
}
