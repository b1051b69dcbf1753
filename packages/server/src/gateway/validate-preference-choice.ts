import {
  assertModelCanServe,
  configuredProviderNames,
  formatModelId,
  type PreferenceChoice,
  parseModelId,
  type Registry,
  UnknownProviderError,
  UnknownTaskError,
} from '@switchboard/core';
import { ModelProviderMismatchError } from '../errors/model-provider-mismatch-error.js';

/**
 * Turns a choice for a task into the model ID to store, or throws the 4xx that says what is wrong: unknown
 * task, unknown provider, a provider with no key, a model of another provider, an unregistered model, a model
 * without the task's capability, a model whose facts miss the task's requirements (`model_unfit_for_task`). Only registered models can be stored, so a choice never points at nothing.
 */
export function validatePreferenceChoice(
  registry: Registry,
  taskName: string,
  choice: PreferenceChoice,
  /** Providers the user whose choice it is holds their own key for: choosable by them without a shared key. */
  ownKeys?: ReadonlySet<string>,
): string {
  const task = registry.tasks.get(taskName);
  if (!task) throw new UnknownTaskError(taskName, [...registry.tasks.keys()]);

  let id: string;
  if ('id' in choice) {
    id = choice.id;
    parseModelId(id);
  } else {
    if (!registry.providers.has(choice.provider)) {
      throw new UnknownProviderError(choice.provider, configuredProviderNames(registry.providers.values()));
    }
    // `{ provider: "openai", model: "anthropic:claude-..." }` or a bare name another provider registers.
    const owners = [...registry.models.values()]
      .filter((model) => model.registered && model.provider !== choice.provider)
      .filter((model) => model.id === choice.model || model.name === choice.model)
      .map((model) => model.provider);
    const own = registry.models.get(`${choice.provider}:${choice.model}`);
    if (!own?.registered && owners.length) {
      throw new ModelProviderMismatchError(choice.provider, choice.model, [...new Set(owners)]);
    }
    id = formatModelId({ provider: choice.provider, name: choice.model });
  }

  assertModelCanServe(registry, id, {
    capability: task.capability,
    task: task.name,
    requireRegistered: true,
    requires: task.requires,
    ownKeys,
  });
  return id;
}
